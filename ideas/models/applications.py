"""Applications with their cost plan, attachments and progress reports."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultation.validators import validate_attachment
from lip.files import private_upload_path
from lip.model_parts import YearCounter, acting_user, not_negative, optional_link
from lip.models import District, Organisation, Topic

from .competitions import CompetitionPage
from .funds import MONEY, ZERO


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht, in Prüfung")
    ELIGIBLE = "eligible", _("zulässig, bei der Jury")
    NOT_ELIGIBLE = "not_eligible", _("nicht zulässig")
    AWARDED = "awarded", _("gefördert")
    DECLINED = "declined", _("nicht gefördert")
    WITHDRAWN = "withdrawn", _("zurückgezogen")

    @classmethod
    def submitted_states(cls) -> list[str]:
        """States of an application that has been submitted (and therefore has a reference number)."""
        return [cls.SUBMITTED, cls.ELIGIBLE, cls.NOT_ELIGIBLE, cls.AWARDED, cls.DECLINED]

    @classmethod
    def jury_states(cls) -> list[str]:
        """States in which the jury sees an application (it scores only while it is ELIGIBLE)."""
        return [cls.ELIGIBLE, cls.AWARDED, cls.DECLINED]


class ApplicationCounter(YearCounter):
    """The last reference number handed out per year (GFZ-2026-0042)."""


class Application(models.Model):
    competition = models.ForeignKey(
        CompetitionPage, verbose_name=_("Wettbewerb"), on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField(_("Nummer"), max_length=20, unique=True, null=True, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Antragstellende Organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_by = optional_link(
        settings.AUTH_USER_MODEL, _("Ansprechperson"), related_name="idea_applications", blank=False
    )
    title = models.CharField(_("Projekttitel"), max_length=120)
    summary = models.TextField(_("Kurzbeschreibung"), validators=[MaxLengthValidator(1000)])
    goals = models.TextField(_("Ziele"), validators=[MaxLengthValidator(3000)])
    target_groups = models.TextField(_("Zielgruppen"), validators=[MaxLengthValidator(1000)])
    partners = models.TextField(_("Kooperationspartner"), blank=True, validators=[MaxLengthValidator(1000)])
    schedule = models.TextField(_("Zeitplan"), validators=[MaxLengthValidator(2000)])
    districts = models.ManyToManyField(
        District, verbose_name=_("Stadtbezirke"), blank=True, related_name="+", help_text=_("Leer = stadtweit")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Handlungsfelder"), related_name="+")
    proposals = models.ManyToManyField(
        "consultation.Proposal", verbose_name=_("Anknüpfende Vorschläge"), blank=True, related_name="idea_applications"
    )
    # Written by the services from the cost lines; never typed in.
    total_costs = models.DecimalField(_("Gesamtkosten (€)"), **MONEY, default=ZERO, editable=False)
    own_contribution = models.DecimalField(
        _("Eigenanteil (€)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    requested_amount = models.DecimalField(_("Beantragte Förderung (€)"), **MONEY, default=ZERO, editable=False)

    state = models.CharField(
        _("Stand"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    submitted_by = acting_user(_("eingereicht von"))
    withdrawn_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)
    eligibility_reason = models.TextField(
        _("Begründung der Zulässigkeitsprüfung"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    eligibility_decided_at = models.DateTimeField(_("Zulässigkeit geprüft am"), null=True, blank=True)
    eligibility_decided_by = acting_user(_("Zulässigkeit geprüft von"))
    decision_reason = models.TextField(
        _("Begründung der Förderentscheidung"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    decided_at = models.DateTimeField(_("Förderentscheidung am"), null=True, blank=True)
    # Mails already sent (the tasks are idempotent: they send once and note it here).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    eligibility_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    decline_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The audience prize (Publikumspreis): kept in step with AudienceVote rows by consultation.voting.
    audience_votes = models.PositiveIntegerField(_("Stimmen Publikumspreis"), default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        indexes = [models.Index(fields=["competition", "state"], name="ideas_application_state_idx")]
        constraints = [
            not_negative("own_contribution", "ideas_application_own_contribution_not_negative"),
            not_negative("total_costs", "ideas_application_total_not_negative"),
            not_negative(
                "requested_amount",
                "ideas_application_requested_not_negative",
                _("Der Eigenanteil kann nicht höher sein als die Gesamtkosten."),
            ),
            models.CheckConstraint(
                condition=~Q(state__in=ApplicationState.submitted_states()) | Q(reference__isnull=False),
                name="ideas_application_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.NOT_ELIGIBLE) | ~Q(eligibility_reason=""),
                name="ideas_application_not_eligible_has_reason",
            ),
        ]
        permissions = [
            (
                "manage_competition",
                _("Kann Anträge im Ideenwettbewerb prüfen, Förderungen bewilligen und die Rangliste sehen"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    @property
    def is_draft(self) -> bool:
        return self.state == ApplicationState.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state in ApplicationState.submitted_states()

    @property
    def is_citywide(self) -> bool:
        return not self.districts.all()


class CostItem(models.Model):
    """One line of the cost plan."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cost_items")
    description = models.CharField(_("Kostenposition"), max_length=200)
    amount = models.DecimalField(_("Betrag (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenplan")
        constraints = [
            not_negative("amount", "ideas_cost_item_amount_not_negative", _("Ein Betrag kann nicht negativ sein."))
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} €"


def _attachment_path(instance, filename: str) -> str:
    # An unguessable folder: application files are not public, they are served through a permission-checked view.
    return private_upload_path("ideas/antraege", filename)


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Datei"), upload_to=_attachment_path, max_length=255, validators=[validate_attachment])
    name = models.CharField(_("Dateiname"), max_length=200)
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")

    def __str__(self) -> str:
        return self.name


class ProgressState(models.TextChoices):
    PREPARING = "preparing", _("in Vorbereitung")
    RUNNING = "running", _("läuft")
    DELAYED = "delayed", _("verzögert")
    COMPLETED = "completed", _("abgeschlossen")
    CANCELLED = "cancelled", _("abgebrochen")


class ProgressReport(models.Model):
    """A funded project says how it is going. Public on the results page."""

    application = models.ForeignKey(
        Application, verbose_name=_("Antrag"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    state = models.CharField(_("Stand"), max_length=20, choices=ProgressState.choices)
    text = models.TextField(_("Kurzbericht"), validators=[MaxLengthValidator(1000)])
    reported_on = models.DateField(_("Datum"), default=timezone.localdate)
    created_by = acting_user(_("berichtet von"), blank=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-created_at"]
        verbose_name = _("Fortschrittsbericht")
        verbose_name_plural = _("Fortschrittsberichte")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_state_display()} ({self.reported_on:%d.%m.%Y})"
