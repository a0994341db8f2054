"""Reports (flags) on proposals and comments, which moderators deal with."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.model_parts import acting_user, optional_link

from .contributions import Comment, Proposal

# --- Reports (flags) -------------------------------------------------------------


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Werbung oder Spam")
    OFFENSIVE = "offensive", _("beleidigend oder diskriminierend")
    OFF_TOPIC = "off_topic", _("gehört nicht zum Thema")
    PERSONAL_DATA = "personal_data", _("enthält persönliche Daten")


class ContentReport(models.Model):
    """A participant's flag on a proposal or a comment. Kept after the item is restored (its history)."""

    proposal = optional_link(Proposal, _("Vorschlag"), on_delete=models.CASCADE, related_name="reports")
    comment = optional_link(Comment, _("Kommentar"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeldet von"),
        on_delete=models.CASCADE,
        related_name="content_reports",
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=ReportReason.choices)
    text = models.TextField(_("Erläuterung"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemeldet am"), default=timezone.now)
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    resolved_by = acting_user(_("erledigt von"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(proposal__isnull=False, comment__isnull=True)
                    | models.Q(proposal__isnull=True, comment__isnull=False)
                ),
                name="consultation_report_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="consultation_one_report_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(comment__isnull=False),
                name="consultation_one_report_per_comment",
            ),
        ]

    def __str__(self) -> str:
        target = self.proposal or self.comment
        return f"{self.get_reason_display()}: {target}"
