"""The demo of the plan draft for `manage.py seed_demo` (called from `consultation.demo.seed`).

A second consultation, "Entwurf LIP 4.0 kommentieren", runs its "Textentwurf kommentieren" phase now; under it the
administration's draft with three chapters on the seed's fields of action, published as version 1. Participants,
an organisation, a district integration council and a workshop commented on it (with an amendment, a statement on a
paragraph and one on a whole chapter);
the staff answered, and version 2 takes over what they adopted. Two newer comments on version 2 wait for an answer.

Idempotent like the rest of the seed: every object is looked up before it is made (paragraphs by their fixed
block ids, comments by paragraph or chapter and text), and version 2 is published only once. Comments are stored directly,
with their counters moved (`counters.move_comment_counters`), the way staff-entered analog rows are.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from lip.models import Topic

from . import counters, demo
from .models import (
    AnswerOutcome,
    Channel,
    Comment,
    CommentAnswer,
    ConsultationPage,
    PhaseType,
    PlanChapter,
    PlanDraftPage,
    PlanParagraph,
    PlanVersion,
)

CONSULTATION_SLUG = "entwurf-lip-4-0-kommentieren"
PLAN_SLUG = "entwurf"
PLAN_TITLE = "Entwurf des Lokalen Integrationsplans 4.0"
_NAMESPACE = uuid.UUID("5b0f7a52-7d1e-4c57-9a43-2f1c5e0a4c19")

# (type, title, description, first day, last day + 1) relative to the day of the first run.
PHASES = [
    (
        PhaseType.INFORMATION,
        "Informieren",
        "Der Entwurf wird vorgestellt: was drinsteht und wie Sie mitwirken.",
        -21,
        -7,
    ),
    (
        PhaseType.TEXT_REVIEW,
        "Textentwurf kommentieren",
        "Kommentieren Sie den Entwurf Absatz für Absatz oder schlagen Sie eine neue Formulierung vor.",
        -7,
        21,
    ),
    (
        PhaseType.EVALUATION,
        "Auswertung",
        "Die Verwaltung wägt jeden Beitrag ab und legt die Tabelle dem Rat vor.",
        21,
        49,
    ),
]

BODY = [
    {"type": "heading", "value": "Worum es geht"},
    {
        "type": "paragraph",
        "value": "<p>Die Verwaltung hat aus Ihren Vorschlägen einen ersten Entwurf des Lokalen Integrationsplans 4.0 "
        "geschrieben. Bevor der Rat ihn beschließt, können Sie jeden Absatz kommentieren und neue Formulierungen "
        "vorschlagen. Die Verwaltung beantwortet jeden Beitrag und veröffentlicht überarbeitete Fassungen.</p>",
    },
]

INTRO = (
    "<p>Der Entwurf beschreibt, was die Landeshauptstadt Hannover in den nächsten fünf Jahren für ein gutes "
    "Zusammenleben tun will. Jeder Absatz hat eine Nummer; zu jedem können Sie einen Kommentar schreiben oder eine "
    "bessere Formulierung vorschlagen.</p>"
)

# (chapter key, title, [(paragraph key, text of version 1), …])
CHAPTERS = [
    (
        "sprache",
        "Sprachförderung",
        [
            (
                "sprache-1",
                "Jedes Kind in Hannover soll bei der Einschulung gut Deutsch sprechen. Die Stadt baut dafür die "
                "alltagsintegrierte Sprachbildung in allen städtischen Kitas aus und stellt bis 2028 in jeder Kita mit "
                "hohem Förderbedarf eine zusätzliche Fachkraft für Sprache ein.",
            ),
            (
                "sprache-2",
                "Erwachsene, die Deutsch lernen wollen, finden in jedem Stadtbezirk ein passendes Kursangebot. Die "
                "Volkshochschule bietet Integrations- und Berufssprachkurse auch am Abend und am Samstag an.",
            ),
            (
                "sprache-3",
                "Sprachcafés und Lesepatenschaften in Stadtteilzentren und Stadtbibliotheken werden dauerhaft "
                "gefördert. Ehrenamtliche erhalten eine Schulung und eine Aufwandsentschädigung.",
            ),
            (
                "sprache-4",
                "Wer Deutsch lernt, soll es im Alltag üben können. Städtische Dienststellen schreiben Briefe und "
                "Formulare in verständlicher Sprache und bieten auf Wunsch Sprachmittlung an.",
            ),
        ],
    ),
    (
        "arbeit",
        "Arbeitsmarktintegration",
        [
            (
                "arbeit-1",
                "Ausländische Berufs- und Studienabschlüsse werden schneller anerkannt. Eine Anerkennungslotsin im "
                "Jobcenter begleitet Antragstellende vom ersten Gespräch bis zum Bescheid; die Stadt veröffentlicht "
                "jährlich, wie lange die Verfahren dauern.",
            ),
            (
                "arbeit-2",
                "Junge Zugewanderte und Geflüchtete erhalten beim Übergang von der Schule in die Ausbildung eine feste "
                "Ansprechperson. Die Jugendberufsagentur arbeitet dafür mit Handwerkskammer, Industrie- und "
                "Handelskammer und den Berufsschulen zusammen.",
            ),
            (
                "arbeit-3",
                "Die Stadtverwaltung geht als Arbeitgeberin voran: Sie erhöht den Anteil der Beschäftigten mit "
                "Einwanderungsgeschichte und bietet jedes Jahr 20 Ausbildungsplätze für junge Menschen mit "
                "Fluchterfahrung an.",
            ),
        ],
    ),
    (
        "wohnen",
        "Wohnen und Leben",
        [
            (
                "wohnen-1",
                "Geflüchtete Menschen sollen möglichst bald aus Gemeinschaftsunterkünften in eigene Wohnungen ziehen. "
                "Die städtische Wohnraumvermittlung arbeitet dafür mit Wohnungsgesellschaften, Genossenschaften und "
                "privaten Vermieterinnen und Vermietern zusammen.",
            ),
            (
                "wohnen-2",
                "Stadtteilzentren und Nachbarschaftstreffs sind Orte für alle. Die Stadt fördert Begegnungsangebote in "
                "allen 13 Stadtbezirken, besonders dort, wo viele Menschen neu angekommen sind.",
            ),
            (
                "wohnen-3",
                "Wer bei der Wohnungssuche diskriminiert wird, findet Unterstützung. Die städtische "
                "Antidiskriminierungsstelle berät Betroffene und dokumentiert Fälle, um Muster sichtbar zu machen.",
            ),
            (
                "wohnen-4",
                "Der öffentliche Raum lädt zur Begegnung ein: Wenn Plätze und Grünflächen umgestaltet werden, beteiligt "
                "die Stadt die Anwohnerinnen und Anwohner mehrsprachig.",
            ),
        ],
    ),
]

AMENDED = (
    "Jedes Kind in Hannover soll bei der Einschulung gut Deutsch sprechen. Die Stadt baut dafür die alltagsintegrierte "
    "Sprachbildung in allen Kitas – städtischen und freier Träger – aus und stellt bis 2028 in jeder Kita mit hohem "
    "Förderbedarf eine zusätzliche Fachkraft für Sprache ein. Die Herkunftssprachen der Kinder werden dabei als "
    "Stärke einbezogen."
)

# The texts of version 2 that differ from version 1 (what the answers adopted).
VERSION_2 = {
    "sprache-1": AMENDED,
    "sprache-2": "Erwachsene, die Deutsch lernen wollen, finden in jedem Stadtbezirk ein passendes Kursangebot. Die "
    "Volkshochschule bietet Integrations- und Berufssprachkurse auch am Abend und am Samstag an; in jedem "
    "Stadtbezirk gibt es mindestens einen Kurs mit Kinderbetreuung.",
    "arbeit-2": "Junge Zugewanderte und Geflüchtete erhalten beim Übergang von der Schule in die Ausbildung eine feste "
    "Ansprechperson, die auf Wunsch auch die Eltern einbezieht. Die Jugendberufsagentur arbeitet dafür mit "
    "Handwerkskammer, Industrie- und Handelskammer und den Berufsschulen zusammen.",
    "wohnen-2": "Stadtteilzentren und Nachbarschaftstreffs sind Orte für alle. Die Stadt fördert Begegnungsangebote in "
    "allen 13 Stadtbezirken, besonders dort, wo viele Menschen neu angekommen sind. Migrant*innenorganisationen "
    "werden als Trägerinnen dieser Angebote gezielt gefördert.",
}
VERSION_1_NOTE = "Erster Entwurf der Verwaltung"
VERSION_2_NOTE = "Überarbeitet nach den ersten Kommentaren: Kitas freier Träger, Kurse mit Kinderbetreuung, Eltern"

WORKSHOP_TITLE = "Werkstatt „Planentwurf lesen“ in Vahrenheide"


@dataclass(frozen=True)
class DemoComment:
    paragraph: str  # paragraph key in CHAPTERS (a chapter's key for a statement on the whole chapter)
    author: str | None  # ctx.users key; None for an analog comment from the workshop
    text: str
    days_ago: float
    version: int = 1
    proposed_text: str = ""
    organisation: str | None = None  # ctx.organisations key
    statement: bool = False
    author_name: str = ""  # analog
    answer: tuple[str, str] | None = None  # (outcome, reasoning)
    whole_chapter: bool = False  # a council's statement on the whole chapter `paragraph`


COMMENTS = [
    DemoComment(
        "sprache-1",
        "representative",
        "Viele Kinder gehen in Kitas freier Träger. Sie sollten genauso gefördert werden. Außerdem fehlt uns, dass "
        "die Sprachen, die die Kinder zu Hause sprechen, etwas wert sind.",
        6,
        proposed_text=AMENDED,
        organisation="migrant",
        answer=(
            AnswerOutcome.ADOPTED,
            "Der Vorschlag wird übernommen. Die Sprachbildung soll alle Kinder erreichen, gleich welcher Träger die "
            "Kita betreibt; die Herkunftssprachen als Stärke einzubeziehen, entspricht dem Leitbild des Plans.",
        ),
    ),
    DemoComment(
        "sprache-2",
        "participant",
        "Abendkurse helfen mir nicht: Ich habe zwei kleine Kinder und keine Betreuung. Bitte auch Kurse am "
        "Vormittag mit Kinderbetreuung anbieten.",
        5,
        answer=(
            AnswerOutcome.PARTLY,
            "Teilweise übernommen: In jedem Stadtbezirk wird es mindestens einen Kurs mit Kinderbetreuung geben. "
            "Vormittagskurse bietet die Volkshochschule schon heute an; weitere Zeiten sind mit den vorhandenen Mitteln "
            "nicht möglich.",
        ),
    ),
    DemoComment(
        "arbeit-1",
        "participant",
        "Die Anerkennung kostet viel Geld. Die Stadt sollte die Gebühren übernehmen.",
        5,
        answer=(
            AnswerOutcome.NOT_ADOPTED,
            "Nicht übernommen: Die Gebühren legen die zuständigen Kammern und Landesstellen fest, die Stadt kann sie "
            "nicht übernehmen. Wer Bürgergeld bezieht, kann die Kosten beim Jobcenter beantragen – darauf weist die "
            "Anerkennungslotsin hin.",
        ),
    ),
    DemoComment(
        "arbeit-2",
        None,
        "Die Arbeitsgruppe wünscht sich, dass die Ansprechperson auch mit den Eltern spricht, und dass die Beratung "
        "in den Stadtteil kommt.",
        4,
        author_name="Arbeitsgruppe „Ausbildung“ der Werkstatt",
        answer=(
            AnswerOutcome.PARTLY,
            "Teilweise übernommen: Die Ansprechperson bezieht auf Wunsch die Eltern ein. Beratung vor Ort bietet die "
            "Jugendberufsagentur bereits in drei Stadtbezirken an; ob weitere dazukommen, wird geprüft.",
        ),
    ),
    DemoComment(
        "wohnen-2",
        "council",
        "Der Integrationsbeirat Linden-Limmer begrüßt diesen Absatz. Wir bitten darum, die Migrant*innenorganisationen "
        "ausdrücklich als Trägerinnen solcher Angebote zu nennen: Sie kennen die Nachbarschaften am besten.",
        4,
        statement=True,
        answer=(
            AnswerOutcome.ADOPTED,
            "Übernommen: Der Absatz nennt Migrant*innenorganisationen jetzt ausdrücklich als Trägerinnen der "
            "Begegnungsangebote.",
        ),
    ),
    DemoComment(
        "arbeit",
        "council",
        "Der Integrationsbeirat Linden-Limmer nimmt zum ganzen Kapitel Stellung: Es fehlen Angebote für Frauen, die "
        "noch nie in Deutschland gearbeitet haben. Wir bitten, dafür einen eigenen Absatz aufzunehmen.",
        3,
        statement=True,
        whole_chapter=True,
    ),
    # On version 2, not answered yet.
    DemoComment(
        "sprache-1",
        "participant",
        "Gut, dass die Herkunftssprachen jetzt genannt werden. Gibt es dafür auch Fortbildungen für die "
        "Erzieherinnen und Erzieher?",
        0.5,
        version=2,
    ),
    DemoComment(
        "wohnen-3",
        "representative",
        "Die Beratung sollte auch vor Ort in Vahrenheide und Sahlkamp stattfinden, nicht nur in der Innenstadt.",
        0.3,
        version=2,
        organisation="migrant",
    ),
]


def key(name: str) -> str:
    """The fixed block id of a chapter or paragraph: the same on every run, so version 2 keeps the identities."""
    return str(uuid.uuid5(_NAMESPACE, name))


def chapters_value(texts: dict[str, str] | None = None) -> list[dict]:
    """The StreamField data of the draft, with the paragraph texts of `texts` replacing those of version 1."""
    texts = texts or {}
    return [
        {
            "type": "chapter",
            "id": key(chapter_key),
            "value": {
                "title": title,
                "paragraphs": [
                    {"type": "item", "id": key(name), "value": texts.get(name, text)} for name, text in items
                ],
            },
        }
        for chapter_key, title, items in CHAPTERS
    ]


def _consultation(index) -> ConsultationPage:
    page = ConsultationPage.objects.child_of(index).filter(slug=CONSULTATION_SLUG).first()
    if page is not None:
        return page
    page = ConsultationPage(
        title="Entwurf LIP 4.0 kommentieren",
        slug=CONSULTATION_SLUG,
        teaser="Lesen Sie den Entwurf des neuen Integrationsplans und sagen Sie uns, was fehlt oder besser werden soll.",
        body=json.dumps(BODY),
        vote_budget=0,
        phases=demo.demo_phases(PHASES),
    )
    page.topics = list(
        Topic.objects.filter(slug__in=["sprachfoerderung", "arbeitsmarktintegration", "wohnen-und-leben"])
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _plan(consultation, moderator) -> PlanDraftPage:
    plan = PlanDraftPage.objects.child_of(consultation).first()
    if plan is not None:
        return plan
    plan = PlanDraftPage(
        title=PLAN_TITLE, slug=PLAN_SLUG, intro=INTRO, chapters=chapters_value(), version_note=VERSION_1_NOTE
    )
    consultation.add_child(instance=plan)
    plan.save_revision(user=moderator).publish(user=moderator)  # records version 1 (page_published)
    consultation.body = json.dumps([*BODY, _link_to(plan)])
    consultation.save_revision(user=moderator).publish(user=moderator)
    PlanVersion.objects.filter(page=plan, number=1).update(published_at=demo._day_start(-7) + timedelta(hours=10))
    return PlanDraftPage.objects.get(pk=plan.pk)


def _link_to(plan: PlanDraftPage) -> dict:
    """A paragraph of the consultation's body that leads to the draft (a page link: it follows a moved page)."""
    return {
        "type": "paragraph",
        "value": f'<p><a linktype="page" id="{plan.pk}">Zum Entwurf: alle Kapitel und Absätze lesen und kommentieren</a></p>',
    }


