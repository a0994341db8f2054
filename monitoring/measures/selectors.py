"""Reads on measures: what a measure may be linked to (adopted proposals, funded projects), measures with their
sub-measures, origins and indicators, indicator series. Every list here costs the same number of queries for 10 rows
as for 10,000 (tests/monitoring/test_queries.py).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import Proposal, ProposalState, ResponseState
from ideas.models import Application, ApplicationState
from lip.models import District, Topic

from ..models import Indicator, IndicatorValue, Measure, weighted_progress

ADOPTED_STATES = (ResponseState.ADOPTED, ResponseState.PARTLY_ADOPTED)
PUBLIC_PROPOSAL_STATES = (ProposalState.PUBLISHED, ProposalState.WITHDRAWN)

# --- What a measure may be linked to ---------------------------------------------------------------------------------


def adopted_proposals() -> QuerySet[Proposal]:
    """Proposals a measure may come from: public ones whose published official response adopted them (fully or partly)."""
    return (
        Proposal.objects.filter(
            state__in=PUBLIC_PROPOSAL_STATES,
            response__state__in=ADOPTED_STATES,
            response__published_at__isnull=False,
        )
        .select_related("consultation", "response")
        .order_by("-created_at")
    )


def awarded_projects() -> QuerySet[Application]:
    """Funded projects of the idea competition: the applications a measure may be implemented by."""
    return (
        Application.objects.filter(state=ApplicationState.AWARDED)
        .select_related("organisation", "award")
        .order_by("title")
    )


def results_public(prefix: str = "") -> Q:
    """An award is public once its competition's results date has passed: before, no public page, no statistics and
    no report may show it (the competition's results page shows nothing either). `prefix` leads to the application."""
    return Q(**{f"{prefix}competition__results_published_at__lte": timezone.now()})


def public_awarded_projects() -> QuerySet[Application]:
    """Funded projects whose award is public: what the public pages and the reports may name."""
    return awarded_projects().filter(results_public())


# --- Measures ------------------------------------------------------------------------------------------------------


def _children_queryset() -> QuerySet[Measure]:
    return Measure.objects.select_related("topic").prefetch_related("districts").order_by("sort_order", "title", "pk")


def citywide_measures() -> Q:
    """Top-level measures that work citywide: neither they nor any of their sub-measures name a district."""
    return ~Q(pk__in=Measure.districts.through.objects.values("measure_id")) & ~Q(
        pk__in=Measure.objects.filter(parent__isnull=False, districts__isnull=False).values("parent_id")
    )


def measures_in(district: District) -> Q:
    """Top-level measures that work in `district`: they or one of their sub-measures name it."""
    return Q(pk__in=Measure.districts.through.objects.filter(district=district).values("measure_id")) | Q(
        pk__in=Measure.objects.filter(parent__isnull=False, districts=district).values("parent_id")
    )


def measure_list(
    *, topic: Topic | None = None, district: District | None = None, state: str = "", citywide_too: bool = False
) -> list[Measure]:
    """Top-level measures with topic, districts and sub-measures, ordered by topic: four queries.

    `district` keeps the measures that name that district themselves or through a sub-measure; with `citywide_too`
    also the citywide ones (no district anywhere), as a report to a district body lists them.
    """
    qs = Measure.objects.filter(parent__isnull=True)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if district is not None:
        qs = qs.filter(measures_in(district) | citywide_measures() if citywide_too else measures_in(district))
    if state:
        qs = qs.filter(state=state)
    return list(
        qs.select_related("topic")
        .prefetch_related("districts", Prefetch("children", queryset=_children_queryset()))
        .order_by("topic__sort_order", "topic__name", "sort_order", "title", "pk")
    )


def measure_district_ids(measure: Measure) -> set[int]:
    """The districts a measure works in: its own and its sub-measures' (prefetched by `measure_list`); none means
    citywide."""
    ids = {d.pk for d in measure.districts.all()}
    for child in measure.child_list():
        ids |= {d.pk for d in child.districts.all()}
    return ids


@dataclass
class TopicGroup:
    topic: Topic
    measures: list[Measure] = field(default_factory=list)

    @property
    def progress(self) -> Decimal:
        """The mean progress of the topic's measures (each counted once, with weight 1)."""
        return weighted_progress((1, m.overall_progress) for m in self.measures)


def group_by_topic(measures: list[Measure]) -> list[TopicGroup]:
    groups: dict[int, TopicGroup] = {}
    for measure in measures:
        groups.setdefault(measure.topic_id, TopicGroup(measure.topic)).measures.append(measure)
    return list(groups.values())


@dataclass
class DistrictGroup:
    key: str
    name: str
    measures: list[Measure] = field(default_factory=list)


def group_by_district(measures: list[Measure], districts: list[District]) -> list[DistrictGroup]:
    """Which measures work in which district (a measure counts where it or one of its sub-measures works);
    measures without any district are citywide."""
    groups = {d.pk: DistrictGroup(d.slug, d.name) for d in districts}
    citywide = DistrictGroup("stadtweit", _("stadtweit"))
    for measure in measures:
        ids = measure_district_ids(measure)
        if not ids:
            citywide.measures.append(measure)
        for pk in ids:
            if pk in groups:
                groups[pk].measures.append(measure)
    return [*groups.values(), citywide]


def indicator_queryset() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("measure", "topic").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("entered_by").order_by("date", "pk"))
    )


def _origins() -> list[Prefetch]:
    return [
        Prefetch(
            "proposals",
            queryset=Proposal.objects.filter(state__in=PUBLIC_PROPOSAL_STATES)
            .select_related("consultation", "response", "district")
            .order_by("reference"),
        ),
        Prefetch(
            "projects",
            queryset=Application.objects.filter(results_public(), state=ApplicationState.AWARDED)
            .select_related("organisation", "award", "competition")
            .order_by("title", "pk"),
        ),
    ]


def measure_detail(slug: str) -> Measure | None:
    """A measure with everything its public page shows, its sub-measures' origins included: eleven queries."""
    return (
        Measure.objects.filter(slug=slug)
        .select_related("topic", "parent", "parent__topic")
        .prefetch_related(
            "districts",
            Prefetch("children", queryset=_children_queryset().prefetch_related(*_origins())),
            *_origins(),
            Prefetch("indicators", queryset=indicator_queryset().order_by("sort_order", "name")),
        )
        .first()
    )


def origins(measure: Measure) -> tuple[list, list]:
    """The proposals a measure came from and the projects implementing it, its sub-measures' included, each once
    (prefetched by `measure_detail`)."""
    proposals = {p.pk: p for m in (measure, *measure.child_list()) for p in m.proposals.all()}
    projects = {a.pk: a for m in (measure, *measure.child_list()) for a in m.projects.all()}
    return (
        sorted(proposals.values(), key=lambda p: p.reference),
        sorted(projects.values(), key=lambda a: (a.title, a.pk)),
    )


# --- Indicators ----------------------------------------------------------------------------------------------------


def value_list(indicator: Indicator, *, start: date | None = None, end: date | None = None) -> list[IndicatorValue]:
    """The indicator's values in a period, oldest first (prefetch `values`; this then works in memory)."""
    return [v for v in indicator.values.all() if (start is None or v.date >= start) and (end is None or v.date <= end)]


def latest_value(indicator: Indicator, *, until: date | None = None) -> IndicatorValue | None:
    values = value_list(indicator, end=until)
    return values[-1] if values else None
