"""A person who sends the questionnaire about the person twice at the same moment gets one profile (PostgreSQL)."""

import threading

from django.db import connections

from monitoring.models import NO_ANSWER, ReachAnswered, ReachLanguage, ReachProfile
from monitoring.reach import services
from tests import factories
from tests.helpers import POSTGRES_THREADS

pytestmark = POSTGRES_THREADS


def test_a_person_submitting_twice_at_once_gets_one_profile():
    person = factories.UserFactory()
    data = {"age_group": NO_ANSWER, "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": ["de"]}
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait(timeout=10)
            services.reach_profile_submit(data=data, user=person)
            outcomes.append("stored")
        except Exception as exc:  # counted below
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ValidationError", "stored"]
    assert ReachProfile.objects.count() == 1
    assert ReachLanguage.objects.count() == 1
    assert ReachAnswered.objects.count() == 1


def test_two_staff_typing_sheets_at_the_same_time_lose_none():
    from consultation.models import Channel
    from lip.roles import Role

    typists = [factories.UserFactory(roles=[Role.MODERATOR]) for _ in range(2)]
    data = {"age_group": "18_29", "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": ["ar"]}
    barrier = threading.Barrier(2)
    errors = []

    def type_sheets(user):
        try:
            barrier.wait(timeout=10)
            for _ in range(10):
                services.reach_sheet_record(data=data, channel=Channel.PAPER, event=None, user=user)
        except Exception as exc:  # asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=type_sheets, args=(user,)) for user in typists]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ReachProfile.objects.filter(channel=Channel.PAPER).count() == 20
    assert ReachLanguage.objects.count() == 20
