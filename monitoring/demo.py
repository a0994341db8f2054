"""Demo content of monitoring for `manage.py seed_demo` (idempotent; runs after consultation and ideas).

Three demo proposals get an adopted official response (unless they have a response already); measures come from them
and from the awarded demo project; indicators have a year of monthly values; a quarterly report schedule sends to
the demo council member; and one report is issued (about a second with WeasyPrint). A second run adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from consultation.models import Proposal, ProposalState, Response, ResponseState
from ideas.models import Application, ApplicationState
from lip.models import District, Topic

from .measures import services as measure_services
from .models import (
    Audience,
    Indicator,
    IndicatorDirection,
    IndicatorValue,
    Measure,
    MeasureState,
    Report,
    ReportPeriod,
    ReportRun,
    ReportSchedule,
    ReportSection,
    ReportSettings,
    ReportStatus,
    SignatureFormula,
)
from .reach import demo as reach_demo
from .reports import generation, review
from .reports import services as report_services

DEPARTMENT = "Fachbereich Soziales, Sachgebiet Integration"
SCHEDULE_TITLE = "Monitoring LIP 4.0 – Quartalsbericht"
DEMO_REPORT_TITLE = "Monitoring LIP 4.0 – Zwischenbericht"
# The administration's words in the demo report (`review.run_texts_save`).
DEMO_TEXTS = {
    "introduction": (
        "Mit diesem Zwischenbericht legt die Verwaltung den Stand der Beteiligung am Lokalen Integrationsplan 4.0 vor. "
        "Vorschläge kamen online und auf Veranstaltungen in den Stadtbezirken; beide Wege zählen gleich.\n\n"
        "Die Verwaltung hat auf die eingegangenen Vorschläge öffentlich geantwortet; mehrere sind bereits in "
        "Maßnahmen des Integrationsplans eingeflossen."
    ),
    "assessments": {
        ReportSection.PARTICIPATION: (
            "Die analogen Wege – Workshops, Papierbögen und Sitzungen der Integrationsbeiräte – erreichen Menschen, "
            "die online nicht teilnehmen. Die Verwaltung wird sie beibehalten."
        ),
        ReportSection.MEASURES: (
            "Die Maßnahmen aus den Vorschlägen der Beteiligung sind begonnen. Verzögerungen gibt es dort, wo Räume "
            "oder Kursleitungen erst gewonnen werden müssen."
        ),
    },
    "conclusion": (
        "Die Beteiligung trägt: Aus Vorschlägen der Einwohner*innen und Organisationen sind Maßnahmen geworden, deren "
        "Fortschritt dieser Bericht belegt. Die Verwaltung berichtet im nächsten Quartal erneut."
    ),
}

# proposal title -> (response state, reasoning)
RESPONSES = {
    "Sprachcafés mit Kinderbetreuung in Linden": (
        ResponseState.ADOPTED,
        "Der Vorschlag wird in den LIP 4.0 übernommen. Die Stadtteilzentren in Linden stellen ab dem nächsten Quartal "
        "Räume bereit; die Kinderbetreuung wird aus Mitteln des Integrationsplans finanziert.",
    ),
    "Deutschkurse am Abend für Berufstätige": (
        ResponseState.ADOPTED,
        "Gemeinsam mit der Volkshochschule werden Abendkurse ab 18 Uhr und Samstagskurse eingerichtet.",
    ),
    "Hausaufgabenhilfe auch in den Sommerferien": (
        ResponseState.PARTLY_ADOPTED,
        "Ein Ferienprogramm wird zunächst in zwei Stadtteilbibliotheken erprobt; die Ausweitung hängt von der Auswertung ab.",
    ),
}

# (title, topic slug, district slugs, state, progress, description, proposal titles, with the award, parent title, weight)
MEASURES = [
    (
        "Sprachförderung im Stadtteil ausbauen",
        "sprachfoerderung",
        ["linden-limmer"],
        MeasureState.IN_PROGRESS,
        0,
        "Mehr Gelegenheiten, Deutsch im Alltag zu üben – dort, wo die Menschen wohnen.",
        [],
        False,
        None,
        1,
    ),
    (
        "Sprachcafés mit Kinderbetreuung in den Stadtteilzentren",
        "sprachfoerderung",
        ["linden-limmer"],
        MeasureState.IN_PROGRESS,
        60,
        "Wöchentliche Sprachcafés mit Kinderbetreuung in den Stadtteilzentren Linden-Nord und Linden-Süd.",
        ["Sprachcafés mit Kinderbetreuung in Linden"],
        True,
        "Sprachförderung im Stadtteil ausbauen",
        2,
    ),
    (
        "Abendkurse Deutsch für Berufstätige",
        "sprachfoerderung",
        [],
        MeasureState.IN_PROGRESS,
        20,
        "Integrationskurse ab 18 Uhr und am Samstag, gemeinsam mit der Volkshochschule.",
        ["Deutschkurse am Abend für Berufstätige"],
        False,
        "Sprachförderung im Stadtteil ausbauen",
        1,
    ),
    (
        "Ferienlernangebote in Stadtteilbibliotheken",
        "bildung",
        ["linden-limmer", "ricklingen"],
        MeasureState.PLANNED,
        0,
        "Ein Lernangebot in den Sommerferien, zunächst in zwei Stadtteilbibliotheken.",
        ["Hausaufgabenhilfe auch in den Sommerferien"],
        False,
        None,
        1,
    ),
    (
        "Lotsenstelle für die Anerkennung ausländischer Abschlüsse",
        "arbeitsmarktintegration",
        [],
        MeasureState.IN_PROGRESS,
        35,
        "Eine Lotsenstelle hilft beim Antrag auf Anerkennung und zeigt die Wartezeit offen.",
        [],
        False,
        None,
        1,
    ),
]

# (name, unit, measure title or None, topic slug or None, baseline, target, direction, monthly values, source)
INDICATORS = [
    (
        "Teilnehmende an Sprachcafés",
        "Personen",
        "Sprachcafés mit Kinderbetreuung in den Stadtteilzentren",
        None,
        "40",
        "120",
        IndicatorDirection.HIGHER,
        [42, 45, 51, 56, 60, 58, 66, 71, 77, 83, 88, 94],
        "Zählung der Stadtteilzentren",
    ),
    (
        "Wartezeit auf die Anerkennung",
        "Tage",
        "Lotsenstelle für die Anerkennung ausländischer Abschlüsse",
        None,
        "120",
        "60",
        IndicatorDirection.LOWER,
        [121, 118, 117, 112, 110, 104, 101, 99, 96, 92, 90, 88],
        "Anerkennungsstelle der Region Hannover",
    ),
    (
        "Sprachförderangebote in Stadtteilzentren",
        "Angebote",
        None,
        "sprachfoerderung",
        "12",
        "30",
        IndicatorDirection.HIGHER,
        [12, 13, 13, 14, 15, 16, 16, 18, 19, 20, 21, 22],
        "Sachgebiet Integration",
    ),
]


def _month_ends(count: int, today: date) -> list[date]:
    """The last days of the `count` months up to and including the current one (the current one: today)."""
    days = []
    first = today.replace(day=1)
    for offset in range(count - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - offset
        year, month = divmod(index, 12)
        next_first = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        days.append(min(next_first - timedelta(days=1), today))
    return days


def _responses(ctx) -> dict[str, Proposal]:
    moderator = ctx.users["moderator"]
    proposals = {p.title: p for p in Proposal.objects.filter(title__in=RESPONSES, state=ProposalState.PUBLISHED)}
    for title, proposal in proposals.items():
        if not Response.objects.filter(proposal=proposal).exists():
            state, text = RESPONSES[title]
            Response.objects.create(
                proposal=proposal,
                state=state,
                text=text,
                department=DEPARTMENT,
                published_at=timezone.now(),
                updated_by=moderator,
            )
    return proposals


def _measures(ctx, proposals: dict[str, Proposal]) -> dict[str, Measure]:
    moderator = ctx.users["moderator"]
    award = Application.objects.filter(title="Sprachcafé für Eltern in Linden", state=ApplicationState.AWARDED).first()
    measures = {m.title: m for m in Measure.objects.filter(title__in=[spec[0] for spec in MEASURES])}
    start = timezone.localdate() - timedelta(days=200)
    for title, topic, districts, state, progress, text, proposal_titles, with_award, parent, weight in MEASURES:
        if title in measures:
            continue
        measure = Measure(
            title=title,
            description=text,
            topic=Topic.objects.get(slug=topic),
            department=DEPARTMENT,
            partners="Volkshochschule Hannover, Stadtteilzentren, Migrant*innenselbstorganisationen",
            start=start,
            state=state,
            progress=progress,
            parent=measures.get(parent),
            weight=weight,
        )
        measures[title] = measure_services.measure_save(
            measure=measure,
            user=moderator,
            districts=list(District.objects.filter(slug__in=districts)),
            proposals=[proposals[t] for t in proposal_titles if t in proposals],
            projects=[award] if with_award and award else [],
        )
    return measures


def _indicators(ctx, measures: dict[str, Measure]) -> None:
    moderator = ctx.users["moderator"]
    days = _month_ends(12, timezone.localdate())
    for name, unit, measure_title, topic_slug, baseline, target, direction, values, source in INDICATORS:
        indicator = Indicator.objects.filter(name=name).first()
        if indicator is None:
            indicator = measure_services.indicator_save(
                indicator=Indicator(
                    name=name,
                    unit=unit,
                    measure=measures.get(measure_title) if measure_title else None,
                    topic=Topic.objects.get(slug=topic_slug) if topic_slug else None,
                    baseline_value=Decimal(baseline),
                    baseline_date=days[0] - timedelta(days=31),
                    target_value=Decimal(target),
                    target_date=date(days[-1].year + 1, 12, 31),
                    direction=direction,
                    source=source,
                ),
                user=moderator,
            )
        if not indicator.values.exists():
            IndicatorValue.objects.bulk_create(
                IndicatorValue(indicator=indicator, date=day, value=Decimal(value), entered_by=moderator)
                for day, value in zip(days, values, strict=True)
            )


def _schedule(ctx) -> ReportSchedule:
    schedule = ReportSchedule.objects.filter(title=SCHEDULE_TITLE).first()
    if schedule is not None:
        return schedule
    return report_services.schedule_save(
        schedule=ReportSchedule(
            title=SCHEDULE_TITLE,
            audiences=[Audience.INTERNATIONAL_COMMITTEE, Audience.ADMINISTRATIVE_COMMITTEE, Audience.CITY_COUNCIL],
            period=ReportPeriod.QUARTERLY,
            sections=list(ReportSection.values),
        ),
        user=ctx.users["moderator"],
        recipients=[ctx.users["council_member"]],
    )


def _signer() -> None:
    """Who signs the city's reports (the site setting „Berichte an die Ratsgremien“), unless someone set it already."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or ReportSettings.objects.filter(site=site).exists():
        return
    ReportSettings.objects.create(
        site=site,
        department="Dezernat III – Sachgebiet Integration",
        office="50.6 Sachgebiet Integration",
        place="Hannover",
        signer_formula=SignatureFormula.IN_VERTRETUNG,
        signer_name="Dr. Sabine Beispiel",
        signer_function="Stadträtin",
    )


