"""Counts stay exact when people act at the same moment: threads on PostgreSQL, each with its own connection.

Run with `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_lip .venv/bin/pytest tests/consultation/test_concurrency.py`.
SQLite serialises all writers on one database lock, so these tests would prove nothing there.
"""

from collections import Counter
from collections.abc import Callable

import pytest

from consultation import selectors, services
from consultation.models import ConsultationPage, PhaseType, Proposal, Vote
from lip.models import User
from tests.factories import UserFactory
from tests.helpers import POSTGRES_THREADS, outcome_kinds, run_in_threads

from .factories import ConsultationPageFactory, ProposalFactory, district, topic

pytestmark = [*POSTGRES_THREADS, pytest.mark.usefixtures("counters_agree")]

THREADS = 20


def run_together(tasks: list[Callable[[], object]]) -> Counter:
    """Run every task in its own thread, all released at once; count the outcomes by kind.

    An outcome is "ok" or the name of the exception a task raised (anything unexpected shows up in the counter and
    fails the test's equality assertion, together with its kind).
    """
    return outcome_kinds(run_in_threads(lambda task: task(), tasks))


def cast(proposal_pk: int, user_pk: int) -> Callable[[], object]:
    """A vote as a request would cast it: fresh objects loaded from the database in the thread."""

    def task():
        proposal = Proposal.objects.select_related("consultation").get(pk=proposal_pk)
        return services.vote_cast(proposal=proposal, user=User.objects.get(pk=user_pk))

    return task


@pytest.fixture
def voting():
    return ConsultationPageFactory(phases=PhaseType.VOTING)


def test_same_person_voting_20_times_at_once_stores_one_vote(voting):
    proposal = ProposalFactory(consultation=voting)
    person = UserFactory()

    outcomes = run_together([cast(proposal.pk, person.pk) for _ in range(THREADS)])

    assert outcomes == Counter({"ok": 1, "VoteRefused": THREADS - 1})
    assert Vote.objects.filter(proposal=proposal).count() == 1
    proposal.refresh_from_db()
    assert proposal.online_votes == 1


def test_20_people_voting_at_once_are_all_counted(voting):
    proposal = ProposalFactory(consultation=voting)
    people = UserFactory.create_batch(THREADS)

    outcomes = run_together([cast(proposal.pk, person.pk) for person in people])

    assert outcomes == Counter({"ok": THREADS})
    assert Vote.objects.filter(proposal=proposal).count() == THREADS
    proposal.refresh_from_db()
    assert proposal.online_votes == THREADS
    shown = selectors.visible_proposals(voting).get(pk=proposal.pk)
    assert shown.total_votes == THREADS
    assert selectors.consultation_figures(voting).votes == THREADS


def test_concurrent_votes_never_exceed_the_budget():
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=5)
    proposals = ProposalFactory.create_batch(10, consultation=consultation)
    person = UserFactory()

    outcomes = run_together([cast(proposal.pk, person.pk) for proposal in proposals])

    assert outcomes == Counter({"ok": 5, "VoteRefused": 5})
    assert Vote.objects.filter(user=person, consultation=consultation).count() == 5
    assert sum(Proposal.objects.filter(consultation=consultation).values_list("online_votes", flat=True)) == 5
    assert selectors.vote_state(person, consultation).remaining == 0


def test_20_proposals_submitted_at_once_get_20_distinct_references():
    consultation = ConsultationPageFactory(phases=PhaseType.SUBMISSION)
    people = UserFactory.create_batch(THREADS)
    consultation_pk = consultation.pk

    def submit(person_pk: int) -> Callable[[], object]:
        def task():
            return services.proposal_submit(
                consultation=ConsultationPage.objects.get(pk=consultation_pk),
                author=User.objects.get(pk=person_pk),
                data={
                    "title": "Gleichzeitig",
                    "text": "Eingereicht im selben Augenblick.",
                    "topic": topic(),
                    "district": district("mitte"),
                },
            )

        return task

    outcomes = run_together([submit(person.pk) for person in people])

    assert outcomes == Counter({"ok": THREADS})
    stored = list(Proposal.objects.filter(consultation=consultation).values_list("reference", flat=True))
    assert len(stored) == len(set(stored)) == THREADS
    year = stored[0][4:8]
    assert set(stored) == {f"LIP-{year}-{n:04d}" for n in range(1, THREADS + 1)}
