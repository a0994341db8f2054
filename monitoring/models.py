"""Monitoring and evaluation: LIP measures (Maßnahmen) and their indicators, report schedules, issued reports.

The golden thread (DESIGN.md) ends here: a proposal whose official response adopted it leads to a measure, a funded
project of the idea competition implements one, indicators show whether it works, and reports to the council bodies
say all of that. Reads live in `selectors` and `statistics`, writes in `services`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from lip.models import District, Topic

PROGRESS_MIN, PROGRESS_MAX = 0, 100
VALUE = {"max_digits": 14, "decimal_places": 2}
TENTH = Decimal("0.1")

# --- Measures ------------------------------------------------------------------------------------------------------


def weighted_progress(parts: Iterable[tuple[int, int | Decimal]]) -> Decimal:
    """Σ(weight × progress) / Σ weight over (weight, progress) pairs, rounded half up to one decimal place.

    The one rule for a parent measure's progress (see `Measure`). Weights are whole numbers ≥ 1 (a database
    constraint), so the denominator of a non-empty list is never 0; an empty list has no mean and gives 0.
    """
    parts = list(parts)
    total_weight = sum(weight for weight, _progress in parts)
    if not total_weight:
        return Decimal(0).quantize(TENTH)
    weighted = sum(Decimal(weight) * Decimal(progress) for weight, progress in parts)
    return (weighted / Decimal(total_weight)).quantize(TENTH, rounding=ROUND_HALF_UP)


class MeasureState(models.TextChoices):
    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    COMPLETED = "completed", _("abgeschlossen")
    SUSPENDED = "suspended", _("ausgesetzt")


class Measure(models.Model):
    """A measure of the Lokaler Integrationsplan (LIP-Maßnahme), with at most one level of sub-measures.

    Progress rule (written here, on the public measure page and in every report, and tested in
    tests/monitoring/test_progress_rule.py):

    - A measure without sub-measures has the progress staff enter for it: a whole number from 0 to 100 per cent
      (a database constraint refuses anything else).
    - A measure with sub-measures has the weighted mean of its sub-measures' progress:
      progress = Σ(weight × progress of the sub-measure) / Σ weight, rounded half up to one decimal place.
      The weight is each sub-measure's `weight` field, a whole number of at least 1 (default 1).
    - A parent's own `progress` field is then ignored, whatever it says. There are no other special cases: a
      completed, suspended or planned sub-measure counts with its progress and weight like any other.
    """

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True, editable=False)
    description = models.TextField(_("Beschreibung"), validators=[MaxLengthValidator(5000)])
    topic = models.ForeignKey(Topic, verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT, related_name="+")
    districts = models.ManyToManyField(
        District, verbose_name=_("Stadtbezirke"), blank=True, related_name="+", help_text=_("Leer = stadtweit")
    )
    department = models.CharField(_("Zuständige Stelle"), max_length=200)
    partners = models.TextField(_("Partner"), blank=True, validators=[MaxLengthValidator(1000)])
    start = models.DateField(_("Beginn"))
    end = models.DateField(
        _("Ende"), null=True, blank=True, help_text=_("Leer lassen, wenn die Maßnahme dauerhaft läuft.")
    )
    state = models.CharField(_("Stand"), max_length=20, choices=MeasureState.choices, default=MeasureState.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"),
        default=0,
        validators=[MinValueValidator(PROGRESS_MIN), MaxValueValidator(PROGRESS_MAX)],
        help_text=_("0 bis 100. Bei einer Maßnahme mit Teilmaßnahmen wird der Fortschritt aus diesen berechnet."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Teil von"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Nur eine Ebene: eine Teilmaßnahme kann selbst keine Teilmaßnahmen haben."),
    )
    weight = models.PositiveSmallIntegerField(
        _("Gewicht"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Nur für Teilmaßnahmen: mit welchem Gewicht sie in den Fortschritt der übergeordneten Maßnahme eingeht (1 bis 100)."
        ),
    )
    proposals = models.ManyToManyField(
        "consultation.Proposal",
        verbose_name=_("Aus Vorschlägen"),
        blank=True,
        related_name="measures",
        help_text=_("Vorschläge, deren veröffentlichte Antwort sie (teilweise) in den LIP übernommen hat."),
    )
    projects = models.ManyToManyField(
        "ideas.Application",
        verbose_name=_("Geförderte Projekte"),
        blank=True,
        related_name="measures",
        help_text=_("Projekte aus dem Ideenwettbewerb, die die Maßnahme umsetzen (nur bewilligte)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=PROGRESS_MIN) & Q(progress__lte=PROGRESS_MAX),
                name="monitoring_measure_progress_0_to_100",
                violation_error_message=_("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=100),
                name="monitoring_measure_weight_1_to_100",
                violation_error_message=_("Das Gewicht muss zwischen 1 und 100 liegen."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="monitoring_measure_end_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="monitoring_measure_not_its_own_parent",
                violation_error_message=_("Eine Maßnahme kann nicht Teil von sich selbst sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:measure_detail", kwargs={"slug": self.slug})

    def child_list(self) -> list["Measure"]:
        """The sub-measures in their order (prefetch `children` for lists; then this works in memory)."""
        return sorted(self.children.all(), key=lambda m: (m.sort_order, m.title, m.pk))

    @property
    def has_children(self) -> bool:
        return bool(self.child_list())

    @property
    def overall_progress(self) -> Decimal:
        """The progress shown for this measure, by the rule in the class docstring."""
        children = self.child_list()
        if children:
            return weighted_progress((child.weight, child.progress) for child in children)
        return Decimal(self.progress).quantize(TENTH)

    def weight_share(self, child: "Measure") -> Decimal:
        """How much of the parent's progress `child` makes up, in per cent (its weight over the sum of weights)."""
        total = sum(c.weight for c in self.child_list())
        return (
            (Decimal(100 * child.weight) / Decimal(total)).quantize(TENTH, rounding=ROUND_HALF_UP)
            if total
            else Decimal(0)
        )

    @property
    def is_citywide(self) -> bool:
        return not self.districts.all()


