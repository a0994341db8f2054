from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_views import DistrictViewSet, OrganisationGroup, TopicViewSet


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationGroup()


register_snippet(DistrictViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("lip.organisation.verify", "Organisation bestätigt", "Organisation bestätigt")
    actions.register_action("lip.organisation.unverify", "Bestätigung entzogen", "Bestätigung entzogen")
    actions.register_action("lip.user.delete", "Konto gelöscht", "Konto gelöscht")


# --- Deleting people: through the account deletion service (lip/privacy/admin.py) --------------------------------


@hooks.register("before_bulk_action")
def bulk_delete_people_through_the_service(request, action_type, objects, action_class_instance):
    from django.contrib.auth import get_user_model

    from .privacy.admin import bulk_delete_people, refuse_bulk_change_of_deleted

    if getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    if action_type != "delete":
        return refuse_bulk_change_of_deleted(request, list(objects))
    return bulk_delete_people(request, list(objects))


@hooks.register("construct_homepage_panels")
def organisations_without_representative(request, panels):
    from .privacy.admin import organisations_without_representative_panel

    organisations_without_representative_panel(request, panels)


@hooks.register("before_serve_document", order=-1)  # before Wagtail's check of the collection's view restrictions
def signed_in_without_access_gets_404(document, request):
    """Wagtail answers a restricted document with a login redirect, even to someone already signed in who lacks
    the group: the login page sends them straight back, in a loop. Signed-in people without access get 404
    (nothing says the file exists); anonymous visitors still get the login redirect."""
    if not request.user.is_authenticated:
        return None
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type != restriction.PASSWORD and not restriction.accept_request(request):
            raise Http404
    return None
