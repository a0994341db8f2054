"""The survey services: permission asked again, answers replaced, one response per person even when two submits race
(test_survey_concurrency), paper responses without a person."""

from uuid import UUID

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from consultation.models import Channel, PhaseType, SurveyPage, SurveyResponse
from consultation.surveys import services
from consultation.surveys.forms import AnswerData, Answers
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import key_of, make_survey, survey_schedule
from tests.factories import UserFactory


def answers(single: int = 0, text: str = "") -> Answers:
    rows = [AnswerData(UUID(key_of("single")), option=UUID(key_of("single", single)))]
    if text:
        rows.append(AnswerData(UUID(key_of("long")), text=text))
    return Answers(rows=rows)


@pytest.mark.django_db
def test_submit_outside_the_survey_phase_is_refused(consultation_index):
    survey = make_survey(ConsultationPageFactory(phases=survey_schedule(PhaseType.EVALUATION)))
    with pytest.raises(PermissionDenied):
        services.submit_response(survey=survey, user=UserFactory(), answers=answers())
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_anonymous_submit_needs_a_survey_that_allows_it(consultation_index):
    survey = make_survey()
    with pytest.raises(PermissionDenied):
        services.submit_response(survey=survey, user=AnonymousUser(), answers=answers())
    SurveyPage.objects.filter(pk=survey.pk).update(allow_anonymous=True)
    survey.refresh_from_db()
    response = services.submit_response(survey=survey, user=AnonymousUser(), answers=answers())
    assert response.respondent is None and response.channel == Channel.ONLINE


@pytest.mark.django_db
def test_a_second_submit_replaces_the_answers(consultation_index):
    survey, person = make_survey(), UserFactory()
    first = services.submit_response(survey=survey, user=person, answers=answers(0, "Erst."))
    second = services.submit_response(survey=survey, user=person, answers=answers(2))
    assert first.pk == second.pk
    assert [str(a.option) for a in second.answers.all()] == [key_of("single", 2)]


@pytest.mark.django_db
def test_rows_of_unknown_questions_or_options_are_dropped(consultation_index):
    survey = make_survey()
    forged = Answers(
        rows=[
            AnswerData(UUID(key_of("nope")), text="x"),
            AnswerData(UUID(key_of("single")), option=UUID(key_of("multiple", 0))),
            AnswerData(UUID(key_of("scale")), number=3),
        ]
    )
    response = services.submit_response(survey=survey, user=UserFactory(), answers=forged)
    assert [(str(a.question), a.number) for a in response.answers.all()] == [(key_of("scale"), 3)]


@pytest.mark.django_db
def test_update_is_for_the_respondent_only(consultation_index):
    survey = make_survey()
    response = services.submit_response(survey=survey, user=UserFactory(), answers=answers())
    with pytest.raises(PermissionDenied):
        services.update_response(response=response, user=UserFactory(), answers=answers(1))
    updated = services.update_response(response=response, user=response.respondent, answers=answers(1))
    assert str(updated.answers.get().option) == key_of("single", 1)


@pytest.mark.django_db
def test_paper_responses_are_for_staff_and_never_online(consultation_index, moderator, user):
    survey = make_survey()
    with pytest.raises(PermissionDenied):
        services.record_paper_response(
            survey=survey, recorded_by=user, channel=Channel.PAPER, event=None, sheet="1", answers=answers()
        )
    with pytest.raises(ValidationError):
        services.record_paper_response(
            survey=survey, recorded_by=moderator, channel=Channel.ONLINE, event=None, sheet="1", answers=answers()
        )
    response = services.record_paper_response(
        survey=survey, recorded_by=moderator, channel=Channel.PAPER, event=None, sheet=" 7 ", answers=answers()
    )
    assert (response.respondent, response.sheet, response.recorded_by) == (None, "7", moderator)
