"""The demo consultation for `manage.py seed_demo`: a running consultation with proposals, online and analog.

Idempotent: every object is looked up before it is made, and nothing that exists is changed, so a second run adds
nothing. The phases are laid around the day of the first run (submission runs then), so that proposals and comments
go through the services with their phase checks, like people's would. Votes are only allowed in the voting phase,
which lies ahead; the demo stores a few vote rows directly and sets the counters from them.
"""

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from lip.models import District, Topic

from . import services
from .models import (
    AnalogTally,
    Channel,
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    ContentReport,
    Event,
    EventKind,
    Phase,
    PhaseType,
    Proposal,
    Vote,
)

CONSULTATION_SLUG = "lip-4-0-ihre-vorschlaege"
SUGGESTED_TAGS = ["Sprachcafé", "Ausbildung", "Nachbarschaft", "Frauen", "Jugend"]

# (type, title, description, first day, last day + 1) relative to the day of the first run.
PHASES = [
    (
        PhaseType.INFORMATION,
        "Informieren",
        "Worum es geht: der Lokale Integrationsplan und wie Sie mitwirken.",
        -28,
        -14,
    ),
    (
        PhaseType.SUBMISSION,
        "Vorschläge sammeln",
        "Reichen Sie Vorschläge ein – online, per Formular oder im Workshop.",
        -14,
        21,
    ),
    (
        PhaseType.DISCUSSION,
        "Diskutieren",
        "Kommentieren Sie die Vorschläge; die Integrationsbeiräte nehmen Stellung.",
        21,
        35,
    ),
    (PhaseType.VOTING, "Abstimmen", "Unterstützen Sie bis zu fünf Vorschläge.", 35, 49),
    (PhaseType.EVALUATION, "Auswerten", "Die Verwaltung prüft jeden Vorschlag und antwortet öffentlich.", 49, 91),
    (PhaseType.RESULTS, "Ergebnisse", "Was in den Lokalen Integrationsplan 4.0 aufgenommen wurde.", 91, 181),
]

BODY = [
    {"type": "heading", "value": "Worum es geht"},
    {
        "type": "paragraph",
        "value": "<p>Hannover schreibt den Lokalen Integrationsplan neu. Der Rat hat beschlossen, dass die Menschen, "
        "die in Hannover leben, ihn mitgestalten: Migrant*innenorganisationen, Vereine, Wohlfahrtsverbände, "
        "Religionsgemeinschaften, Gewerkschaften, Ehrenamtliche und die Integrationsbeiräte der Stadtbezirke.</p>",
    },
    {"type": "heading", "value": "So machen Sie mit"},
    {
        "type": "paragraph",
        "value": "<p>Reichen Sie bis zum Ende der Sammelphase Vorschläge ein – online, mit dem Papierformular, per "
        "E-Mail oder Telefon oder in einem unserer Workshops. Alle Wege zählen gleich. Danach wird diskutiert und "
        "abgestimmt; die Verwaltung beantwortet jeden Vorschlag öffentlich.</p>",
    },
]

EVENT_TITLE = "Workshop „Ankommen in Linden“"
EVENT_MINUTES = (
    "24 Teilnehmende, drei Arbeitsgruppen (Sprache, Nachbarschaft, Bildung).\n\n"
    "Ergebnisse: Die Gruppen haben zwölf Ideen gesammelt, davon vier als Vorschläge aufgeschrieben. "
    "Am Ende haben alle mit Klebepunkten gewichtet.\n\n"
    "Nächster Termin: Sitzung des Integrationsbeirats Linden-Limmer."
)


@dataclass(frozen=True)
class DemoProposal:
    title: str
    text: str
    topic: str
    district: str | None
    tags: tuple[str, ...]
    days_ago: int
    author: str | None = None  # ctx.users key, for online proposals
    organisation: str | None = None  # ctx.organisations key
    channel: str = Channel.ONLINE
    author_name: str = ""
    from_event: bool = False


