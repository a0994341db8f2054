"""The data snapshot of a report: everything the report says, as plain JSON, built once and stored before rendering.

The PDF is rendered from this snapshot alone (`pdf.render_report`), never from the live data: a later change to a
measure, an indicator value or a response does not change an issued report, and rendering the same snapshot again
yields the same text. Labels (states, districts, topics) are stored as the words of the day, in German; amounts and
measured values as decimal strings, dates as ISO strings.

About twenty queries, whatever the number of proposals, measures and values.

A report to a district body (Stadtbezirksrat, Integrationsbeirat) is that district's report (`report_district`): its
title and cover name the district, and its chapters hold the district's data, by the rule in `district_rule` (written
into the report as `meta.scope`): the participation figures of the district (`monitoring.statistics`), the measures
that work in it and the citywide ones (labelled „stadtweit“), their indicators and the key indicators of the fields of
action (citywide, labelled so), the idea competition for projects in the district, and the annex with the
district's proposals (`annex`). Next to the district's summary stand the citywide figures for comparison (`summary.citywide`).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultation.surveys.report import survey_chapter
from lip.models import District

from ..consideration.services import attachment_snapshot
from ..measures import selectors
from ..models import (
    Audience,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureState,
    ReportRun,
    ReportSection,
    weighted_progress,
)
from ..reach.report import reach_chapter
from ..statistics import results
from ..statistics.drafts import draft_values
from ..statistics.figures import participation_statistics
from .annex import annex_rows
from .periods import Period
from .texts import signature_snapshot, texts_snapshot
from .values import choice_labels, iso, money

SNAPSHOT_VERSION = 1


def report_district(run: ReportRun) -> District | None:
    """The district whose report this is: a report addressed to a Stadtbezirksrat or an Integrationsbeirat (which
    must name the district, see `services.run_request`) covers that district; any other report the whole city."""
    if run.district_id and set(run.audiences) & Audience.district_bodies():
        return run.district
    return None


def district_rule(district_name: str) -> str:
    """What a district's report contains, in words: printed in the report (`meta.scope`)."""
    return _(
        "Dieser Bericht gilt dem Stadtbezirk %(district)s. Die Zahlen zur Beteiligung zählen die Vorschläge für den "
        "Stadtbezirk mit ihren Kommentaren, Stimmen und Antworten sowie die Veranstaltungen im Stadtbezirk; "
        "stadtweite Vorschläge zählen hier nicht mit. Zum Vergleich nennt die Zusammenfassung die stadtweiten Zahlen. "
        "Aufgeführt sind die Maßnahmen, die selbst oder mit einer Teilmaßnahme im Stadtbezirk wirken, und die "
        "stadtweiten Maßnahmen (ohne Stadtbezirk), diese gekennzeichnet als „stadtweit“; dazu ihre Indikatoren und "
        "die Indikatoren der Handlungsfelder, die stadtweit gelten. Der Ideenwettbewerb zählt die Anträge für "
        "Projekte im Stadtbezirk und ihre Förderung; die Mittelbindung der Fonds gilt für die ganze Stadt. Die Anlage "
        "nennt nur Vorschläge für den Stadtbezirk."
    ) % {"district": district_name}


def addressed_bodies(audiences: list[str], district_name: str = "") -> list[str]:
    """The cover's list of bodies, in the order of a council paper: „In den Verwaltungsausschuss“, „In die
    Ratsversammlung“ …"""
    lines = {
        Audience.INTEGRATION_COUNCIL: _("In den Integrationsbeirat %(district)s"),
        Audience.DISTRICT_COUNCIL: _("In den Stadtbezirksrat %(district)s"),
        Audience.INTERNATIONAL_COMMITTEE: _(
            "In den Ausschuss für Integration, Europa und Internationale Kooperation (Internationaler Ausschuss)"
        ),
        Audience.ADMINISTRATIVE_COMMITTEE: _("In den Verwaltungsausschuss"),
        Audience.CITY_COUNCIL: _("In die Ratsversammlung"),
    }
    return [lines[a] % {"district": district_name} for a in Audience.values if a in audiences]


