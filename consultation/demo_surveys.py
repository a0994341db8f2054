"""The demo of surveys for `manage.py seed_demo` (called from `consultation.demo.seed`, after the plan draft).

A third consultation, "Was brauchen Vereine von Migrant*innen?", runs its "Umfrage" phase now (a survey phase cannot
overlap the first consultation's proposal phases: only one phase runs at a time). Under it the survey
"Bedarfsumfrage unter Vereinen von Migrant*innen" asks one question of each of the six kinds, allows answers without an
account and asks for the district. About 40 people answered online (the demo's participants signed in, the others
anonymously) and 25 paper questionnaires from a workshop were typed in by staff, all through `surveys.services`.

Idempotent like the rest of the seed: the consultation, the survey and the workshop are looked up by slug or title,
and responses are only added while the survey has none.
"""

import json
import random
import uuid

from django.contrib.auth.models import AnonymousUser

from lip import permissions as lip_permissions
from lip.models import District, Topic

from . import demo
from .models import (
    Channel,
    ConsultationPage,
    Phase,
    PhaseType,
    SurveyAnswer,
    SurveyPage,
    SurveyResponse,
)
from .surveys import services as survey_services
from .surveys.forms import AnswerData, Answers
from .surveys.questions import Question, questions_of
from .surveys.text_moderation import text_answer_decide

CONSULTATION_SLUG = "bedarf-der-migrantenorganisationen"
SURVEY_SLUG = "bedarfsumfrage"
SURVEY_TITLE = "Bedarfsumfrage unter Vereinen von Migrant*innen"
WORKSHOP_TITLE = "Netzwerktreffen der Vereine von Migrant*innen"
ONLINE_RESPONSES = 40
PAPER_RESPONSES = 25
_NAMESPACE = uuid.UUID("0c6f3b5e-3f0a-4d5e-b0f4-6d7a9c1e2b83")

# (type, title, description, first day, last day + 1) relative to the day of the first run.
PHASES = [
    (PhaseType.INFORMATION, "Informieren", "Worum es in der Umfrage geht und wer mitmachen kann.", -21, -7),
    (PhaseType.SURVEY, "Umfrage", "Beantworten Sie die Fragen online oder auf Papier beim Netzwerktreffen.", -7, 28),
    (PhaseType.EVALUATION, "Auswertung", "Die Verwaltung wertet die Antworten aus und stellt sie vor.", 28, 70),
]


def key(name: str) -> str:
    """The fixed block id of a question or option: the same on every run."""
    return str(uuid.uuid5(_NAMESPACE, name))


def _options(name: str, labels: list[str]) -> list[dict]:
    return [{"type": "item", "id": key(f"{name}/{n}"), "value": label} for n, label in enumerate(labels)]


QUESTIONS = [
    {
        "type": "single_choice",
        "id": key("groesse"),
        "value": {
            "question": "Wie viele Menschen engagieren sich in Ihrer Organisation?",
            "description": "Ehrenamtliche und Hauptamtliche zusammen.",
            "required": True,
            "options": _options("groesse", ["bis 10", "11 bis 50", "51 bis 200", "mehr als 200"]),
        },
    },
    {
        "type": "multiple_choice",
        "id": key("bedarf"),
        "value": {
            "question": "Wobei brauchen Sie am meisten Unterstützung?",
            "description": "",
            "required": True,
            "max_choices": 3,
            "options": _options(
                "bedarf",
                [
                    "Räume",
                    "Finanzierung",
                    "Beratung zu Förderanträgen",
                    "Fortbildung",
                    "Vernetzung",
                    "Öffentlichkeitsarbeit",
                ],
            ),
        },
    },
    {
        "type": "scale",
        "id": key("zusammenarbeit"),
        "value": {
            "question": "Wie zufrieden sind Sie mit der Zusammenarbeit mit der Stadtverwaltung?",
            "description": "",
            "required": True,
            "min_value": 1,
            "max_value": 5,
            "min_label": "gar nicht zufrieden",
            "max_label": "sehr zufrieden",
        },
    },
    {
        "type": "ranking",
        "id": key("prioritaeten"),
        "value": {
            "question": "Was sollte die Stadt zuerst angehen?",
            "description": "Rang 1 für das Wichtigste; so viele, wie Sie möchten.",
            "required": False,
            "options": _options(
                "prioritaeten",
                ["Ein Haus der Vereine", "Kleine Förderbeträge ohne viel Papier", "Feste Ansprechpersonen"],
            ),
        },
    },
    {
        "type": "short_text",
        "id": key("name"),
        "value": {"question": "Name Ihrer Organisation (freiwillig)", "description": "", "required": False},
    },
    {
        "type": "long_text",
        "id": key("hinweise"),
        "value": {
            "question": "Was möchten Sie der Stadt noch mitgeben?",
            "description": "Freitext-Antworten werden erst nach Prüfung veröffentlicht.",
            "required": False,
        },
    },
]

NAMES = ["Kulturbrücke e. V.", "Frauen in Bewegung", "Elternnetzwerk Vahrenheide", "Jugendclub Sahlkamp", ""]
REMARKS = [
    "Wir suchen seit zwei Jahren einen Raum für unsere Hausaufgabenhilfe.",
    "Die Förderanträge sind für Ehrenamtliche kaum zu schaffen.",
    "Bitte mehr Treffen am Abend, tagsüber arbeiten wir.",
    "",
    "",
]