# --- Indicators ----------------------------------------------------------------------------------------------------


class IndicatorDirection(models.TextChoices):
    HIGHER = "higher", _("höher ist besser")
    LOWER = "lower", _("niedriger ist besser")


class Indicator(models.Model):
    """What shows whether a measure (or a whole field of action) works: a number with baseline and target.

    Target attainment (Zielerreichung) of a value = (value − baseline) ÷ (target − baseline), in per cent: 0 % at the
    baseline, 100 % at the target, below 0 % when things got worse, above 100 % when the target was beaten. The
    direction says which way is better and must agree with the target (a higher target when higher is better).
    """

    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, validators=[MaxLengthValidator(2000)])
    unit = models.CharField(_("Einheit"), max_length=40, help_text=_("z. B. Personen, Kurse, %"))
    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Entweder eine Maßnahme oder ein Handlungsfeld."),
    )
    baseline_value = models.DecimalField(_("Ausgangswert"), **VALUE)
    baseline_date = models.DateField(_("Ausgangswert vom"))
    target_value = models.DecimalField(_("Zielwert"), **VALUE)
    target_date = models.DateField(_("Ziel bis"))
    direction = models.CharField(
        _("Richtung"), max_length=10, choices=IndicatorDirection.choices, default=IndicatorDirection.HIGHER
    )
    source = models.CharField(
        _("Quelle"), max_length=300, help_text=_("Woher die Werte kommen, z. B. Statistikstelle, Kursträger.")
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=False, topic__isnull=True) | Q(measure__isnull=True, topic__isnull=False),
                name="monitoring_indicator_measure_or_topic",
                violation_error_message=_(
                    "Ein Indikator gehört entweder zu einer Maßnahme oder zu einem Handlungsfeld."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target_date__gte=F("baseline_date")),
                name="monitoring_indicator_target_after_baseline",
                violation_error_message=_("Das Zieldatum darf nicht vor dem Datum des Ausgangswerts liegen."),
            ),
            models.CheckConstraint(
                condition=Q(direction="higher", target_value__gt=F("baseline_value"))
                | Q(direction="lower", target_value__lt=F("baseline_value")),
                name="monitoring_indicator_target_matches_direction",
                violation_error_message=_(
                    "Der Zielwert muss in die Richtung zeigen, die besser ist: höher als der Ausgangswert, wenn höher besser ist, sonst niedriger."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def attainment(self, value: Decimal | None) -> Decimal | None:
        """Target attainment of `value` in per cent (see the class docstring), one decimal place."""
        if value is None or self.target_value == self.baseline_value:
            return None
        share = (Decimal(value) - self.baseline_value) / (self.target_value - self.baseline_value) * 100
        return share.quantize(TENTH, rounding=ROUND_HALF_UP)

    @property
    def subject(self):
        return self.measure or self.topic


class IndicatorValue(models.Model):
    """One dated value of an indicator, with who entered it and when (typed in or imported from a CSV file)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="values"
    )
    date = models.DateField(_("Datum"))
    value = models.DecimalField(_("Wert"), **VALUE)
    comment = models.CharField(_("Kommentar"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("erfasst am"), default=timezone.now)
    imported = models.BooleanField(_("aus CSV-Import"), default=False)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("Indikatorwert")
        verbose_name_plural = _("Indikatorwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="monitoring_one_value_per_indicator_and_date",
                violation_error_message=_("Für diesen Indikator gibt es an diesem Datum schon einen Wert."),
            )
        ]
        indexes = [models.Index(fields=["indicator", "-date"], name="monitoring_value_latest_idx")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date:%d.%m.%Y})"


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
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("wird erstellt")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class ReportSchedule(models.Model):
    """A standing order: which bodies get which report how often. Celery beat issues it for the period just ended.

    Each schedule owns one django-celery-beat `PeriodicTask`, created and kept in step by `services.schedule_save`.
    """

    title = models.CharField(
        _("Betreff"),
        max_length=200,
        help_text=_("Erscheint als Betreff auf dem Deckblatt, z. B. „Monitoring LIP 4.0 – Quartalsbericht“."),
    )
    audiences = models.JSONField(_("Gremien"), default=list)
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtbezirk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Berichtsplan")
        verbose_name_plural = _("Berichtspläne")
        constraints = [
            models.CheckConstraint(
                condition=Q(run_day__gte=1) & Q(run_day__lte=28), name="monitoring_schedule_run_day"
            ),
            models.CheckConstraint(
                condition=Q(run_hour__gte=0) & Q(run_hour__lte=23), name="monitoring_schedule_run_hour"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportRun(models.Model):
    """One attempt to issue a report: queued, running, done (then `report` exists) or failed (with the error).

    The data snapshot is stored here before anything is rendered, and the renderer reads only the snapshot; the
    number is reserved at the first attempt, so a retry produces the same report.
    """

    schedule = models.ForeignKey(
        ReportSchedule,
        verbose_name=_("Berichtsplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    title = models.CharField(_("Betreff"), max_length=200)
    audiences = models.JSONField(_("Gremien"), default=list)
    district = models.ForeignKey(
        District, verbose_name=_("Stadtbezirk"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sections = models.JSONField(_("Kapitel"), default=list)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger*innen (Ratsmitglieder)"), blank=True, related_name="+"
    )
    extra_recipients = models.TextField(_("Weitere E-Mail-Adressen"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    error = models.TextField(_("Fehler"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    number = models.CharField(_("Nummer"), max_length=20, blank=True, editable=False)
    snapshot = models.JSONField(_("Datenstand"), null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angefordert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("Berichtslauf")
        verbose_name_plural = _("Berichtsläufe")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="monitoring_run_period_end_after_start",
                violation_error_message=_("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten."),
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


class ReportCounter(models.Model):
    """The last report number handed out per year (0007/2026); locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


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
    annex_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("Anlage 1 (PDF)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    annex_sha256 = models.CharField(max_length=64, blank=True)
    annex_page_count = models.PositiveSmallIntegerField(_("Seiten der Anlage 1"), null=True, blank=True)
    released_at = models.DateTimeField(_("öffentlich seit"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("freigegeben von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("Empfänger*innen benachrichtigt am"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        permissions = [
            ("issue_report", _("Kann Berichte an die Ratsgremien erstellen")),
            ("release_report", _("Kann Berichte an die Ratsgremien öffentlich freigeben")),
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
