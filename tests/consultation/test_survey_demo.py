"""`seed_demo` adds a survey with online and paper responses; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from consultation.models import Channel, ConsultationPage, SurveyAnswer, SurveyPage, SurveyResponse
from consultation.surveys.questions import questions_of
from tests.helpers import seed_demo_twice

pytestmark = pytest.mark.django_db


def test_demo_survey_has_all_question_kinds_and_online_and_paper_responses(client):
    call_command("seed_demo", stdout=io.StringIO())
    survey = SurveyPage.objects.get(slug="bedarfsumfrage")

    assert {q.kind for q in questions_of(survey)} == {
        "single_choice",
        "multiple_choice",
        "scale",
        "ranking",
        "short_text",
        "long_text",
    }
    assert SurveyResponse.objects.filter(survey=survey, channel=Channel.ONLINE).count() == 40
    assert SurveyResponse.objects.filter(survey=survey, channel=Channel.EVENT).count() == 25
    assert client.get(survey.url).status_code == 200  # the survey phase runs now and anonymous answers are allowed
    consultation = survey.get_parent().specific
    html = client.get(consultation.url).content.decode()
    assert "An der Umfrage „Bedarfsumfrage unter Vereinen von Migrant*innen“ teilnehmen" in html
    assert survey.url in html


def test_seeding_twice_adds_no_survey_rows(db):
    seed_demo_twice(ConsultationPage, SurveyPage, SurveyResponse, SurveyAnswer)
