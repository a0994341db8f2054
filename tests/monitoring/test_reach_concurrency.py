"""A person who sends the questionnaire about the person twice at the same moment gets one profile (PostgreSQL)."""

from monitoring.models import NO_ANSWER, ReachAnswered, ReachLanguage, ReachProfile
from monitoring.reach import services
from tests import factories
from tests.helpers import POSTGRES_THREADS, outcome_kinds, run_in_threads

pytestmark = POSTGRES_THREADS


def test_a_person_submitting_twice_at_once_gets_one_profile():
    person = factories.UserFactory()
    data = {"age_group": NO_ANSWER, "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": ["de"]}
    outcomes = run_in_threads(lambda _: services.reach_profile_submit(data=data, user=person), range(2))

    assert outcome_kinds(outcomes) == {"ok": 1, "ValidationError": 1}, outcomes
    assert ReachProfile.objects.count() == 1
    assert ReachLanguage.objects.count() == 1
    assert ReachAnswered.objects.count() == 1


def test_two_staff_typing_sheets_at_the_same_time_lose_none():
    from consultation.models import Channel
    from lip.roles import Role

    typists = [factories.UserFactory(roles=[Role.MODERATOR]) for _ in range(2)]
    data = {"age_group": "18_29", "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": ["ar"]}

    def type_sheets(user):
        for _ in range(10):
            services.reach_sheet_record(data=data, channel=Channel.PAPER, event=None, user=user)

    outcomes = run_in_threads(type_sheets, typists)

    assert outcome_kinds(outcomes) == {"ok": 2}, outcomes
    assert ReachProfile.objects.filter(channel=Channel.PAPER).count() == 20
    assert ReachLanguage.objects.count() == 20