def _activity(rows: list[results.ActivityRow], *, keep_empty: bool = True) -> list[dict]:
    return [
        {
            "key": row.key,
            "label": row.label,
            "proposals_online": row.proposals_online,
            "proposals_analog": row.proposals_analog,
            "comments": row.comments,
            "votes_online": row.votes_online,
            "votes_analog": row.votes_analog,
            **draft_values(row),  # comments on a plan draft, online and analog
        }
        for row in rows
        if keep_empty or not row.is_empty
    ]


def _funding(rows: list[results.FundingRow]) -> list[dict]:
    return [
        {"label": r.label, "applications": r.applications, "awarded": r.awarded, "amount": money(r.amount)}
        for r in rows
    ]


def _participation(figures: results.ParticipationStatistics) -> dict:
    return {
        "by_consultation": _activity(figures.by_consultation, keep_empty=False),
        "by_district": _activity(figures.by_district),
        "by_topic": _activity(figures.by_topic),
        "by_channel": _activity(figures.by_channel),
        "events_by_kind": [{"label": r.label, "events": r.count, "attendees": r.other} for r in figures.events_by_kind],
        "organisations_by_type": [
            {"label": r.label, "registered": r.count, "participating": r.other} for r in figures.organisations_by_type
        ],
    }


def _comparison(figures: results.ParticipationStatistics, measures: list[Measure]) -> dict:
    """The citywide figures a district's summary is compared with."""
    total = figures.total
    return {
        "proposals": total.proposals,
        "comments": total.comments,
        "votes": total.votes,
        "participants_online": figures.participants_online,
        "events": figures.events,
        "attendees": figures.event_attendees,
        "answered_share": figures.answered_share,
        "median_days_to_response": figures.median_days_to_response,
        "measures": len(measures),
        "mean_progress": str(weighted_progress((1, m.overall_progress) for m in measures)),
        "applications": figures.applications,
        "awarded": figures.awarded,
        "awarded_amount": money(figures.awarded_amount),
    }


def _summary(figures: results.ParticipationStatistics, measures: list[Measure]) -> dict:
    total = figures.total
    states = dict.fromkeys(MeasureState.values, 0)
    for measure in measures:
        states[measure.state] += 1
    return {
        "proposals": total.proposals,
        "proposals_online": total.proposals_online,
        "proposals_analog": total.proposals_analog,
        "comments": total.comments,
        "votes_online": total.votes_online,
        "votes_analog": total.votes_analog,
        **draft_values(total),
        "participants_online": figures.participants_online,
        "events": figures.events,
        "attendees": figures.event_attendees,
        "proposals_until_end": figures.proposals_until_end,
        "answered_until_end": figures.answered_until_end,
        "answered_share": figures.answered_share,
        "responses_in_period": figures.responses_in_period,
        "median_days_to_response": figures.median_days_to_response,
        "measures": len(measures),
        "measures_by_state": [{"label": str(label), "count": states[value]} for value, label in MeasureState.choices],
        "mean_progress": str(weighted_progress((1, m.overall_progress) for m in measures)),
        "applications": figures.applications,
        "awarded": figures.awarded,
        "awarded_amount": money(figures.awarded_amount),
    }


def _districts_label(measure: Measure) -> str:
    """Where a measure works: its districts and its sub-measures' (as on the public overview), else „stadtweit“."""
    districts = {d.pk: d for m in (measure, *measure.child_list()) for d in m.districts.all()}
    names = [d.name for d in sorted(districts.values(), key=lambda d: d.number)]
    return ", ".join(names) if names else _("stadtweit")