WORKSHOP = demo.DemoEvent(
    title=WORKSHOP_TITLE,
    days=-4,
    hour=17,
    place="Stadtteiltreff Vahrenheide, Wartburgstraße 10",
    district="bothfeld-vahrenheide",
    attendees=17,
    minutes="17 Teilnehmende haben den Entwurf in drei Gruppen gelesen und Kommentare aufgeschrieben.",
    organisations=("volunteer",),
    topics=("sprachfoerderung", "arbeitsmarktintegration"),
)


def _comment(item: DemoComment, parts: dict[str, PlanParagraph | PlanChapter], version: PlanVersion, event, ctx):
    anchor = {"chapter" if item.whole_chapter else "paragraph": parts[key(item.paragraph)]}
    existing = Comment.objects.filter(text=item.text, **anchor).first()
    if existing is not None:
        return existing
    fields = {
        **anchor,
        "version": version,
        "text": item.text,
        "proposed_text": item.proposed_text,
        "created_at": timezone.now() - timedelta(days=item.days_ago),
    }
    if item.author is None:
        fields.update(
            channel=Channel.EVENT, event=event, author_name=item.author_name, recorded_by=ctx.users["moderator"]
        )
    else:
        author = ctx.users[item.author]
        fields.update(author=author, organisation=ctx.organisations[item.organisation] if item.organisation else None)
        if item.statement:
            fields["statement_district"] = author.council_district
    comment = Comment.objects.create(**fields)
    counters.move_comment_counters(comment, +1)
    return comment


