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


# --- Deleting people: refused for anyone who took part (see account_deletion) ------------------------------


def _refuse_deletion(request, people):
    from django.shortcuts import redirect
    from wagtail.admin import messages

    from .account_deletion import has_contributions, refusal_message

    refused = [person for person in people if has_contributions(person)]
    if not refused:
        return None
    for person in refused:
        messages.error(request, refusal_message(person))
    if len(people) == 1:
        return redirect("wagtailusers_users:edit", people[0].pk)
    return redirect("wagtailusers_users:index")


@hooks.register("before_delete_user")
def refuse_deleting_participants(request, user):
    return _refuse_deletion(request, [user])


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_participants(request, action_type, objects, action_class_instance):
    from django.contrib.auth import get_user_model

    if action_type != "delete" or getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    return _refuse_deletion(request, list(objects))
