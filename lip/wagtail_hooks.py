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