PROPOSALS = [
    DemoProposal(
        "Sprachcafés mit Kinderbetreuung in Linden",
        "Viele Mütter würden gern Deutsch üben, finden aber keine Betreuung für ihre Kinder.\n\n"
        "Wir schlagen vor, in den Stadtteilzentren in Linden wöchentliche Sprachcafés mit Kinderbetreuung anzubieten. "
        "Unser Verein stellt Ehrenamtliche; die Stadt stellt Räume und finanziert die Betreuung.",
        "sprachfoerderung",
        "linden-limmer",
        ("Sprachcafé", "Frauen"),
        12,
        author="representative",
        organisation="migrant",
    ),
    DemoProposal(
        "Mehrsprachige Elternabende an Grundschulen",
        "Elternabende sind für viele Eltern schwer zu verstehen. Schulen sollen Sprachmittlerinnen und "
        "Sprachmittler für die häufigsten Sprachen der Elternschaft einladen können – bezahlt aus einem städtischen Pool.",
        "bildung",
        None,
        ("Jugend",),
        11,
        author="representative",
    ),
    DemoProposal(
        "Anerkennung ausländischer Abschlüsse beschleunigen",
        "Wer mit einem Berufsabschluss nach Hannover kommt, wartet oft monatelang auf die Anerkennung. "
        "Eine Lotsenstelle im Jobcenter soll beim Antrag helfen und die Wartezeit offen zeigen.",
        "arbeitsmarktintegration",
        None,
        ("Ausbildung",),
        9,
        author="representative",
    ),
    DemoProposal(
        "Patenschaften für Ausbildungsplätze im Handwerk",
        "Handwerksbetriebe suchen Auszubildende, junge Geflüchtete suchen Ausbildungsplätze. "
        "Ehrenamtliche Patinnen und Paten begleiten durch Bewerbung, Berufsschule und Prüfung.",
        "arbeitsmarktintegration",
        "nord",
        ("Ausbildung", "Jugend"),
        8,
        author="participant",
    ),
    DemoProposal(
        "Gemeinschaftsgärten für alle Nachbarinnen und Nachbarn",
        "Brachflächen in Linden-Süd könnten Gemeinschaftsgärten werden. Gärtnern verbindet – "
        "ganz ohne perfekte Deutschkenntnisse.",
        "wohnen-und-leben",
        "linden-limmer",
        ("Nachbarschaft",),
        7,
        author="participant",
    ),
    DemoProposal(
        "Beratung bei Diskriminierung auf dem Wohnungsmarkt",
        "Menschen mit ausländisch klingendem Namen bekommen seltener eine Besichtigung. "
        "Eine Beratungsstelle soll Betroffene unterstützen und Testings durchführen.",
        "antidiskriminierung",
        None,
        (),
        5,
        author="participant",
    ),
    DemoProposal(
        "Integrationsbeiräte in den Stadtteilen bekannter machen",
        "Viele wissen nicht, dass es in ihrem Stadtbezirk einen Integrationsbeirat gibt. "
        "Plakate in mehreren Sprachen und offene Sitzungen im Stadtteilzentrum würden helfen.",
        "politische-und-gesellschaftliche-teilhabe",
        "linden-limmer",
        (),
        4,
        author="council",
    ),
    DemoProposal(
        "Gesundheitslotsinnen, die die Sprache der Familien sprechen",
        "Geschulte Lotsinnen begleiten Familien zu Ärztinnen und Ärzten und erklären das Gesundheitssystem.",
        "gesundheit",
        None,
        ("Frauen",),
        2,
        author="jury",
    ),
    DemoProposal(
        "Mehr Sitzbänke und Treffpunkte am Lindener Marktplatz",
        "Am Marktplatz fehlen Orte, an denen man sich hinsetzen und ins Gespräch kommen kann.",
        "wohnen-und-leben",
        "linden-limmer",
        ("Nachbarschaft",),
        6,
        channel=Channel.PAPER,
        author_name="Ayşe K.",
        from_event=True,
    ),
    DemoProposal(
        "Hausaufgabenhilfe auch in den Sommerferien",
        "In den Ferien fällt die Hausaufgabenhilfe weg; gerade dann verlieren Kinder den Anschluss. "
        "Ein Ferienprogramm mit Lernangeboten in der Stadtteilbibliothek würde helfen.",
        "bildung",
        "linden-limmer",
        ("Jugend",),
        6,
        channel=Channel.EVENT,
        organisation="welfare",
        from_event=True,
    ),
    DemoProposal(
        "Briefe der Ausländerbehörde in einfacher Sprache",
        "Die Schreiben der Ausländerbehörde sind selbst für Muttersprachler schwer zu verstehen. "
        "Jeder Brief sollte eine kurze Erklärung in einfacher Sprache haben.",
        "politische-und-gesellschaftliche-teilhabe",
        None,
        (),
        3,
        channel=Channel.EMAIL,
    ),
    DemoProposal(
        "Deutschkurse am Abend für Berufstätige",
        "Wer tagsüber arbeitet, kann keine Integrationskurse besuchen. Es braucht Kurse ab 18 Uhr und am Samstag.",
        "sprachfoerderung",
        None,
        ("Ausbildung",),
        1,
        channel=Channel.PHONE,
        author_name="Herr Yılmaz",
    ),
]

