"""Two submits of one person at the same moment end with one response: threads on PostgreSQL, each with its own
connection (skipped on SQLite, which serialises all writers). Run with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_lip .venv/bin/pytest tests/consultation/test_survey_concurrency.py`.
"""

from uuid import UUID

from consultation.models import PhaseType, SurveyPage, SurveyResponse
from consultation.surveys import services
from consultation.surveys.forms import AnswerData, Answers
from lip.models import User
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import key_of, make_survey, survey_schedule
from tests.consultation.test_concurrency import run_together
from tests.factories import UserFactory
from tests.helpers import POSTGRES_THREADS

pytestmark = POSTGRES_THREADS

THREADS = 20


def test_twenty_simultaneous_submits_of_one_person_end_with_one_response():
    survey = make_survey(ConsultationPageFactory(phases=survey_schedule(PhaseType.SURVEY)))
    person = UserFactory()

    def submit(option: int):
        def task():
            rows = [AnswerData(UUID(key_of("single")), option=UUID(key_of("single", option % 3)))]
            services.submit_response(
                survey=SurveyPage.objects.get(pk=survey.pk), user=User.objects.get(pk=person.pk), answers=Answers(rows)
            )

        return task

    outcomes = run_together([submit(i) for i in range(THREADS)])

    assert outcomes == {"ok": THREADS}
    assert SurveyResponse.objects.filter(survey=survey, respondent=person).count() == 1
    assert SurveyResponse.objects.get(survey=survey).answers.count() == 1
