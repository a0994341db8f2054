"""Reads of the questionnaire about the person: the aggregates „Wen haben wir erreicht, wen nicht“, per dimension the
number and share of respondents next to the city's share (`PopulationFigure`), small groups suppressed
(`suppression`). Three queries, whatever the number of profiles (and the districts from `lip.reference`)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from consultation.models import Channel
from lip import reference

from ..models import (
    NO_ANSWER,
    AgeGroup,
    Language,
    MigrationHistory,
    OrganisationKind,
    PopulationDimension,
    PopulationFigure,
    ReachLanguage,
    ReachProfile,
)
from .suppression import MIN_CELL, hidden_cells

SINGLE_CHOICE = ("age_group", "district", "migration", "organisation_kind")


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: not shown (a small group, or hidden so that none can be computed)
    share: float | None  # of all respondents, in percent
    city_share: Decimal | None  # of the city's residents, in percent (`PopulationFigure`)

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    rows: list[Row]
    several: bool = False  # several answers per person (languages): the shares add up to more than 100 %
    city_year: int | None = None
    city_source: str = ""

    @property
    def has_city(self) -> bool:
        return any(row.city_share is not None for row in self.rows)


@dataclass(frozen=True)
class ReachFigures:
    total: int | None  # None: fewer than MIN_CELL respondents, nothing is shown
    online: int | None
    analog: int | None
    dimensions: list[Dimension] = field(default_factory=list)
    minimum: int = MIN_CELL

    @property
    def any_hidden(self) -> bool:
        return any(row.hidden for d in self.dimensions for row in d.rows)


def profiles(*, start: date | None = None, end: date | None = None) -> QuerySet[ReachProfile]:
    """The profiles given in the months from `start` to `end` (both optional)."""
    queryset = ReachProfile.objects.all()
    if start is not None:
        queryset = queryset.filter(month__gte=start.replace(day=1))
    if end is not None:
        queryset = queryset.filter(month__lte=end)
    return queryset


def _tally(queryset, field_name: str) -> dict:
    return {row[field_name]: row["n"] for row in queryset.order_by().values(field_name).annotate(n=Count("*"))}


def _city_shares() -> dict[str, tuple[int, str, dict[str, Decimal]]]:
    """Per dimension: its latest year's figures, as (year, the sources named, category → share)."""
    latest: dict[str, tuple[int, list[str], dict[str, Decimal]]] = {}
    for figure in PopulationFigure.objects.order_by("dimension", "-year", "category"):
        year, sources, shares = latest.setdefault(figure.dimension, (figure.year, [], {}))
        if figure.year == year:
            shares[figure.category] = figure.share
            if figure.source not in sources:
                sources.append(figure.source)
    return {dimension: (year, "; ".join(sources), shares) for dimension, (year, sources, shares) in latest.items()}


def _dimension(key, title, categories, counts, total, city, *, several=False) -> Dimension:
    """`categories`: (key, label) in the order shown; `counts`: key → number of respondents."""
    values = [counts.get(category, 0) for category, _label in categories]
    hidden = hidden_cells(values)
    year, source, shares = city.get(key, (None, "", {}))
    rows = [
        Row(
            label=str(label),
            count=None if index in hidden else values[index],
            share=None if index in hidden else round(100 * values[index] / total, 1),
            city_share=shares.get(category) if category != NO_ANSWER else None,
        )
        for index, (category, label) in enumerate(categories)
    ]
    return Dimension(key, title, rows, several=several, city_year=year if shares else None, city_source=source)


def reach_figures(*, start: date | None = None, end: date | None = None) -> ReachFigures:
    """The aggregates of the profiles from `start` to `end` (months), with small groups suppressed."""
    queryset = profiles(start=start, end=end)
    # One grouped query for every single-choice answer and the channel (at most a few thousand combinations).
    combinations = list(
        queryset.order_by()
        .values_list(*SINGLE_CHOICE, "channel")
        .annotate(n=Count("pk"))
        .values_list(*SINGLE_CHOICE, "channel", "n")
    )
    total = sum(row[-1] for row in combinations)
    if total < MIN_CELL:
        return ReachFigures(total=None, online=None, analog=None)
    tallies = {name: Counter() for name in (*SINGLE_CHOICE, "channel")}
    for *answers, n in combinations:
        for name, answer in zip(tallies, answers, strict=True):
            tallies[name][answer] += n
    online = tallies["channel"][Channel.ONLINE]
    analog = total - online
    split_hidden = hidden_cells([online, analog])
    city = _city_shares()
    district_rows = reference.load().districts
    districts = [(d.slug, d.name) for d in district_rows]
    slugs = {d.pk: d.slug for d in district_rows}
    by_district = Counter()
    for district_id, n in tallies["district"].items():
        by_district[slugs.get(district_id, NO_ANSWER)] += n
    languages = _tally(ReachLanguage.objects.filter(profile__in=queryset), "language")
    return ReachFigures(
        total=total,
        online=None if 0 in split_hidden else online,
        analog=None if 1 in split_hidden else analog,
        dimensions=[
            _dimension(
                PopulationDimension.DISTRICT,
                _("Stadtbezirk"),
                [*districts, (NO_ANSWER, _("keine Angabe"))],
                by_district,
                total,
                city,
            ),
            _dimension(
                PopulationDimension.AGE_GROUP,
                _("Altersgruppe"),
                AgeGroup.choices,
                tallies["age_group"],
                total,
                city,
            ),
            _dimension(
                PopulationDimension.MIGRATION,
                _("Migrationsgeschichte"),
                MigrationHistory.choices,
                tallies["migration"],
                total,
                city,
            ),
            _dimension(
                PopulationDimension.LANGUAGE, _("Sprachen"), Language.choices, languages, total, city, several=True
            ),
            _dimension(
                "organisation_kind",
                _("Art der Organisation"),
                OrganisationKind.choices,
                tallies["organisation_kind"],
                total,
                city,
            ),
        ],
    )
