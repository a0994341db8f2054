from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

STAFF_PERMISSIONS = (
    *(
        f"monitoring.{action}_{model}"
        for model in ("measure", "indicator", "indicatorvalue", "reportschedule", "populationfigure")
        for action in ("view", "add", "change")
    ),
    "monitoring.view_reportrun",
    "monitoring.add_reportrun",
    "monitoring.view_report",
    "monitoring.issue_report",
    "monitoring.release_report",
    "monitoring.review_report",
    "monitoring.add_reachprofile",  # paper sheets of the voluntary questionnaire about the person (`reach`)
)
ADMINISTRATOR_ONLY_PERMISSIONS = (
    "monitoring.delete_measure",
    "monitoring.delete_indicator",
    "monitoring.delete_indicatorvalue",
    "monitoring.delete_reportschedule",
    "monitoring.delete_populationfigure",
    "monitoring.change_reportsettings",  # who signs the reports (`ReportSettings`)
)


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring und Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from consultation.registry import register_outcome_provider
        from lip.roles import extend_staff_roles

        from .measures import outcomes
        from .reports import immutability

        # Issued reports' PDFs can be neither changed nor deleted (see `immutability`). Registered for the exact
        # class, so it wins over the policy wagtail.documents registers in its own ready(), whichever runs first.
        register_permission_policy(get_document_model(), immutability.document_permission_policy(), exact_class=True)
        immutability.connect_signals()
        extend_staff_roles(STAFF_PERMISSIONS, *ADMINISTRATOR_ONLY_PERMISSIONS)
        register_outcome_provider(outcomes.outcome_for_proposal)