# (proposal title, commenter, text, reply by, reply text)
COMMENTS = [
    (
        "Sprachcafés mit Kinderbetreuung in Linden",
        "participant",
        "Sehr gute Idee! Im Stadtteilzentrum Lindenhofe gäbe es dienstags einen freien Raum.",
        "representative",
        "Danke für den Hinweis – wir fragen dort nach.",
    ),
    (
        "Patenschaften für Ausbildungsplätze im Handwerk",
        "representative",
        "Die Handwerkskammer hat ein ähnliches Programm. Vielleicht kann man daran anknüpfen?",
        None,
        "",
    ),
]

STATEMENT = (
    "Mehr Sitzbänke und Treffpunkte am Lindener Marktplatz",
    "Der Integrationsbeirat Linden-Limmer unterstützt den Vorschlag. Treffpunkte im öffentlichen Raum sind für das "
    "Zusammenleben im Stadtteil wichtig; wir bitten die Verwaltung, den Marktplatz in die Planung einzubeziehen.",
)

# who supports which proposals (by title); budget is 5 per person
VOTES = {
    "representative": [
        "Gemeinschaftsgärten für alle Nachbarinnen und Nachbarn",
        "Deutschkurse am Abend für Berufstätige",
    ],
    "participant": [
        "Sprachcafés mit Kinderbetreuung in Linden",
        "Mehr Sitzbänke und Treffpunkte am Lindener Marktplatz",
        "Deutschkurse am Abend für Berufstätige",
    ],
    "council": ["Sprachcafés mit Kinderbetreuung in Linden", "Hausaufgabenhilfe auch in den Sommerferien"],
    "jury": ["Sprachcafés mit Kinderbetreuung in Linden", "Anerkennung ausländischer Abschlüsse beschleunigen"],
}

TALLY = ("Mehr Sitzbänke und Treffpunkte am Lindener Marktplatz", 14)

# Reports, so that the moderation queue has something to show: (proposal title, comment author or None for the
# proposal itself, reporter, reason, text). One each, below the threshold: the items stay visible. The first
# comment of COMMENTS (by the participant) is left unreported, to try the threshold with three other demo users.
REPORTS = [
    (
        "Patenschaften für Ausbildungsplätze im Handwerk",
        "representative",
        "jury",
        "spam",
        "Das klingt nach Werbung für ein bestimmtes Programm.",
    ),
    (
        "Gesundheitslotsinnen, die die Sprache der Familien sprechen",
        None,
        "participant",
        "off_topic",
        "",
    ),
]