def _review(ctx, run: ReportRun) -> None:
    """The demo report's texts, written by Moderation and approved by Administration (a second person)."""
    moderator, admin = ctx.users["moderator"], ctx.users["admin"]
    if run.status == ReportStatus.DRAFT:
        review.run_texts_save(run=run, user=moderator, **DEMO_TEXTS)
        review.run_submit(run=run, user=moderator)
    review.run_approve(run=run, user=admin)


def _report(ctx) -> Report | None:
    run = ReportRun.objects.filter(title=DEMO_REPORT_TITLE).first()
    if run is None:
        today = timezone.localdate()
        run = report_services.run_request(
            user=ctx.users["moderator"],
            title=DEMO_REPORT_TITLE,
            audiences=[Audience.INTERNATIONAL_COMMITTEE, Audience.ADMINISTRATIVE_COMMITTEE, Audience.CITY_COUNCIL],
            sections=list(ReportSection.values),
            period_start=today - timedelta(days=89),
            period_end=today,
            recipients=[ctx.users["council_member"]],
        )
    if run.status in (ReportStatus.DRAFT, ReportStatus.IN_REVIEW):
        _review(ctx, run)
    report = generation.run_execute(run_id=run.pk)
    if report is not None and report.notified_at is None:
        # The demo's story lies in the past: its e-mail counts as sent (a report issued in the admin sends one).
        Report.objects.filter(pk=report.pk).update(notified_at=timezone.now())
    return report


