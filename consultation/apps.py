from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODERATOR_PERMISSIONS = tuple(
    f"consultation.{action}_{model}"
    for model in ("proposal", "comment", "event", "analogtally", "response", "vote", "contentreport")
    for action in ("view", "add", "change")
) + ("consultation.delete_analogtally", "consultation.delete_event")


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Beteiligung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from home.registry import register_home_section, register_search_provider
        from lip.roles import extend_staff_roles

        from . import home_sections
        from .models import PlanDraftPage
        from .plan import versions

        extend_staff_roles(MODERATOR_PERMISSIONS, "consultation.delete_proposal", "consultation.delete_comment")
        register_home_section(home_sections.running_consultations)
        register_search_provider(home_sections.proposal_search)
        # Each specific page class sends the signal with itself as sender.
        page_published.connect(
            versions.on_page_published, sender=PlanDraftPage, dispatch_uid="consultation-plan-version"
        )
