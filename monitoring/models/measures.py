"""Monitoring and evaluation: LIP measures (Maßnahmen), their indicators and the indicators' values.

The golden thread (DESIGN.md) ends here: a proposal whose official response adopted it leads to a measure, a funded
project of the idea competition implements one, and indicators show whether it works. Reads live in
`monitoring.measures.selectors`, writes in `monitoring.measures.services`.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.model_parts import acting_user, not_before, optional_link, within
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
    parent = optional_link(
        "self",
        _("Teil von"),
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
    updated_by = acting_user(_("geändert von"))

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        constraints = [
            within(
                "progress",
                PROGRESS_MIN,
                PROGRESS_MAX,
                "monitoring_measure_progress_0_to_100",
                _("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."),
            ),
            within(
                "weight", 1, 100, "monitoring_measure_weight_1_to_100", _("Das Gewicht muss zwischen 1 und 100 liegen.")
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
    measure = optional_link(Measure, _("Maßnahme"), on_delete=models.CASCADE, related_name="indicators")
    topic = optional_link(
        Topic,
        _("Handlungsfeld"),
        on_delete=models.PROTECT,
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
            not_before(
                "target_date",
                "baseline_date",
                "monitoring_indicator_target_after_baseline",
                _("Das Zieldatum darf nicht vor dem Datum des Ausgangswerts liegen."),
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
    entered_by = acting_user(_("erfasst von"), blank=False)
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