def seed(ctx) -> None:
    proposals = _responses(ctx)
    measures = _measures(ctx, proposals)
    _indicators(ctx, measures)
    _schedule(ctx)
    _signer()
    reach_demo.seed(ctx)  # before the report, whose participation chapter shows who took part
    report = _report(ctx)
    ctx.notes += [
        "",
        "Monitoring: /monitoring/ – Maßnahmen /monitoring/massnahmen/, Statistik /monitoring/statistik/, "
        "Berichte /monitoring/berichte/ (als Ratsmitglied alle, sonst die freigegebenen), "
        "Wer macht mit? /monitoring/wer-macht-mit/ (Fragebogen: /monitoring/wer-macht-mit/fragebogen/)",
        "  Bögen „Fragen zur Person“ erfassen: /admin/monitoring-fragen-zur-person/, "
        "Bevölkerungszahlen: /admin/monitoring-population/",
        "  Verwaltung: /admin/monitoring-measures/, /admin/monitoring-schedules/ (Jetzt erstellen), "
        "/admin/monitoring-runs/ (Bericht erstellen), /admin/monitoring-statistik/",
    ]
    if report is not None:
        ctx.notes.append(
            f"  Demo-Bericht Nr. {report.number}: /monitoring/berichte/{report.pk}/ ({report.page_count} Seiten)"
        )
