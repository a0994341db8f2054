"""Grants from the fund, and the audience prize's votes."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.files import private_upload_path
from lip.model_parts import acting_user

from .applications import Application
from .competitions import CompetitionPage
from .funds import MONEY, Fund


def _letter_path(instance, filename: str) -> str:
    return private_upload_path("ideas/bescheide", filename)


class Award(models.Model):
    """The grant for one application, charged to the fund of its competition.

    That the awards of a fund never exceed its budget is guaranteed by `ideas.decisions.services.award_grant`, which
    locks the fund row for the transaction that checks and inserts (a sum over rows cannot be a check constraint).
    """

    application = models.OneToOneField(
        Application, verbose_name=_("Antrag"), on_delete=models.PROTECT, related_name="award"
    )
    fund = models.ForeignKey(Fund, verbose_name=_("Fonds"), on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(_("Fördersumme (€)"), **MONEY)
    conditions = models.TextField(_("Auflagen"), blank=True, validators=[MaxLengthValidator(3000)])
    decided_at = models.DateTimeField(_("bewilligt am"), default=timezone.now)
    decided_by = acting_user(_("bewilligt von"), blank=False)
    letter = models.FileField(_("Förderbescheid (PDF)"), upload_to=_letter_path, max_length=255, blank=True)
    letter_sent_at = models.DateTimeField(_("Bescheid versandt am"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("Förderung")
        verbose_name_plural = _("Förderungen")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="ideas_award_amount_positive")]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount} €"


class AudienceVote(models.Model):
    """One registered person's support for one application in the audience prize (same mechanism as proposal votes)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="audience_vote_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audience_votes")
    competition = models.ForeignKey(CompetitionPage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stimme Publikumspreis")
        verbose_name_plural = _("Stimmen Publikumspreis")
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="ideas_one_audience_vote_per_person")
        ]
        indexes = [models.Index(fields=["user", "competition"], name="ideas_audience_budget_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.application_id}"
