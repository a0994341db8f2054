"""Demo content of the idea competition for `manage.py seed_demo` (idempotent).

A fund of 50,000 €, an open competition under the home page with the five criteria of the council motion, two
jurors, and applications of the demo representative's organisation in every state the story needs: a draft, one
waiting for the eligibility check, one not eligible, two before the jury (one already scored by the second juror,
so that the demo juror sees the others' scores after scoring it), and one awarded with its letter.

Everything goes through the services, as people would do it. The demo's story lies in the past, so the e-mails it
would have caused are marked as sent instead of being printed to the console.
"""

import json
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from lip.demo import demo_user
from lip.models import District, Topic
from lip.roles import Role

from .applications import services as application_services
from .competitions.selectors import linkable_proposals
from .decisions import letters
from .decisions import services as decision_services
from .jury import services as jury_services
from .models import Application, ApplicationState, CompetitionPage, Criterion, Fund, JuryAssignment, ProgressState

# The demo's windows are set relative to the day it is seeded (submission open now, results in 75 days). The funding
# year is the year of the results: fund, competition and its rules all name that year, so the demo never says
# "im Förderjahr 2026" with a deadline in 2027.
SUBMISSION_START_DAYS, SUBMISSION_END_DAYS, RESULTS_DAYS = -14, 45, 75


def funding_year(today=None) -> int:
    return ((today or timezone.localdate()) + timedelta(days=RESULTS_DAYS)).year


def fund_name(year: int) -> str:
    return f"Gesellschaftsfonds Zusammenleben {year}"


def competition_slug(year: int | None = None) -> str:
    return f"ideenwettbewerb-{year or funding_year()}"


CRITERIA = [
    (
        "Beitrag zu den Zielen des LIP",
        "Wie stark trägt das Projekt zu den Zielen des Lokalen Integrationsplans bei?",
        30,
    ),
    ("Reichweite im Stadtbezirk", "Wie viele Menschen erreicht das Projekt im Quartier oder Stadtbezirk?", 20),
    (
        "Beteiligung von Menschen mit Migrationsgeschichte",
        "Gestalten Menschen mit Migrationsgeschichte das Projekt selbst mit?",
        20,
    ),
    ("Umsetzbarkeit", "Sind Zeitplan, Kostenplan und Partner realistisch?", 15),
    ("Nachhaltigkeit", "Wirkt das Projekt über die Förderung hinaus?", 15),
]


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": text} for text in texts])


