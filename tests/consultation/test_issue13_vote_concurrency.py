"""Issue 13, item 1 under real concurrency (PostgreSQL): votes cast while the moderation hides and restores.

Run with `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_lip .venv/bin/pytest tests/consultation/test_issue13_vote_concurrency.py`.
"""

from collections import Counter

from consultation import selectors, services
from consultation.models import ConsultationPage, PhaseType, Proposal, Vote
from consultation.moderation import services as moderation
from lip.models import User
from lip.roles import Role
from tests.counters_check import assert_counters_match
from tests.factories import UserFactory

from .factories import ConsultationPageFactory, ProposalFactory
from .test_concurrency import pytestmark, run_together  # noqa: F401  (pytestmark: PostgreSQL only, transactional)


def test_votes_racing_hide_and_restore_never_exceed_the_budget():
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=5)
    proposals = ProposalFactory.create_batch(10, consultation=consultation)
    person = UserFactory()
    moderator = UserFactory(roles=[Role.MODERATOR], is_staff=True)
    services.vote_cast(proposal=proposals[0], user=person)

    def cast(proposal_pk):
        return lambda: services.vote_cast(
            proposal=Proposal.objects.get(pk=proposal_pk), user=User.objects.get(pk=person.pk)
        )

    def hide_and_restore():
        item = Proposal.objects.get(pk=proposals[0].pk)
        mod = User.objects.get(pk=moderator.pk)
        moderation.item_hide(item=item, moderator=mod, reason="Wird geprüft")
        moderation.item_restore(item=Proposal.objects.get(pk=item.pk), moderator=mod)

    outcomes = run_together([cast(p.pk) for p in proposals[1:]] + [hide_and_restore])

    assert outcomes == Counter({"ok": 5, "VoteRefused": 5})
    assert Vote.objects.filter(user=person, consultation=consultation).count() == 5
    assert selectors.vote_state(person, ConsultationPage.objects.get(pk=consultation.pk)).remaining == 0
    assert_counters_match()
