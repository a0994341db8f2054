"""`questions_of`: a survey page's StreamField as plain questions with stable keys."""

from uuid import UUID

import pytest

from consultation.models import QuestionKind
from consultation.surveys.questions import questions_of
from tests.consultation.survey_support import key_of, make_survey, question_value

pytestmark = pytest.mark.django_db


def test_every_kind_is_read_in_order_with_its_keys():
    questions = questions_of(make_survey())

    assert [q.kind for q in questions] == [
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.SCALE,
        QuestionKind.RANKING,
        QuestionKind.SHORT_TEXT,
        QuestionKind.LONG_TEXT,
    ]
    assert [q.position for q in questions] == [1, 2, 3, 4, 5, 6]
    single = questions[0]
    assert single.key == UUID(key_of("single"))
    assert single.text == "Wie oft nutzen Sie Beratungsangebote?"
    assert single.description == "Denken Sie an das letzte Jahr."
    assert single.required is True
    assert [(o.key, o.label) for o in single.options] == [
        (UUID(key_of("single", 0)), "Nie"),
        (UUID(key_of("single", 1)), "Manchmal"),
        (UUID(key_of("single", 2)), "Oft"),
    ]


def test_kind_specific_settings_are_read():
    single, multiple, scale, ranking, short, long = questions_of(make_survey())

    assert multiple.max_choices == 2
    assert single.max_choices is None
    assert (scale.min_value, scale.max_value, scale.min_label, scale.max_label) == (1, 5, "gar nicht", "sehr")
    assert scale.scale_values == [1, 2, 3, 4, 5]
    assert scale.options == [] and short.options == []
    assert len(ranking.options) == 3
    assert short.is_text and long.is_text and not single.is_text
    assert ranking.option(UUID(key_of("ranking", 1))).label == "Geld"
    assert ranking.option(UUID(key_of("single", 1))) is None


def test_rewording_and_reordering_keep_the_keys():
    page = make_survey(
        questions=[
            question_value("ranking", "r", "Reihenfolge?", options=["A", "B"]),
            question_value("single_choice", "s", "Eins?", options=["Ja", "Nein"]),
        ]
    )
    page.questions = [
        question_value("single_choice", "s", "Neu formuliert?", options=["Ja", "Nein"]),
        question_value("ranking", "r", "Reihenfolge?", options=["A", "B"]),
    ]
    page.save_revision().publish()

    first, second = questions_of(page)
    assert (first.key, first.text, first.position) == (UUID(key_of("s")), "Neu formuliert?", 1)
    assert second.key == UUID(key_of("r"))


def test_empty_max_choices_means_any_number():
    page = make_survey(questions=[question_value("multiple_choice", "m", "Welche?", options=["A", "B", "C"])])

    (question,) = questions_of(page)
    assert question.max_choices is None
