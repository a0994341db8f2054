"""Reports to the council bodies: schedules, runs (one generation of a report), report numbers and the issued,
immutable reports with their PDFs. Writes in `monitoring.reports.services` and `monitoring.reports.generation`.
"""

from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from lip.model_parts import YearCounter, acting_user, not_before, optional_link, within
from lip.models import District

from .report_settings import SignerOverride

# --- Reports to the council bodies -----------------------------------------------------------------------------------


class Audience(models.TextChoices):
    """The council bodies a report goes to, in the order in which a council paper lists them."""

    INTEGRATION_COUNCIL = "integrationsbeirat", _("Integrationsbeirat eines Stadtbezirks")
    DISTRICT_COUNCIL = "stadtbezirksrat", _("Stadtbezirksrat")
    INTERNATIONAL_COMMITTEE = (
        "internationaler_ausschuss",
        _("Ausschuss für Integration, Europa und Internationale Kooperation (Internationaler Ausschuss)"),
    )
    ADMINISTRATIVE_COMMITTEE = "verwaltungsausschuss", _("Verwaltungsausschuss")
    CITY_COUNCIL = "ratsversammlung", _("Ratsversammlung")

    @classmethod
    def district_bodies(cls) -> frozenset[str]:
        return frozenset({cls.INTEGRATION_COUNCIL, cls.DISTRICT_COUNCIL})


class ReportPeriod(models.TextChoices):
    QUARTERLY = "quarterly", _("vierteljährlich")
    HALF_YEARLY = "half_yearly", _("halbjährlich")
    YEARLY = "yearly", _("jährlich")


class ReportSection(models.TextChoices):
    """The chapters a report may contain (cover, contents and the summary of the period are always there)."""

    PARTICIPATION = "participation", _("Beteiligung in Zahlen")
    MEASURES = "measures", _("Maßnahmen und ihr Fortschritt")
    INDICATORS = "indicators", _("Indikatoren: Ausgangswert, aktueller Wert und Ziel")
    IDEAS = "ideas", _("Ideenwettbewerb und Gesellschaftsfonds")
    ANNEX = "annex", _("Anlage: Vorschläge, Antworten und Maßnahmen")