def _day_start(days: int) -> datetime:
    """Midnight (Europe/Berlin) `days` days from today."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time.min))


def _index_page(home) -> ConsultationIndexPage:
    index = ConsultationIndexPage.objects.child_of(home).first() or ConsultationIndexPage.objects.first()
    if index is None:
        index = ConsultationIndexPage(
            title="Beteiligungen",
            slug="beteiligungen",
            show_in_menus=True,
            intro="<p>Hier finden Sie alle Beteiligungen zum Lokalen Integrationsplan – laufende und abgeschlossene.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def demo_phases(rows) -> list[Phase]:
    """The phases of a demo consultation from rows (type, title, description, first day, last day), the days
    counted from today (negative: in the past)."""
    return [
        Phase(
            type=type_,
            title=title,
            description=description,
            start=_day_start(first),
            end=_day_start(last),
            sort_order=order,
        )
        for order, (type_, title, description, first, last) in enumerate(rows)
    ]


def _consultation_page(index) -> ConsultationPage:
    page = ConsultationPage.objects.child_of(index).filter(slug=CONSULTATION_SLUG).first()
    if page is not None:
        return page
    page = ConsultationPage(
        title="Lokaler Integrationsplan 4.0 – Ihre Vorschläge",
        slug=CONSULTATION_SLUG,
        teaser="Was braucht Hannover, damit alle gut zusammenleben? Sagen Sie es uns – online oder vor Ort.",
        body=json.dumps(BODY),
        vote_budget=5,
        phases=demo_phases(PHASES),
    )
    page.topics = list(Topic.objects.all())
    page.suggested_tags.add(*SUGGESTED_TAGS)
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


@dataclass(frozen=True)
class DemoEvent:
    """A demo workshop of a consultation, `days` days from today at `hour` o'clock (negative: in the past)."""

    title: str
    days: int
    hour: int
    place: str
    district: str  # slug
    attendees: int
    minutes: str
    organisations: tuple[str, ...] = ()  # keys of ctx.organisations
    topics: tuple[str, ...] = ()  # slugs


def demo_event(consultation, item: DemoEvent, ctx) -> Event:
    """The consultation's demo event, created through the service the first time (seeding twice adds nothing)."""
    event = Event.objects.filter(consultation=consultation, title=item.title).first()
    if event is not None:
        return event
    event = Event(
        consultation=consultation,
        kind=EventKind.WORKSHOP,
        title=item.title,
        date=_day_start(item.days) + timedelta(hours=item.hour),
        place=item.place,
        district=District.objects.get(slug=item.district),
        attendees=item.attendees,
        minutes=item.minutes,
    )
    return services.event_save(
        event=event,
        user=ctx.users["moderator"],
        organisations=[ctx.organisations[key] for key in item.organisations],
        topics=Topic.objects.filter(slug__in=item.topics),
    )


EVENT = DemoEvent(
    title=EVENT_TITLE,
    days=-7,
    hour=17,
    place="Freizeitheim Linden, Windheimstraße 4",
    district="linden-limmer",
    attendees=24,
    minutes=EVENT_MINUTES,
    organisations=("migrant", "welfare"),
    topics=("sprachfoerderung", "wohnen-und-leben", "bildung"),
)


def _proposal(page, event, item: DemoProposal, ctx) -> Proposal | None:
    existing = Proposal.objects.filter(consultation=page, title=item.title).first()
    if existing is not None:
        return existing
    data = {
        "title": item.title,
        "text": item.text,
        "topic": Topic.objects.get(slug=item.topic),
        "district": District.objects.get(slug=item.district) if item.district else None,
        "organisation": ctx.organisations[item.organisation] if item.organisation else None,
        "tags": list(item.tags),
    }
    submitted_at = timezone.now() - timedelta(days=item.days_ago, hours=3)
    try:
        if item.channel == Channel.ONLINE:
            proposal = services.proposal_submit(consultation=page, author=ctx.users[item.author], data=data)
            Proposal.objects.filter(pk=proposal.pk).update(created_at=submitted_at)
        else:
            data.update(
                channel=item.channel,
                event=event if item.from_event else None,
                author_name=item.author_name,
                created_at=event.date if item.from_event else submitted_at,
            )
            proposal = services.proposal_record_analog(consultation=page, recorded_by=ctx.users["moderator"], data=data)
    except PermissionDenied as refusal:
        ctx.notes.append(f"  Demo-Vorschlag „{item.title}“ nicht angelegt: {refusal}")
        return None
    return proposal


