from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

STAFF_PERMISSIONS = (
    *(
        f"monitoring.{action}_{model}"
        for model in ("measure", "indicator", "indicatorvalue", "reportschedule")
        for action in ("view", "add", "change")
    ),
    "monitoring.view_reportrun",
    "monitoring.add_reportrun",
    "monitoring.view_report",
    "monitoring.issue_report",
    "monitoring.release_report",
)
ADMINISTRATOR_PERMISSIONS = (
    *STAFF_PERMISSIONS,
    "monitoring.delete_measure",
    "monitoring.delete_indicator",
    "monitoring.delete_indicatorvalue",
    "monitoring.delete_reportschedule",
)


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring und Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultation.registry import register_outcome_provider
        from lip.roles import Role, extend_role

        from . import outcomes

        extend_role(Role.MODERATOR, *STAFF_PERMISSIONS)
        register_outcome_provider(outcomes.outcome_for_proposal)
        extend_role(Role.ADMINISTRATOR, *ADMINISTRATOR_PERMISSIONS)
