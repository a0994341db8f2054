"""The data snapshot of a report: everything the report says, as plain JSON, built once and stored before rendering.

The PDF is rendered from this snapshot alone (`pdf.render_report`), never from the live data: a later change to a
measure, an indicator value or a response does not change an issued report, and rendering the same snapshot again
yields the same text. Labels (states, districts, topics) are stored as the words of the day, in German; amounts and
measured values as decimal strings, dates as ISO strings.

About twenty queries, whatever the number of proposals, measures and values.

A report to a district body (Stadtbezirksrat, Integrationsbeirat) is that district's report (`report_district`): its
title and cover name the district, and its chapters hold the district's data, by the rule in `district_rule` (written
into the report as `meta.scope`): the participation figures of the district (`statistics`), the measures that work
in it and the citywide ones (labelled „stadtweit“), their indicators and the key indicators of the fields of action
(citywide, labelled so), the idea competition for projects in the district, and the annex with the district's
proposals. Next to the district's summary stand the citywide figures for comparison (`summary.citywide`).
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultation.models import Channel, Proposal
from lip.models import District

from . import selectors, statistics
from .models import Audience, Indicator, Measure, MeasureState, ReportRun, ReportSection, weighted_progress
from .periods import Period

SNAPSHOT_VERSION = 1
DEPARTMENT = "Dez. III – Sachgebiet Integration"


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


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str:
    return str((value or Decimal(0)).quantize(Decimal("0.01")))


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


def _activity(rows: list[statistics.ActivityRow], *, keep_empty: bool = True) -> list[dict]:
    return [
        {
            "key": row.key,
            "label": row.label,
            "proposals_online": row.proposals_online,
            "proposals_analog": row.proposals_analog,
            "comments": row.comments,
            "votes_online": row.votes_online,
            "votes_analog": row.votes_analog,
        }
        for row in rows
        if keep_empty or not row.is_empty
    ]


def _funding(rows: list[statistics.FundingRow]) -> list[dict]:
    return [
        {"label": r.label, "applications": r.applications, "awarded": r.awarded, "amount": _money(r.amount)}
        for r in rows
    ]


def _participation(figures: statistics.ParticipationStatistics) -> dict:
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


def _comparison(figures: statistics.ParticipationStatistics, measures: list[Measure]) -> dict:
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
        "awarded_amount": _money(figures.awarded_amount),
    }


def _summary(figures: statistics.ParticipationStatistics, measures: list[Measure]) -> dict:
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
        "awarded_amount": _money(figures.awarded_amount),
    }


def _districts_label(measure: Measure) -> str:
    """Where a measure works: its districts and its sub-measures' (as on the public overview), else „stadtweit“."""
    districts = {d.pk: d for m in (measure, *measure.child_list()) for d in m.districts.all()}
    names = [d.name for d in sorted(districts.values(), key=lambda d: d.number)]
    return ", ".join(names) if names else _("stadtweit")


def _measures(measures: list[Measure]) -> list[dict]:
    result = []
    for measure in measures:
        children = measure.child_list()
        result.append(
            {
                "id": measure.pk,
                "title": measure.title,
                "topic": measure.topic.name,
                "districts": _districts_label(measure),
                "department": measure.department,
                "state": str(measure.get_state_display()),
                "start": _iso(measure.start),
                "end": _iso(measure.end),
                "progress": str(measure.overall_progress),
                "children": [
                    {
                        "title": child.title,
                        "state": str(child.get_state_display()),
                        "weight": child.weight,
                        "share": str(measure.weight_share(child)),
                        "progress": child.progress,
                    }
                    for child in children
                ],
                "proposals": sorted({p.reference for m in (measure, *children) for p in m.proposals.all()}),
                "projects": sorted({a.title for m in (measure, *children) for a in m.projects.all()}),
            }
        )
    return result


def _indicators(
    indicators: list[Indicator], period: Period, *, citywide_ids: frozenset[int] | None = None
) -> list[dict]:
    """The indicators with their latest value and the series of the period. In a district's report (`citywide_ids`
    given: the citywide top-level measures in it) an indicator of a field of action or of a citywide measure says
    „stadtweit“."""
    result = []
    for indicator in indicators:
        latest = selectors.latest_value(indicator, until=period.end)
        series = selectors.value_list(indicator, start=period.start, end=period.end)
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
                "direction": str(indicator.get_direction_display()),
                "source": indicator.source,
                "baseline": {"value": str(indicator.baseline_value), "date": _iso(indicator.baseline_date)},
                "target": {"value": str(indicator.target_value), "date": _iso(indicator.target_date)},
                "latest": {"value": str(latest.value), "date": _iso(latest.date)} if latest else None,
                "attainment": str(a)
                if (a := indicator.attainment(latest.value if latest else None)) is not None
                else None,
                "series": [[_iso(v.date), str(v.value)] for v in series],
            }
        )
    return result