def _origins(measures: list[Measure]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per measure (top-level and sub-measure), the references of the proposals it came from and the titles of the
    projects implementing it: two queries."""
    ids = [m.pk for measure in measures for m in (measure, *measure.child_list())]
    proposals, projects = defaultdict(set), defaultdict(set)
    for measure_id, reference in Measure.proposals.through.objects.filter(measure__in=ids).values_list(
        "measure_id", "proposal__reference"
    ):
        proposals[measure_id].add(reference)
    for measure_id, title in Measure.projects.through.objects.filter(
        selectors.results_public("application__"), measure__in=ids
    ).values_list("measure_id", "application__title"):
        projects[measure_id].add(title)
    return proposals, projects


def _measures(measures: list[Measure]) -> list[dict]:
    proposals, projects = _origins(measures)
    states = choice_labels(Measure, "state")
    result = []
    for measure in measures:
        children = measure.child_list()
        family = (measure, *children)
        result.append(
            {
                "id": measure.pk,
                "title": measure.title,
                "topic": measure.topic.name,
                "districts": _districts_label(measure),
                "department": measure.department,
                "state": states.get(measure.state, measure.state),
                "start": iso(measure.start),
                "end": iso(measure.end),
                "progress": str(measure.overall_progress),
                "children": [
                    {
                        "title": child.title,
                        "state": states.get(child.state, child.state),
                        "weight": child.weight,
                        "share": str(measure.weight_share(child)),
                        "progress": child.progress,
                    }
                    for child in children
                ],
                "proposals": sorted({reference for m in family for reference in proposals[m.pk]}),
                "projects": sorted({title for m in family for title in projects[m.pk]}),
            }
        )
    return result


def _indicator_values(indicators: list[Indicator], period: Period) -> dict[int, list[tuple[date, Decimal]]]:
    """Per indicator, its values (date, value) of the period and the latest one until the period's end, which may be
    older, oldest first: one query, whatever the number of values before the period."""
    latest_date = Subquery(
        IndicatorValue.objects.filter(indicator=OuterRef("indicator"), date__lte=period.end)
        .order_by("-date")
        .values("date")[:1]
    )
    values = defaultdict(list)
    for indicator_id, day, value in (
        IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
        .filter(Q(date__gte=period.start, date__lte=period.end) | Q(date=latest_date))
        .order_by("date", "pk")
        .values_list("indicator_id", "date", "value")
    ):
        values[indicator_id].append((day, value))
    return values


def _indicators(
    indicators: list[Indicator], period: Period, *, citywide_ids: frozenset[int] | None = None
) -> list[dict]:
    """The indicators with their latest value and the series of the period. In a district's report (`citywide_ids`
    given: the citywide top-level measures in it) an indicator of a field of action or of a citywide measure says
    „stadtweit“."""
    values = _indicator_values(indicators, period)
    directions = choice_labels(Indicator, "direction")
    result = []
    for indicator in indicators:
        known = values[indicator.pk]
        latest_date, latest_value = known[-1] if known else (None, None)
        series = [(day, value) for day, value in known if day >= period.start]
        if indicator.measure_id:
            subject = _("Maßnahme: %(title)s") % {"title": indicator.measure.title}
            top_level = indicator.measure.parent_id or indicator.measure_id
            citywide = citywide_ids is not None and top_level in citywide_ids
        else:
            subject = _("Handlungsfeld: %(name)s") % {"name": indicator.topic.name}
            citywide = citywide_ids is not None
        if citywide:
            subject = _("%(subject)s (stadtweit)") % {"subject": subject}
        result.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "subject": subject,
                "key": indicator.topic_id is not None,  # the key indicators of a field of action get a chart
                "direction": directions.get(indicator.direction, indicator.direction),
                "source": indicator.source,
                "baseline": {"value": str(indicator.baseline_value), "date": iso(indicator.baseline_date)},
                "target": {"value": str(indicator.target_value), "date": iso(indicator.target_date)},
                "latest": {"value": str(latest_value), "date": iso(latest_date)} if known else None,
                "attainment": str(a) if (a := indicator.attainment(latest_value)) is not None else None,
                "series": [[iso(day), str(value)] for day, value in series],
            }
        )
    return result


def _ideas(figures: results.ParticipationStatistics, district: District | None = None) -> dict:
    """The idea competition of the period; in a district's report the projects in the district, and for each fund
    (citywide) also what went to projects there."""
    awarded = selectors.public_awarded_projects()  # an award before its results date is no public fact yet
    if district is not None:
        awarded = awarded.filter(districts=district)
    measures = defaultdict(list)
    for application_id, title in Measure.projects.through.objects.filter(application__in=awarded).values_list(
        "application_id", "measure__title"
    ):
        measures[application_id].append(title)
    projects = [
        {
            "title": title,
            "reference": reference or "",
            "organisation": organisation,
            "amount": money(amount),
            "measures": sorted(measures[pk]),
        }
        for pk, title, reference, organisation, amount in awarded.values_list(
            "pk", "title", "reference", "organisation__name", "award__amount"
        )
    ]
    return {
        "applications": figures.applications,
        "awarded": figures.awarded,
        "awarded_amount": money(figures.awarded_amount),
        "by_district": _funding(figures.applications_by_district),
        "by_topic": _funding(figures.applications_by_topic),
        "funds": [
            {
                "name": f.name,
                "year": f.year,
                "budget": money(f.budget),
                "committed": money(f.committed),
                "remaining": money(f.remaining),
                "share": f.share,
                "awards": f.awards,
                **(
                    {"district_committed": money(f.district_committed), "district_awards": f.district_awards}
                    if district is not None
                    else {}
                ),
            }
            for f in figures.funds
        ],
        "projects": projects,
    }


def _report_title(run: ReportRun, district: District | None) -> str:
    if district is None or district.name in run.title:
        return run.title
    return _("%(title)s – Stadtbezirk %(district)s") % {"title": run.title, "district": district.name}


def build_snapshot(*, run: ReportRun, issued_on: date | None = None) -> dict:
    """The snapshot of `run`'s report: its meta data (number, date, bodies, subject, period) and the data of its
    chapters; for a district body, the district's (see the module docstring). `run.number` must be reserved."""
    period = Period(run.period_start, run.period_end)
    sections = [s for s in ReportSection.values if s in run.sections]
    district = report_district(run)
    with translation.override("de"):
        figures = participation_statistics(start=period.start, end=period.end, district=district)
        measures = selectors.measure_list(district=district, citywide_too=True)
        district_name = run.district.name if run.district_id else ""
        signature = signature_snapshot(run)  # the department and the signer of the day (site setting or run)
        snapshot = {
            "version": SNAPSHOT_VERSION,
            "meta": {
                "number": run.number,
                "date": iso(issued_on or timezone.localdate()),
                "title": _report_title(run, district),
                "kind": _("Informationsdrucksache"),
                "department": signature["department"],
                "period": {"start": iso(period.start), "end": iso(period.end), "label": period.label},
                "period_complete": period.end < timezone.localdate(),  # else „vorläufig, Stand …“ (pdf.status_label)
                "bodies": addressed_bodies(run.audiences, district_name),
                "district": district_name,
                "sections": sections,
                "generated_at": iso(timezone.localtime().replace(microsecond=0)),
            },
            "summary": _summary(figures, measures),
            "texts": texts_snapshot(run),  # the administration's words, frozen with the numbers
            "signature": signature,
            "attachments": attachment_snapshot(run),  # issued Abwägungstabellen sent with the paper
            "reach": reach_chapter(period=period, sections=sections),  # who took part (voluntary), `monitoring.reach`
            "surveys": survey_chapter(*results.period_bounds(period.start, period.end), district=district),
        }
        citywide_ids = None
        if district is not None:
            citywide_ids = frozenset(m.pk for m in measures if not selectors.measure_district_ids(m))
            snapshot["meta"]["scope"] = district_rule(district.name)
            snapshot["summary"]["measures_citywide"] = len(citywide_ids)
            all_measures = selectors.measure_list()
            snapshot["summary"]["citywide"] = _comparison(
                participation_statistics(start=period.start, end=period.end), all_measures
            )
        if ReportSection.PARTICIPATION in sections:
            snapshot["participation"] = _participation(figures)
        if ReportSection.MEASURES in sections:
            snapshot["measures"] = _measures(measures)
        if ReportSection.INDICATORS in sections:
            indicators = selectors.indicator_queryset()
            if district is not None:
                ids = [m.pk for m in measures]
                indicators = indicators.filter(Q(topic__isnull=False) | Q(measure__in=ids) | Q(measure__parent__in=ids))
            # Without the prefetched values: `_indicators` reads those it needs as plain values.
            indicators = list(
                indicators.prefetch_related(None).order_by("topic__sort_order", "measure__title", "sort_order", "name")
            )
            snapshot["indicators"] = _indicators(indicators, period, citywide_ids=citywide_ids)
        if ReportSection.IDEAS in sections:
            snapshot["ideas"] = _ideas(figures, district)
        if ReportSection.ANNEX in sections:
            snapshot["annex"] = annex_rows(period, district)
    return snapshot