def _competition(ctx, fund: Fund) -> CompetitionPage:
    home = ctx.objects["home_page"]
    page = CompetitionPage.objects.child_of(home).filter(fund=fund).first()
    if page is not None:
        return page
    today = timezone.localdate()
    year = fund.year

    def at(days: int, hour: int):
        day = today + timedelta(days=days)
        return timezone.make_aware(datetime(day.year, day.month, day.day, hour))

    page = CompetitionPage(
        title=f"Ideenwettbewerb Zusammenleben {year}",
        slug=competition_slug(year),
        show_in_menus=True,
        teaser="Ihre Idee für ein gutes Zusammenleben in Hannover: Vereine und Initiativen können bis zu 5.000 € "
        "aus dem Gesellschaftsfonds Zusammenleben beantragen.",
        body=_paragraphs(
            "<p>Mit dem Gesellschaftsfonds Zusammenleben fördert die Landeshauptstadt Hannover Projekte, die das "
            "Zusammenleben in der Stadtgesellschaft stärken – im Sinne des Lokalen Integrationsplans (LIP 4.0).</p>",
            "<p>Gefördert werden Sachkosten, Honorare und Raummieten. Projekte können an Vorschläge aus der "
            "Beteiligung zum Integrationsplan anknüpfen. Eine Jury aus Verwaltung, Integrationsbeiräten und "
            "Zivilgesellschaft bewertet die zulässigen Anträge.</p>",
        ),
        applicants_summary="Vereine, Initiativen und Selbstorganisationen von Migrant*innen aus Hannover",
        eligibility="<p>Antragsberechtigt sind bestätigte Organisationen auf dieser Plattform: Migrant*innenselbst"
        "organisationen, Vereine, Initiativen, Religionsgemeinschaften und Wohlfahrtsverbände mit Sitz oder "
        f"Wirkungskreis in Hannover. Das Projekt muss im Förderjahr {year} umgesetzt werden.</p>",
        submission_start=at(SUBMISSION_START_DAYS, 9),
        submission_end=at(SUBMISSION_END_DAYS, 18),
        results_published_at=at(RESULTS_DAYS, 12),
        max_grant=Decimal("5000.00"),
        fund=fund,
    )
    from consultation.models import ConsultationPage

    page.consultations = list(ConsultationPage.objects.live())
    page.criteria = [
        Criterion(name=name, description=description, weight=weight, sort_order=order)
        for order, (name, description, weight) in enumerate(CRITERIA)
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return CompetitionPage.objects.get(pk=page.pk)


APPLICATIONS = [
    # (title, target state, districts, topic slugs, cost lines, own contribution)
    (
        "Sprachcafé für Eltern in Linden",
        ApplicationState.AWARDED,
        ["linden-limmer"],
        ["sprachfoerderung"],
        [
            ("Honorar Sprachbegleitung (40 Termine)", "2400.00"),
            ("Kinderbetreuung", "1200.00"),
            ("Material und Getränke", "600.00"),
        ],
        "400.00",
    ),
    (
        "Interkulturelles Nachbarschaftsfest Limmer",
        ApplicationState.ELIGIBLE,
        ["linden-limmer"],
        ["wohnen-und-leben"],
        [("Bühne und Technik", "1500.00"), ("Künstlerhonorare", "1800.00"), ("Öffentlichkeitsarbeit", "300.00")],
        "600.00",
    ),
    (
        "Hausaufgabenhilfe in vielen Sprachen",
        ApplicationState.ELIGIBLE,
        ["linden-limmer", "ricklingen"],
        ["bildung", "sprachfoerderung"],
        [("Aufwandsentschädigungen Ehrenamtliche", "2000.00"), ("Lernmaterial", "500.00")],
        "0.00",
    ),
    (
        "Kochabende der Kulturen",
        ApplicationState.SUBMITTED,
        [],
        ["freiwilliges-engagement"],
        [("Raummiete Stadtteilküche", "900.00"), ("Lebensmittel", "1100.00")],
        "200.00",
    ),
    (
        "Beratungsbus für Neuangekommene",
        ApplicationState.NOT_ELIGIBLE,
        [],
        ["arbeitsmarktintegration"],
        [("Leasing Kleinbus", "4800.00")],
        "0.00",
    ),
    (
        "Theaterprojekt „Ankommen“",
        ApplicationState.DRAFT,
        ["mitte"],
        ["politische-und-gesellschaftliche-teilhabe"],
        [("Regie-Honorar", "2500.00"), ("Probenraum", "700.00")],
        "500.00",
    ),
]

TEXTS = {
    "summary": "Ein offenes Angebot im Stadtteil, das Menschen mit und ohne Migrationsgeschichte zusammenbringt.",
    "goals": "Begegnung im Quartier stärken, Deutsch im Alltag üben, Nachbarschaften knüpfen. Das Projekt greift "
    "Ziele des Lokalen Integrationsplans zu Sprache, Teilhabe und Zusammenhalt auf.",
    "target_groups": "Familien aus dem Stadtteil, insbesondere Neuzugewanderte; etwa 60 Teilnehmende.",
    "partners": "Stadtteilzentrum, Familienzentrum, Stadtteilbibliothek",
    "schedule": "März: Vorbereitung und Werbung. April bis November: wöchentliche Treffen. Dezember: Abschlussfest.",
}

SCORES = {
    # title -> {juror key: [score per criterion in CRITERIA order]}
    "Sprachcafé für Eltern in Linden": {"jury": [5, 4, 5, 4, 4], "jury2": [4, 4, 5, 5, 3]},
    "Interkulturelles Nachbarschaftsfest Limmer": {"jury": [3, 4, 4, 5, 2], "jury2": [4, 5, 3, 4, 2]},
    "Hausaufgabenhilfe in vielen Sprachen": {"jury2": [4, 3, 4, 4, 4]},
}


def _mark_notified(application: Application) -> None:
    now = timezone.now()
    Application.objects.filter(pk=application.pk).update(
        confirmation_sent_at=now, eligibility_notice_sent_at=now, decline_notice_sent_at=now
    )


def _application(ctx, competition, jurors, spec) -> None:
    title, target, district_slugs, topic_slugs, lines, own = spec
    organisation = ctx.organisations["migrant"]
    if Application.objects.filter(competition=competition, organisation=organisation, title=title).exists():
        return
    representative, moderator = ctx.users["representative"], ctx.users["moderator"]
    topics = list(Topic.objects.filter(slug__in=topic_slugs)) or list(Topic.objects.all()[:1])
    data = {
        "organisation": organisation,
        "title": title,
        **TEXTS,
        "districts": list(District.objects.filter(slug__in=district_slugs)),
        "topics": topics,
        "proposals": list(linkable_proposals(competition)[:2]) if target == ApplicationState.AWARDED else [],
        "own_contribution": Decimal(own),
    }
    application = application_services.application_create(
        competition=competition,
        user=representative,
        data=data,
        cost_items=[{"description": d, "amount": Decimal(a)} for d, a in lines],
    )
    if target == ApplicationState.DRAFT:
        return
    application = application_services.application_submit(application=application, user=representative)
    _mark_notified(application)
    if target == ApplicationState.SUBMITTED:
        return
    eligible = target != ApplicationState.NOT_ELIGIBLE
    application = decision_services.application_decide_eligibility(
        application=application,
        user=moderator,
        eligible=eligible,
        reason="" if eligible else "Die Förderung eines Fahrzeugs ist nach den Förderrichtlinien ausgeschlossen.",
    )
    _mark_notified(application)
    criteria = competition.criterion_list()
    for juror_key, values in SCORES.get(title, {}).items():
        jury_services.assessment_submit(
            application=application,
            juror=jurors[juror_key],
            scores={c.pk: (value, "") for c, value in zip(criteria, values, strict=True)},
        )
    if target == ApplicationState.AWARDED:
        award = decision_services.award_grant(
            application=application,
            user=moderator,
            amount=Decimal("3500.00"),
            conditions="Die Kinderbetreuung ist durch qualifiziertes Personal sicherzustellen.",
        )
        letters.award_letter_issue(award=award)
        award.letter_sent_at = timezone.now()
        award.save(update_fields=["letter_sent_at"])
        application_services.progress_report_add(
            application=application,
            user=representative,
            data={
                "state": ProgressState.RUNNING,
                "text": "Die ersten acht Treffen haben stattgefunden, im Schnitt mit 14 Eltern.",
            },
        )


def seed(ctx) -> None:
    fund, _created = Fund.objects.get_or_create(
        year=funding_year(),
        defaults={
            "name": fund_name(funding_year()),
            "budget": Decimal("50000.00"),
            "description": "Mittel des Rates für Projekte, die das Zusammenleben in Hannover stärken (Drucksache 2136/2018).",
        },
    )
    competition = _competition(ctx, fund)
    jury2 = demo_user("jury2@lip-hannover.example", "Jonas Jury", [Role.PARTICIPANT, Role.JURY])
    ctx.users["jury2"] = jury2
    ctx.accounts.append(("Jury (zweites Mitglied)", jury2.email))
    jurors = {"jury": ctx.users["jury"], "jury2": jury2}
    for juror in jurors.values():
        JuryAssignment.objects.get_or_create(
            competition=competition, juror=juror, defaults={"assigned_by": ctx.users["moderator"]}
        )
    if competition.submission_open():
        for spec in APPLICATIONS:
            _application(ctx, competition, jurors, spec)
    ctx.objects["competition_page"] = competition
    ctx.notes.append(
        f"Ideenwettbewerb: {competition.url} – Meine Anträge: /ideenwettbewerb/meine-antraege/ – "
        "Jury: /ideenwettbewerb/jury/ – Verwaltung: /admin/ideas-applications/"
    )