def _answer(comment: Comment, outcome: str, reasoning: str, ctx) -> None:
    CommentAnswer.objects.get_or_create(
        comment=comment,
        defaults={
            "outcome": outcome,
            "reasoning": reasoning,
            "answered_by": ctx.users["moderator"],
            "answered_at": demo._day_start(-2) + timedelta(hours=11),
        },
    )


def _version_2(plan: PlanDraftPage, moderator) -> PlanVersion:
    existing = plan.versions.filter(number=2).first()
    if existing is not None:
        return existing
    plan = PlanDraftPage.objects.get(pk=plan.pk)
    plan.chapters = chapters_value(VERSION_2)
    plan.version_note = VERSION_2_NOTE
    plan.save_revision(user=moderator).publish(user=moderator)  # records version 2, links the answers to it
    version = plan.versions.get(number=2)
    PlanVersion.objects.filter(pk=version.pk).update(published_at=demo._day_start(-1) + timedelta(hours=9))
    return version


def seed(ctx) -> None:
    moderator = ctx.users["moderator"]
    consultation = _consultation(ctx.objects["consultation_index"])
    plan = _plan(consultation, moderator)
    event = demo.demo_event(consultation, WORKSHOP, ctx)
    paragraphs = {str(p.key): p for p in PlanParagraph.objects.filter(page=plan)}
    paragraphs.update({str(c.key): c for c in PlanChapter.objects.filter(page=plan)})
    first = plan.versions.get(number=1)

    for item in (c for c in COMMENTS if c.version == 1):
        comment = _comment(item, paragraphs, first, event, ctx)
        if item.answer:
            _answer(comment, *item.answer, ctx)
    second = _version_2(plan, moderator)
    for item in (c for c in COMMENTS if c.version == 2):
        _comment(item, paragraphs, second, event, ctx)

    plan = PlanDraftPage.objects.get(pk=plan.pk)
    ctx.objects.update(plan_consultation=consultation, plan_page=plan)
    ctx.notes += [
        "",
        f"Planentwurf „{plan.title}“: {plan.url}",
        f"  Fassungen vergleichen: {plan.url}{plan.reverse_subpage('versions')}",
        f"  Die Kommentarphase in eine andere Phase legen: `.venv/bin/python manage.py move_to_phase evaluation "
        f"--slug {CONSULTATION_SLUG}` (zurück mit `text_review`).",
    ]