def _ideas(figures: statistics.ParticipationStatistics, district: District | None = None) -> dict:
    """The idea competition of the period; in a district's report the projects in the district, and for each fund
    (citywide) also what went to projects there."""
    awarded = selectors.awarded_projects()
    if district is not None:
        awarded = awarded.filter(districts=district)
    projects = [
        {
            "title": application.title,
            "reference": application.reference or "",
            "organisation": application.organisation.name,
            "amount": _money(application.award.amount),
            "measures": sorted(m.title for m in application.measures.all()),
        }
        for application in awarded.prefetch_related(Prefetch("measures", queryset=Measure.objects.only("pk", "title")))
    ]
    return {
        "applications": figures.applications,
        "awarded": figures.awarded,
        "awarded_amount": _money(figures.awarded_amount),
        "by_district": _funding(figures.applications_by_district),
        "by_topic": _funding(figures.applications_by_topic),
        "funds": [
            {
                "name": f.name,
                "year": f.year,
                "budget": _money(f.budget),
                "committed": _money(f.committed),
                "remaining": _money(f.remaining),
                "share": f.share,
                "awards": f.awards,
                **(
                    {"district_committed": _money(f.district_committed), "district_awards": f.district_awards}
                    if district is not None
                    else {}
                ),
            }
            for f in figures.funds
        ],
        "projects": projects,
    }


def _annex(period: Period, district: District | None = None) -> list[dict]:
    """The traceability annex: every proposal that led to a measure, and every proposal whose official response was
    published in the period, with the response as published when the snapshot is taken (its state, date and
    department; the reasoning is on the proposal's page) and the measures. In a district's report only the
    proposals for that district."""
    lower, upper = statistics._bounds(period.start, period.end)
    answered_in_period = Q(response__published_at__gte=lower, response__published_at__lt=upper)
    proposals = (
        Proposal.objects.filter(state__in=selectors.PUBLIC_PROPOSAL_STATES)
        .filter(Q(district=district) if district is not None else Q())
        .filter(Q(pk__in=Measure.proposals.through.objects.values("proposal_id")) | answered_in_period)
        .select_related("consultation", "district", "topic", "response")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.only("pk", "title").order_by("title")))
        .order_by("consultation__path", "reference")
    )
    rows = []
    for proposal in proposals:
        response = getattr(proposal, "response", None)
        published = response is not None and response.published_at is not None
        rows.append(
            {
                "reference": proposal.reference,
                "title": proposal.title,
                "consultation": proposal.consultation.title,
                "channel": str(proposal.get_channel_display()),
                "analog": proposal.channel != Channel.ONLINE,
                "district": proposal.district.name if proposal.district_id else _("stadtweit"),
                "topic": proposal.topic.name,
                "response": {
                    "state": str(response.get_state_display()),
                    "date": _iso(timezone.localdate(response.published_at)),
                    "department": response.department,
                }
                if published
                else None,
                "measures": [m.title for m in proposal.measures.all()],
            }
        )
    return rows


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
        figures = statistics.participation_statistics(start=period.start, end=period.end, district=district)
        measures = selectors.measure_list(district=district, citywide_too=True)
        origins = Proposal.objects.only("pk", "reference")
        prefetch_related_objects(
            measures,
            Prefetch("proposals", queryset=origins),
            "projects",
            Prefetch("children__proposals", queryset=origins),
            "children__projects",
        )
        district_name = run.district.name if run.district_id else ""
        snapshot = {
            "version": SNAPSHOT_VERSION,
            "meta": {
                "number": run.number,
                "date": _iso(issued_on or timezone.localdate()),
                "title": _report_title(run, district),
                "kind": _("Informationsdrucksache"),
                "department": DEPARTMENT,
                "period": {"start": _iso(period.start), "end": _iso(period.end), "label": period.label},
                "bodies": addressed_bodies(run.audiences, district_name),
                "district": district_name,
                "sections": sections,
                "generated_at": _iso(timezone.localtime().replace(microsecond=0)),
            },
            "summary": _summary(figures, measures),
        }
        citywide_ids = None
        if district is not None:
            citywide_ids = frozenset(m.pk for m in measures if not selectors.measure_district_ids(m))
            snapshot["meta"]["scope"] = district_rule(district.name)
            snapshot["summary"]["measures_citywide"] = len(citywide_ids)
            all_measures = selectors.measure_list()
            snapshot["summary"]["citywide"] = _comparison(
                statistics.participation_statistics(start=period.start, end=period.end), all_measures
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
            indicators = list(indicators.order_by("topic__sort_order", "measure__title", "sort_order", "name"))
            snapshot["indicators"] = _indicators(indicators, period, citywide_ids=citywide_ids)
        if ReportSection.IDEAS in sections:
            snapshot["ideas"] = _ideas(figures, district)
        if ReportSection.ANNEX in sections:
            snapshot["annex"] = _annex(period, district)
    return snapshot