def _consultation(index) -> ConsultationPage:
    page = ConsultationPage.objects.child_of(index).filter(slug=CONSULTATION_SLUG).first()
    if page is not None:
        return page
    page = ConsultationPage(
        title="Was brauchen Vereine von Migrant*innen?",
        slug=CONSULTATION_SLUG,
        teaser="Was brauchen Vereine und Initiativen von Migrant*innen in Hannover? Sagen Sie es uns in einer kurzen Umfrage.",
        body=json.dumps([{"type": "paragraph", "value": "<p>Die Antworten fließen in den Integrationsplan ein.</p>"}]),
        vote_budget=0,
        phases=[
            Phase(
                type=type_,
                title=title,
                description=text,
                start=demo._day_start(first),
                end=demo._day_start(last),
                sort_order=n,
            )
            for n, (type_, title, text, first, last) in enumerate(PHASES)
        ],
    )
    page.topics = list(Topic.objects.filter(slug__in=["sprachfoerderung", "wohnen-und-leben"]))
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _survey(consultation, moderator) -> SurveyPage:
    survey = SurveyPage.objects.child_of(consultation).filter(slug=SURVEY_SLUG).first()
    if survey is not None:
        return survey
    survey = SurveyPage(
        title=SURVEY_TITLE,
        slug=SURVEY_SLUG,
        intro="<p>Die Umfrage dauert etwa fünf Minuten. Alle Fragen außer den ersten drei sind freiwillig.</p>",
        questions=QUESTIONS,
        ask_district=True,
        allow_anonymous=True,
        results_published=True,  # the results page is public (and checked by axe in tests/browser/a11y.py)
        thanks_text="Danke! Wir stellen die Ergebnisse beim nächsten Netzwerktreffen vor.",
    )
    consultation.add_child(instance=survey)
    survey.save_revision(user=moderator).publish(user=moderator)
    return SurveyPage.objects.get(pk=survey.pk)


WORKSHOP = demo.DemoEvent(
    title=WORKSHOP_TITLE,
    days=-3,
    hour=18,
    place="Kulturzentrum Faust, Zur Bettfedernfabrik 3",
    district="linden-limmer",
    attendees=31,
    minutes="31 Vertreterinnen und Vertreter von Vereinen haben die Umfrage auf Papier ausgefüllt.",
)


def _answers(questions: list[Question], rng: random.Random, districts: list) -> Answers:
    """A plausible filled-in questionnaire: required questions always, the others most of the time."""
    rows: list[AnswerData] = []
    for question in questions:
        if not question.required and rng.random() < 0.3:
            continue
        if question.kind == "single_choice":
            rows.append(AnswerData(question.key, option=rng.choice(question.options).key))
        elif question.kind == "multiple_choice":
            chosen = rng.sample(question.options, rng.randint(1, question.max_choices or 3))
            rows += [AnswerData(question.key, option=o.key) for o in chosen]
        elif question.kind == "scale":
            rows.append(AnswerData(question.key, number=rng.choice(question.scale_values)))
        elif question.kind == "ranking":
            ranked = rng.sample(question.options, rng.randint(1, len(question.options)))
            rows += [AnswerData(question.key, option=o.key, rank=n) for n, o in enumerate(ranked, start=1)]
        elif text := rng.choice(NAMES if question.kind == "short_text" else REMARKS):
            rows.append(AnswerData(question.key, text=text))
    district = rng.choice(districts) if rng.random() < 0.7 else None
    return Answers(rows=rows, district=district)


def seed(ctx) -> None:
    moderator = ctx.users["moderator"]
    consultation = _consultation(ctx.objects["consultation_index"])
    survey = _survey(consultation, moderator)
    event = demo.demo_event(consultation, WORKSHOP, ctx)
    if not SurveyResponse.objects.filter(survey=survey).exists():
        rng = random.Random(20)  # demo data: a fixed seed gives the same answers on every machine
        questions = questions_of(survey)
        districts = list(District.objects.order_by("pk"))
        people = [u for u in ctx.users.values() if lip_permissions.can_contribute(u) and not u.is_staff]
        for n in range(ONLINE_RESPONSES):
            user = people[n] if n < len(people) else AnonymousUser()
            survey_services.submit_response(survey=survey, user=user, answers=_answers(questions, rng, districts))
        for n in range(1, PAPER_RESPONSES + 1):
            survey_services.record_paper_response(
                survey=survey,
                recorded_by=moderator,
                channel=Channel.EVENT,
                event=event,
                sheet=f"NT-{n:03d}",
                answers=_answers(questions, rng, districts),
            )
        # Moderation published every other free text (the others wait): the results page shows some.
        for answer in list(SurveyAnswer.objects.filter(survey=survey).exclude(text="").order_by("pk"))[::2]:
            text_answer_decide(answer=answer, user=moderator, publish=True)
    ctx.objects.update(survey_consultation=consultation, survey_page=survey)
    ctx.notes += [
        "",
        f"Umfrage „{survey.title}“: {survey.url}",
        "  Papierbögen erfassen, Freitexte prüfen, Export: /admin/ → Beteiligung → Umfragen.",
    ]