class ReportStatus(models.TextChoices):
    """A run is drafted (its texts written), reviewed by a second person, then queued and generated; see
    `monitoring.reports.review`. Runs made directly (`ReportRun.objects.create`) start queued."""

    DRAFT = "draft", _("Entwurf")
    IN_REVIEW = "in_review", _("in Prüfung")
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("wird erstellt")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class ReportSchedule(SignerOverride):
    """A standing order: which bodies get which report how often. Celery beat issues it for the period just ended.

    Each schedule owns one django-celery-beat `PeriodicTask`, created and kept in step by `monitoring.reports.services.schedule_save`.
    """

    title = models.CharField(
        _("Betreff"),
        max_length=200,
        help_text=_("Erscheint als Betreff auf dem Deckblatt, z. B. „Monitoring LIP 4.0 – Quartalsbericht“."),
    )
    audiences = models.JSONField(_("Gremien"), default=list)
    district = optional_link(
        District,
        _("Stadtbezirk"),
        on_delete=models.PROTECT,
        help_text=_("Pflicht, wenn der Bericht an einen Stadtbezirksrat oder einen Integrationsbeirat geht."),
    )
    period = models.CharField(_("Turnus"), max_length=20, choices=ReportPeriod.choices, default=ReportPeriod.QUARTERLY)
    sections = models.JSONField(_("Kapitel"), default=list)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Empfänger*innen (Ratsmitglieder)"),
        blank=True,
        related_name="+",
        help_text=_(
            "Personen in der Gruppe „Ratsmitglied“. Sie erhalten eine E-Mail, sobald der Bericht erstellt ist."
        ),
    )
    extra_recipients = models.TextField(
        _("Weitere E-Mail-Adressen"),
        blank=True,
        help_text=_("Eine Adresse je Zeile, z. B. die Geschäftsstelle eines Gremiums."),
    )
    enabled = models.BooleanField(_("aktiv"), default=True)
    run_day = models.PositiveSmallIntegerField(
        _("Erstellen am Tag"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Tag des Monats nach Ende des Zeitraums (1–28), damit die Werte des Zeitraums noch eingetragen werden können."
        ),
    )
    run_hour = models.PositiveSmallIntegerField(
        _("um (Uhr)"), default=6, validators=[MinValueValidator(0), MaxValueValidator(23)]
    )
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = acting_user(editable=False)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Berichtsplan")
        verbose_name_plural = _("Berichtspläne")
        constraints = [
            within("run_day", 1, 28, "monitoring_schedule_run_day"),
            within("run_hour", 0, 23, "monitoring_schedule_run_hour"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportRun(SignerOverride):
    """One attempt to issue a report: queued, running, done (then `report` exists) or failed (with the error).

    The data snapshot is stored here before anything is rendered, and the renderer reads only the snapshot; the
    number is reserved at the first attempt, so a retry produces the same report.
    """

    schedule = optional_link(ReportSchedule, _("Berichtsplan"), related_name="runs")
    title = models.CharField(_("Betreff"), max_length=200)
    audiences = models.JSONField(_("Gremien"), default=list)
    district = optional_link(District, _("Stadtbezirk"), on_delete=models.PROTECT)
    sections = models.JSONField(_("Kapitel"), default=list)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger*innen (Ratsmitglieder)"), blank=True, related_name="+"
    )
    extra_recipients = models.TextField(_("Weitere E-Mail-Adressen"), blank=True)
    # Issued Abwägungstabellen sent with the paper as further „Anlagen“ (after the annex of proposals, if any).
    attachments = models.ManyToManyField(
        "monitoring.ConsiderationTable", verbose_name=_("weitere Anlagen"), blank=True, related_name="report_runs"
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    error = models.TextField(_("Fehler"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    number = models.CharField(_("Nummer"), max_length=20, blank=True, editable=False)
    snapshot = models.JSONField(_("Datenstand"), null=True, blank=True, editable=False)
    requested_by = acting_user(_("angefordert von"))
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    # The administration's own words, written while the run is a draft and frozen into the snapshot when it is issued.
    introduction = models.TextField(_("Einleitung"), blank=True)
    assessments = models.JSONField(_("Bewertungen der Kapitel"), default=dict, blank=True)
    conclusion = models.TextField(_("Fazit"), blank=True)
    submitted_by = acting_user(_("zur Prüfung vorgelegt von"), editable=False)
    submitted_at = models.DateTimeField(_("zur Prüfung vorgelegt am"), null=True, blank=True, editable=False)
    approved_by = acting_user(_("geprüft und freigegeben von"), editable=False)
    approved_at = models.DateTimeField(_("geprüft und freigegeben am"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("Berichtslauf")
        verbose_name_plural = _("Berichtsläufe")
        constraints = [
            not_before(
                "period_end",
                "period_start",
                "monitoring_run_period_end_after_start",
                _("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten."),
            ),
            models.UniqueConstraint(
                fields=["schedule", "period_start", "period_end"],
                condition=Q(schedule__isnull=False),
                name="monitoring_one_run_per_schedule_and_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y})"

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == ReportStatus.FAILED

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_in_review(self) -> bool:
        return self.status == ReportStatus.IN_REVIEW


class ReportCounter(YearCounter):
    """The last report number handed out per year (0007/2026)."""


class Report(models.Model):
    """An issued report: immutable. The JSON snapshot it was rendered from is stored with the PDF (a Wagtail document
    in the restricted collection "Berichte"); rendering the snapshot again gives the same text. Only the public
    release and the note that recipients were told change afterwards."""

    run = models.OneToOneField(
        ReportRun, verbose_name=_("Berichtslauf"), on_delete=models.PROTECT, related_name="report"
    )
    number = models.CharField(_("Nummer"), max_length=20, unique=True)
    title = models.CharField(_("Betreff"), max_length=200)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    audiences = models.JSONField(_("Gremien"), default=list)
    issued_at = models.DateTimeField(_("erstellt am"), default=timezone.now)
    snapshot = models.JSONField(_("Datenstand"))
    snapshot_sha256 = models.CharField(max_length=64)
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("PDF"), on_delete=models.PROTECT, related_name="+"
    )
    pdf_sha256 = models.CharField(max_length=64)
    page_count = models.PositiveSmallIntegerField(_("Seiten"))
    annex_document = optional_link(get_document_model_string(), _("Anlage 1 (PDF)"), on_delete=models.PROTECT)
    annex_sha256 = models.CharField(max_length=64, blank=True)
    annex_page_count = models.PositiveSmallIntegerField(_("Seiten der Anlage 1"), null=True, blank=True)
    released_at = models.DateTimeField(_("öffentlich seit"), null=True, blank=True)
    released_by = acting_user(_("freigegeben von"))
    notified_at = models.DateTimeField(_("Empfänger*innen benachrichtigt am"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        permissions = [
            ("issue_report", _("Kann Berichte an die Ratsgremien erstellen")),
            ("release_report", _("Kann Berichte an die Ratsgremien öffentlich freigeben")),
            ("review_report", _("Kann Berichtsentwürfe anderer prüfen und zur Ausgabe freigeben")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report_detail", kwargs={"pk": self.pk})

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def filename(self) -> str:
        return report_filename(self.number)

    def files(self) -> list["ReportFile"]:
        """The report's PDFs: the council paper and, if it has one, its annex (a separate file, as the city's council
        papers carry their annexes)."""
        files = [
            ReportFile(
                part=ReportFile.PAPER,
                label=_("Informationsdrucksache"),
                document=self.document,
                sha256=self.pdf_sha256,
                page_count=self.page_count,
                filename=self.filename,
                url=reverse("monitoring:report_pdf", kwargs={"pk": self.pk}),
            )
        ]
        if self.annex_document_id:
            files.append(
                ReportFile(
                    part=ReportFile.ANNEX,
                    label=_("Anlage 1"),
                    document=self.annex_document,
                    sha256=self.annex_sha256,
                    page_count=self.annex_page_count,
                    filename=report_filename(self.number, annex=True),
                    url=reverse("monitoring:report_annex_pdf", kwargs={"pk": self.pk}),
                )
            )
        return files

    def file(self, part: str) -> "ReportFile | None":
        return next((f for f in self.files() if f.part == part), None)


def report_filename(number: str, *, annex: bool = False) -> str:
    name = f"Informationsdrucksache-{number.replace('/', '-')}"
    return f"{name}-Anlage-1.pdf" if annex else f"{name}.pdf"


@dataclass(frozen=True)
class ReportFile:
    """One PDF of an issued report, with the checksum and page count taken when it was issued."""

    PAPER: ClassVar[str] = "paper"
    ANNEX: ClassVar[str] = "annex"

    part: str
    label: str
    document: Any
    sha256: str
    page_count: int
    filename: str
    url: str
