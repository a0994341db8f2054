"""Staff record the dot votes proposals got at an event; the proposal's analog total follows."""

import pytest
from django.urls import reverse

from consultation.models import AnalogTally, Proposal
from tests.consultation.admin_support import form_errors
from tests.consultation.factories import AnalogTallyFactory, EventFactory, ProposalFactory

ADD = "consultation-tallies:add"


@pytest.fixture
def workshop(consultation):
    return EventFactory(consultation=consultation, title="Workshop Ankommen")


def analog_votes(proposal) -> int:
    return Proposal.objects.get(pk=proposal.pk).analog_votes


def test_a_tally_is_recorded_and_counts_towards_the_proposal(staff, moderator, proposal, workshop):
    response = staff.post(reverse(ADD), {"proposal": proposal.reference, "event": workshop.pk, "count": "12"})

    assert response.status_code == 302
    tally = AnalogTally.objects.get()
    assert (tally.proposal, tally.event, tally.count, tally.recorded_by) == (proposal, workshop, 12, moderator)
    assert analog_votes(proposal) == 12


def test_the_reference_may_be_typed_in_lower_case_with_spaces(staff, proposal, workshop):
    response = staff.post(
        reverse(ADD), {"proposal": f"  {proposal.reference.lower()} ", "event": workshop.pk, "count": "3"}
    )

    assert response.status_code == 302
    assert analog_votes(proposal) == 3


def test_an_event_of_another_consultation_is_refused(staff, proposal, other_consultation):
    foreign_event = EventFactory(consultation=other_consultation)

    response = staff.post(reverse(ADD), {"proposal": proposal.reference, "event": foreign_event.pk, "count": "5"})

    assert "anderen Beteiligung" in str(form_errors(response)["event"])
    assert not AnalogTally.objects.exists()
    assert analog_votes(proposal) == 0


def test_a_negative_count_is_refused(staff, proposal, workshop):
    response = staff.post(reverse(ADD), {"proposal": proposal.reference, "event": workshop.pk, "count": "-4"})

    assert "count" in form_errors(response)
    assert not AnalogTally.objects.exists()


@pytest.mark.parametrize("reference", ["LIP-2026-9999", "", "<script>", "1"])
def test_an_unknown_reference_is_refused(staff, proposal, workshop, reference):
    response = staff.post(reverse(ADD), {"proposal": reference, "event": workshop.pk, "count": "5"})

    assert "proposal" in form_errors(response)
    assert not AnalogTally.objects.exists()


def test_a_hidden_proposal_gets_no_tally(staff, consultation, workshop):
    hidden = ProposalFactory(consultation=consultation, hidden=True)

    response = staff.post(reverse(ADD), {"proposal": hidden.reference, "event": workshop.pk, "count": "5"})

    assert "proposal" in form_errors(response)
    assert not AnalogTally.objects.exists()


def test_a_second_tally_for_the_same_proposal_and_event_is_refused(staff, proposal, workshop):
    AnalogTallyFactory(proposal=proposal, event=workshop, count=7)

    response = staff.post(reverse(ADD), {"proposal": proposal.reference, "event": workshop.pk, "count": "5"})

    assert "schon 7 Stimmen erfasst" in str(form_errors(response)["proposal"])
    assert AnalogTally.objects.get().count == 7
    assert analog_votes(proposal) == 7


def test_correcting_a_tally_moves_the_total_by_the_difference(staff, proposal, workshop):
    tally = AnalogTallyFactory(proposal=proposal, event=workshop, count=7)
    other_event = EventFactory(consultation=proposal.consultation)
    AnalogTallyFactory(proposal=proposal, event=other_event, count=5)

    response = staff.post(reverse("consultation-tallies:edit", args=(tally.pk,)), {"count": "9"})

    assert response.status_code == 302
    tally.refresh_from_db()
    assert tally.count == 9
    assert analog_votes(proposal) == 14


def test_proposal_and_event_of_a_tally_cannot_be_changed(staff, proposal, workshop, make_proposal):
    tally = AnalogTallyFactory(proposal=proposal, event=workshop, count=7)
    other = make_proposal(title="Anderer Vorschlag")

    staff.post(
        reverse("consultation-tallies:edit", args=(tally.pk,)),
        {"proposal": other.reference, "event": workshop.pk, "count": "7"},
    )

    tally.refresh_from_db()
    assert tally.proposal == proposal
    assert analog_votes(other) == 0


def test_deleting_a_tally_takes_its_votes_off_the_total(staff, proposal, workshop):
    tally = AnalogTallyFactory(proposal=proposal, event=workshop, count=7)
    AnalogTallyFactory(proposal=proposal, event=EventFactory(consultation=proposal.consultation), count=2)

    response = staff.post(reverse("consultation-tallies:delete", args=(tally.pk,)))

    assert response.status_code == 302
    assert not AnalogTally.objects.filter(pk=tally.pk).exists()
    assert analog_votes(proposal) == 2


def test_save_and_count_the_next_keeps_the_event(staff, proposal, workshop):
    response = staff.post(
        reverse(ADD), {"proposal": proposal.reference, "event": workshop.pk, "count": "4", "save-and-add": "1"}
    )

    assert response.status_code == 302
    next_form = staff.get(response["Location"]).context["form"]
    assert str(next_form["event"].value()) == str(workshop.pk)


def test_the_tally_list_finds_a_proposal_by_reference(staff, proposal, workshop, make_proposal):
    AnalogTallyFactory(proposal=proposal, event=workshop, count=7)
    AnalogTallyFactory(proposal=make_proposal(title="Anderer"), event=workshop, count=1)

    response = staff.get(reverse("consultation-tallies:index"), {"q": proposal.reference})

    assert response.status_code == 200
    assert [t.proposal_id for t in response.context["object_list"]] == [proposal.pk]


def test_the_tally_list_costs_the_same_queries_for_few_and_many_tallies(staff, consultation):
    from tests.helpers import assert_constant_queries

    def build(n):
        for _ in range(AnalogTally.objects.count(), n):
            AnalogTallyFactory(proposal=ProposalFactory(consultation=consultation))

    assert_constant_queries(build, lambda: staff.get(reverse("consultation-tallies:index")), sizes=(3, 12))
