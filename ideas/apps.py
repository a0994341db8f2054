from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

STAFF_PERMISSIONS = (
    "ideas.manage_competition",
    "ideas.view_fund",
    "ideas.add_fund",
    "ideas.change_fund",
    "ideas.view_application",
    "ideas.view_juryassignment",
    "ideas.add_juryassignment",
    "ideas.delete_juryassignment",
)


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideenwettbewerb")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultation.registry import register_outcome_provider
        from home.registry import register_home_section
        from lip.roles import extend_staff_roles

        from . import home_sections, outcomes

        extend_staff_roles(STAFF_PERMISSIONS, "ideas.delete_fund")
        register_outcome_provider(outcomes.funded_projects)
        register_home_section(home_sections.competitions)
