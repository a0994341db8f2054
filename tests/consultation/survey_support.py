"""Building surveys in tests: a consultation in its "Umfrage" phase and a survey page with questions under it.

`make_survey()` gives one question of every kind (keys fixed in `SURVEY_KEYS` so tests can name them);
`questions_value([...])` builds StreamField data from short specs for other shapes.
"""

import uuid
from datetime import timedelta

from django.utils import timezone

from consultation.models import PhaseType, SurveyPage
from tests.consultation.factories import ConsultationPageFactory


def survey_schedule(current: str = PhaseType.SURVEY, *, days: int = 10):
    """Information, survey, evaluation back to back, the phase of type `current` running since yesterday."""
    order = [PhaseType.INFORMATION, PhaseType.SURVEY, PhaseType.EVALUATION]
    start = timezone.now() - timedelta(days=1) - timedelta(days=days * order.index(current))
    return [(t, start + timedelta(days=days * i), start + timedelta(days=days * (i + 1))) for i, t in enumerate(order)]


def _key(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lip-survey-test/{name}"))


def question_value(kind: str, name: str, text: str, *, options=(), required=False, **extra) -> dict:
    """One question block; its key and its options' keys derive from `name` (see `key_of`)."""
    value = {"question": text, "description": extra.pop("description", ""), "required": required, **extra}
    if kind in {"single_choice", "multiple_choice", "ranking"}:
        value["options"] = [
            {"type": "item", "id": _key(f"{name}/{i}"), "value": label} for i, label in enumerate(options)
        ]
    return {"type": kind, "id": _key(name), "value": value}


def key_of(name: str, option: int | None = None) -> str:
    """The key of question `name`, or of its option number `option` (0-based)."""
    return _key(name if option is None else f"{name}/{option}")


ALL_KINDS = [
    question_value(
        "single_choice",
        "single",
        "Wie oft nutzen Sie Beratungsangebote?",
        options=["Nie", "Manchmal", "Oft"],
        required=True,
        description="Denken Sie an das letzte Jahr.",
    ),
    question_value(
        "multiple_choice",
        "multiple",
        "Welche Themen sind Ihnen wichtig?",
        options=["Sprache", "Arbeit", "Wohnen", "Gesundheit"],
        max_choices=2,
    ),
    question_value(
        "scale",
        "scale",
        "Wie zufrieden sind Sie mit der Zusammenarbeit mit der Stadt?",
        min_value=1,
        max_value=5,
        min_label="gar nicht",
        max_label="sehr",
        required=True,
    ),
    question_value("ranking", "ranking", "Was sollte zuerst kommen?", options=["Räume", "Geld", "Beratung"]),
    question_value("short_text", "short", "Name Ihrer Organisation"),
    question_value("long_text", "long", "Was möchten Sie uns noch sagen?"),
]


def make_survey(consultation=None, questions=None, *, phase: str = PhaseType.SURVEY, **fields) -> SurveyPage:
    """A published survey under `consultation` (a new one whose phase `phase` runs now if None)."""
    if consultation is None:
        consultation = ConsultationPageFactory(phases=survey_schedule(phase))
    page = SurveyPage(
        title=fields.pop("title", "Bedarfsumfrage"),
        slug=fields.pop("slug", f"umfrage-{uuid.uuid4().hex[:6]}"),
        questions=ALL_KINDS if questions is None else questions,
        **fields,
    )
    consultation.add_child(instance=page)
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)