def _comment(proposal, author, text, *, parent=None, as_statement=False, ctx) -> Comment | None:
    existing = Comment.objects.filter(proposal=proposal, author=author, text=text).first()
    if existing is not None:
        return existing
    try:
        return services.comment_create(
            proposal=proposal, author=author, text=text, parent=parent, as_statement=as_statement
        )
    except PermissionDenied as refusal:
        ctx.notes.append(f"  Demo-Kommentar zu „{proposal.title}“ nicht angelegt: {refusal}")
        return None


def _votes(page, proposals: dict[str, Proposal], ctx) -> None:
    """Vote rows straight into the table (the voting phase lies ahead), then the counters from the rows."""
    for user_key, titles in VOTES.items():
        for title in titles:
            if title in proposals:
                Vote.objects.get_or_create(
                    proposal=proposals[title], user=ctx.users[user_key], defaults={"consultation": page}
                )
    counted = (
        Vote.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal").annotate(n=Count("pk")).values("n")
    )
    Proposal.objects.filter(consultation=page).update(
        online_votes=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    )


def _reports(proposals: dict[str, Proposal], ctx) -> None:
    """Stored directly (not through `moderation.report_create`): seeding should not e-mail the moderators."""
    for title, comment_author, reporter, reason, text in REPORTS:
        if title not in proposals:
            continue
        target = {"proposal": proposals[title]}
        if comment_author is not None:
            comment = Comment.objects.filter(proposal=proposals[title], author=ctx.users[comment_author]).first()
            if comment is None:
                continue
            target = {"comment": comment}
        ContentReport.objects.get_or_create(
            reporter=ctx.users[reporter], **target, defaults={"reason": reason, "text": text}
        )


def seed(ctx) -> None:
    index = _index_page(ctx.objects["home_page"])
    page = _consultation_page(index)
    event = demo_event(page, EVENT, ctx)

    proposals = {}
    for item in PROPOSALS:
        proposal = _proposal(page, event, item, ctx)
        if proposal is not None:
            proposals[item.title] = proposal

    for title, author_key, text, reply_key, reply in COMMENTS:
        if title not in proposals:
            continue
        comment = _comment(proposals[title], ctx.users[author_key], text, ctx=ctx)
        if comment is not None and reply_key:
            _comment(proposals[title], ctx.users[reply_key], reply, parent=comment, ctx=ctx)

    title, text = STATEMENT
    if title in proposals:
        _comment(proposals[title], ctx.users["council"], text, as_statement=True, ctx=ctx)

    _votes(page, proposals, ctx)
    _reports(proposals, ctx)

    title, count = TALLY
    if title in proposals and not AnalogTally.objects.filter(proposal=proposals[title], event=event).exists():
        services.tally_record(proposal=proposals[title], event=event, count=count, recorded_by=ctx.users["moderator"])

    ctx.objects.update(consultation_index=index, consultation_page=page, consultation_event=event)
    voting = page.phases.get(type=PhaseType.VOTING)
    ctx.notes += [
        "",
        f"Beteiligung „{page.title}“: {page.url}",
        f"  Die Abstimmung beginnt am {date_format(timezone.localtime(voting.start), 'DATE_FORMAT')}. Um sie schon "
        "jetzt auszuprobieren: `.venv/bin/python manage.py move_to_phase voting` (zurück mit `... submission`),",
        f"  oder die Phasen im Admin ändern: {reverse('wagtailadmin_pages:edit', args=[page.pk])}",
        "  Analoge Vorschläge, Veranstaltungen und Stimmenzählungen: /admin/ → Beteiligung.",
        "  Moderation (Warteschlange, Meldungen, Sperren): /admin/ → Moderation.",
    ]
    from . import demo_plan, demo_surveys  # they build on this module's helpers

    demo_plan.seed(ctx)  # the second consultation: the plan draft to comment on (issue 19)
    demo_surveys.seed(ctx)  # the third consultation: a survey, answered online and on paper (issue 20)
