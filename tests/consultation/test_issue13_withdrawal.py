"""Issue 13, item 2: withdrawal and editing follow the phase rules and close once the city answered publicly;
the answer and "Was daraus wurde" stay public on a withdrawn proposal that has them.

Decision: the author may withdraw while proposals are collected and discussed (submission and discussion phases),
not from the voting phase on (votes, results and answers rest on the proposal), and never once a published answer
exists. Editing stays limited to the submission phase and closes with a published answer too.
"""

import pytest

from consultation.models import ProposalState, ResponseState
from tests.monitoring.factories import MeasureFactory

from .factories import ResponseFactory

WITHDRAW_ANSWERED = "Die Stadtverwaltung hat auf diesen Vorschlag geantwortet. Er kann nicht mehr zurückgezogen werden."
EDIT_ANSWERED = "Die Stadtverwaltung hat auf diesen Vorschlag geantwortet. Er kann nicht mehr bearbeitet werden."


def withdraw(client, proposal):
    return client.post(f"{proposal.get_absolute_url()}zurueckziehen/")


@pytest.mark.parametrize(
    "when, status, state",
    [(when, 302, ProposalState.WITHDRAWN) for when in ("submission", "discussion")]
    + [(when, 403, ProposalState.PUBLISHED) for when in ("voting", "evaluation", "results", "after")],
)
def test_withdrawal_works_while_proposals_are_collected_and_discussed_and_is_refused_after(
    when, status, state, clock, proposal, author, client_for
):
    clock.travel(when)

    response = withdraw(client_for(author), proposal)

    assert response.status_code == status
    proposal.refresh_from_db()
    assert proposal.state == state


def test_withdrawal_of_an_answered_proposal_is_refused_with_the_reason(clock, proposal, author, client_for):
    ResponseFactory(proposal=proposal, state=ResponseState.ADOPTED)

    response = withdraw(client_for(author), proposal)

    assert response.status_code == 403
    assert WITHDRAW_ANSWERED in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED


def test_a_draft_answer_does_not_close_the_withdrawal(clock, proposal, author, client_for):
    ResponseFactory(proposal=proposal, draft=True)

    assert withdraw(client_for(author), proposal).status_code == 302


def test_an_answered_proposal_offers_neither_editing_nor_withdrawal(clock, proposal, author, client_for):
    ResponseFactory(proposal=proposal, state=ResponseState.ADOPTED)
    client = client_for(author)

    body = client.get(proposal.get_absolute_url()).content.decode()
    assert "zurueckziehen/" not in body.replace("stimme-zurueckziehen/", "")
    assert EDIT_ANSWERED in body
    assert f'href="{proposal.get_absolute_url()}bearbeiten/"' not in body

    response = client.post(f"{proposal.get_absolute_url()}bearbeiten/", {"title": "Geändert"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "Sprachcafés in allen Stadtteilbibliotheken"


def test_a_withdrawn_proposal_keeps_its_answer_and_its_measure_public(clock, proposal, client):
    ResponseFactory(proposal=proposal, state=ResponseState.ADOPTED, text="Wird Teil der Maßnahme Sprachcafés.")
    MeasureFactory(title="Sprachcafés in Bibliotheken", proposals=[proposal])
    type(proposal).objects.filter(pk=proposal.pk).update(state=ProposalState.WITHDRAWN)  # withdrawn before the rule

    body = client.get(proposal.get_absolute_url()).content.decode()

    assert "zurückgezogen" in body
    assert "in den LIP übernommen" in body
    assert "Wird Teil der Maßnahme Sprachcafés." in body
    assert "Was daraus wurde" in body
    assert "Sprachcafés in Bibliotheken" in body
