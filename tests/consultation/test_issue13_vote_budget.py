"""Issue 13, item 1: the vote budget holds at every moment, whatever moderation does.

Decision: a vote on a proposal the moderation hid keeps counting against the person's budget while the proposal is
hidden (the person may take it back); so restoring the proposal can never take anyone over their budget.
"""

import pytest
from django.core.exceptions import PermissionDenied

from consultation import selectors, services
from consultation.models import ProposalState, Vote
from consultation.moderation import services as moderation
from consultation.services import VoteRefused
from tests import factories
from tests.counters_check import assert_counters_match

BUDGET_SPENT = "Sie haben alle 5 Stimmen vergeben. Ziehen Sie eine Stimme zurück, um diesen Vorschlag zu unterstützen."


@pytest.fixture
def voter(db):
    return factories.UserFactory(display_name="Vera Wählerin")


@pytest.fixture
def five_votes(clock, make_consultation, make_proposal, voter):
    consultation = make_consultation(vote_budget=5)
    clock.travel("voting")
    proposals = [make_proposal(consultation=consultation, title=f"Vorschlag {n}") for n in range(6)]
    for proposal in proposals[:5]:
        services.vote_cast(proposal=proposal, user=voter)
    return consultation, proposals


def counted(voter, consultation) -> int:
    return Vote.objects.filter(user=voter, consultation=consultation, proposal__state=ProposalState.PUBLISHED).count()


def test_hiding_a_voted_proposal_does_not_give_the_vote_back(five_votes, voter, moderator):
    consultation, proposals = five_votes
    moderation.item_hide(item=proposals[0], moderator=moderator, reason="Beleidigend")

    with pytest.raises(VoteRefused) as exc:
        services.vote_cast(proposal=proposals[5], user=voter)

    assert exc.value.messages == [BUDGET_SPENT]
    assert services.votes_used(user=voter, consultation=consultation) == 5
    assert selectors.vote_state(voter, consultation).remaining == 0
    assert_counters_match()


def test_restoring_never_takes_a_person_over_the_budget(five_votes, voter, moderator):
    consultation, proposals = five_votes
    moderation.item_hide(item=proposals[0], moderator=moderator, reason="Beleidigend")
    with pytest.raises(VoteRefused):
        services.vote_cast(proposal=proposals[5], user=voter)

    moderation.item_restore(item=proposals[0], moderator=moderator)

    assert counted(voter, consultation) == 5
    assert selectors.vote_state(voter, consultation).remaining == 0
    assert_counters_match()


def test_auto_hide_by_reports_does_not_give_the_vote_back(five_votes, voter, settings):
    settings.LIP_REPORT_THRESHOLD = 3
    _consultation, proposals = five_votes
    for reporter in factories.UserFactory.create_batch(3):
        moderation.report_create(reporter=reporter, item=proposals[0], reason="spam")
    proposals[0].refresh_from_db()
    assert proposals[0].state == ProposalState.HIDDEN

    with pytest.raises(VoteRefused):
        services.vote_cast(proposal=proposals[5], user=voter)

    assert Vote.objects.filter(user=voter).count() == 5


def test_a_vote_on_a_hidden_proposal_can_be_taken_back_from_the_consultation_page(
    five_votes, voter, moderator, client_for
):
    consultation, proposals = five_votes
    moderation.item_hide(item=proposals[0], moderator=moderator, reason="Beleidigend")
    client = client_for(voter)

    body = client.get(consultation.url).content.decode()
    assert "Sie haben noch 0 von 5 Stimmen." in body
    assert "1 Ihrer Stimmen gilt einem Vorschlag, den die Moderation ausgeblendet hat." in body
    assert f"Stimme für {proposals[0].reference} zurückziehen" in body

    response = client.post(f"{proposals[0].get_absolute_url()}stimme-zurueckziehen/")
    assert response.status_code == 302
    assert response["Location"].startswith(consultation.url)
    assert not Vote.objects.filter(user=voter, proposal=proposals[0]).exists()
    assert "Sie haben noch 1 von 5 Stimmen." in client.get(consultation.url).content.decode()

    services.vote_cast(proposal=proposals[5], user=voter)
    moderation.item_restore(item=proposals[0], moderator=moderator)
    assert counted(voter, consultation) == 5
    assert_counters_match()


def test_the_proposal_page_shows_the_same_remaining_budget(five_votes, voter, moderator, client_for):
    _consultation, proposals = five_votes
    moderation.item_hide(item=proposals[0], moderator=moderator, reason="Beleidigend")

    body = client_for(voter).get(proposals[5].get_absolute_url()).content.decode()

    assert "Sie haben noch 0 von 5 Stimmen." in body
    assert BUDGET_SPENT in body


def test_a_stranger_cannot_reach_a_hidden_proposal_through_the_vote_withdrawal(five_votes, moderator, client_for):
    _consultation, proposals = five_votes
    moderation.item_hide(item=proposals[0], moderator=moderator, reason="Beleidigend")
    stranger = factories.UserFactory()

    response = client_for(stranger).post(f"{proposals[0].get_absolute_url()}stimme-zurueckziehen/")

    assert response.status_code == 404


def test_a_vote_on_a_withdrawn_proposal_is_given_back(five_votes, voter):
    consultation, proposals = five_votes
    type(proposals[0]).objects.filter(pk=proposals[0].pk).update(state=ProposalState.WITHDRAWN)

    services.vote_cast(proposal=proposals[5], user=voter)

    assert services.votes_used(user=voter, consultation=consultation) == 5


def test_withdrawing_a_vote_on_a_withdrawn_proposal_is_refused(five_votes, voter):
    _consultation, proposals = five_votes
    type(proposals[0]).objects.filter(pk=proposals[0].pk).update(state=ProposalState.WITHDRAWN)
    proposals[0].refresh_from_db()

    with pytest.raises(PermissionDenied):
        services.vote_withdraw(proposal=proposals[0], user=voter)

    assert Vote.objects.filter(user=voter, proposal=proposals[0]).exists()
    assert_counters_match()
