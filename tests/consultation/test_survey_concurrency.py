"""Two submits of one person at the same moment end with one response, and staff typing paper sheets at the same
time lose none: threads on PostgreSQL, each with its own
connection (skipped on SQLite, which serialises all writers). Run with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_lip .venv/bin/pytest tests/consultation/test_survey_concurrency.py`.
"""

from uuid import UUID

from consultation.models import Channel, PhaseType, SurveyPage, SurveyResponse
from consultation.surveys import services
from consultation.surveys.forms import AnswerData, Answers
from lip.models import User
from lip.roles import Role
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import key_of, make_survey, survey_schedule
from tests.consultation.test_concurrency import run_together
from tests.factories import UserFactory
from tests.helpers import POSTGRES_THREADS, outcome_kinds, run_in_threads

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


def test_two_staff_typing_sheets_at_the_same_time_lose_none():
    survey = make_survey(ConsultationPageFactory(phases=survey_schedule(PhaseType.SURVEY)))
    clerks = [UserFactory(roles=[Role.MODERATOR], is_staff=True) for _ in range(2)]
    sheets = [(clerk, f"{name}-{number:03}") for clerk, name in zip(clerks, "AB", strict=True) for number in range(10)]

    def type_sheet(item):
        clerk, sheet = item
        rows = [AnswerData(UUID(key_of("single")), option=UUID(key_of("single", len(sheet) % 3)))]
        return services.record_paper_response(
            survey=SurveyPage.objects.get(pk=survey.pk),
            recorded_by=User.objects.get(pk=clerk.pk),
            channel=Channel.PAPER,
            event=None,
            sheet=sheet,
            answers=Answers(rows),
        )

    outcomes = run_in_threads(type_sheet, sheets)

    assert outcome_kinds(outcomes) == {"ok": len(sheets)}
    stored = SurveyResponse.objects.filter(survey=survey, channel=Channel.PAPER)
    assert sorted(stored.values_list("sheet", flat=True)) == sorted(sheet for _clerk, sheet in sheets)
    assert SurveyResponse.objects.get(survey=survey, sheet="A-000").answers.count() == 1
