"""The jury: who judges which competition, their scores, their declared conflicts of interest."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.model_parts import acting_user, within

from .applications import Application
from .competitions import CompetitionPage, Criterion

SCORE_MIN, SCORE_MAX = 0, 5


def _juror(related_name: str) -> models.ForeignKey:
    """The member of the jury a row is about; it goes with the account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Jurymitglied"), on_delete=models.CASCADE, related_name=related_name
    )


def _judged(related_name: str) -> models.ForeignKey:
    """The application a juror scores or declares a conflict about; the row goes with it."""
    return models.ForeignKey(Application, verbose_name=_("Antrag"), on_delete=models.CASCADE, related_name=related_name)


class JuryAssignment(models.Model):
    """A member of the Jury group assigned to one competition."""

    competition = models.ForeignKey(
        CompetitionPage, verbose_name=_("Wettbewerb"), on_delete=models.CASCADE, related_name="jury_assignments"
    )
    juror = _juror("jury_assignments")
    assigned_at = models.DateTimeField(_("zugeordnet am"), auto_now_add=True)
    assigned_by = acting_user(_("zugeordnet von"))

    class Meta:
        ordering = ["competition", "juror__display_name"]
        verbose_name = _("Jury-Zuordnung")
        verbose_name_plural = _("Jury-Zuordnungen")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "juror"],
                name="ideas_one_assignment_per_juror",
                violation_error_message=_("Diese Person gehört der Jury dieses Wettbewerbs bereits an."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.competition}"


class Assessment(models.Model):
    """One juror's score for one criterion of one application. The constraints are the guarantee."""

    application = _judged("assessments")
    juror = _juror("assessments")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("Kriterium"), on_delete=models.PROTECT, related_name="assessments"
    )
    score = models.PositiveSmallIntegerField(
        _("Punkte"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("Kommentar"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("bewertet am"), default=timezone.now)

    class Meta:
        ordering = ["application", "juror", "criterion__sort_order"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            within(
                "score", SCORE_MIN, SCORE_MAX, "ideas_assessment_score_0_to_5", _("Bitte vergeben Sie 0 bis 5 Punkte.")
            ),
            models.UniqueConstraint(
                fields=["application", "juror", "criterion"],
                name="ideas_one_score_per_criterion",
                violation_error_message=_("Sie haben dieses Kriterium bereits bewertet."),
            ),
        ]
        indexes = [models.Index(fields=["application", "juror"], name="ideas_assessment_juror_idx")]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.juror_id}/{self.criterion_id}: {self.score}"


class ConflictOfInterest(models.Model):
    """A juror's declaration that they are biased about an application: they neither see nor score it."""

    application = _judged("conflicts")
    juror = _juror("+")
    note = models.TextField(_("Anmerkung"), blank=True, validators=[MaxLengthValidator(1000)])
    declared_at = models.DateTimeField(_("erklärt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Befangenheit")
        verbose_name_plural = _("Befangenheiten")
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="ideas_one_conflict_per_juror")]

    def __str__(self) -> str:
        return f"{self.juror} – {self.application}"
