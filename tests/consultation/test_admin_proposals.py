"""Staff enter analog proposals and find proposals in the workspace's list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultation.models import Channel, Proposal
from tests.consultation.admin_support import form_errors
from tests.consultation.factories import EventFactory, ProposalFactory

ADD = "consultation-proposals:add"
INDEX = "consultation-proposals:index"


@pytest.fixture
def workshop(consultation, district):
    return EventFactory(consultation=consultation, title="Workshop Ankommen", district=district)


def analog_data(consultation, topic, /, **overrides) -> dict:
    data = {
        "consultation": consultation.pk,
        "channel": Channel.PAPER,
        "event": "",
        "received_at": "",
        "on_behalf": "anonymous",
        "author_name": "",
        "organisation": "",
        "title": "Sprachcafé im Stadtteilzentrum",
        "text": "Einmal pro Woche ein Sprachcafé.\n\nMit Kinderbetreuung.",
        "topic": topic.pk,
        "district": "",
        "tags": "Sprachcafé, Nachbarschaft",
    }
    data.update(overrides)
    return data


# --- Entering analog proposals ---------------------------------------------------------------------------------


def test_an_anonymous_paper_proposal_is_recorded_with_who_entered_it(staff, moderator, consultation, topic):
    response = staff.post(reverse(ADD), analog_data(consultation, topic))

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.channel == Channel.PAPER
    assert proposal.recorded_by == moderator
    assert proposal.author is None and proposal.organisation is None and proposal.author_name == ""
    assert proposal.display_author == "anonym"
    assert proposal.reference.startswith("LIP-2026-")
    assert sorted(proposal.tags.names()) == ["Nachbarschaft", "Sprachcafé"]
    assert ModelLogEntry.objects.filter(object_id=str(proposal.pk), action="wagtail.create", user=moderator).exists()


def test_a_proposal_from_an_event_on_behalf_of_a_named_person(staff, consultation, topic, workshop):
    data = analog_data(
        consultation, topic, channel=Channel.EVENT, event=workshop.pk, on_behalf="person", author_name="Ayşe Demir"
    )
    response = staff.post(reverse(ADD), data)

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.channel, proposal.event, proposal.author_name) == (Channel.EVENT, workshop, "Ayşe Demir")


def test_a_proposal_on_behalf_of_an_organisation(staff, consultation, topic, organisation):
    data = analog_data(
        consultation,
        topic,
        channel=Channel.EMAIL,
        on_behalf="organisation",
        organisation=organisation.pk,
        author_name="ignored when an organisation is chosen",
    )
    response = staff.post(reverse(ADD), data)

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.organisation == organisation
    assert proposal.author_name == ""


def test_the_date_of_receipt_can_be_given(staff, consultation, topic, clock):
    received = clock.now - timedelta(days=3)
    response = staff.post(
        reverse(ADD), analog_data(consultation, topic, received_at=received.strftime("%Y-%m-%d %H:%M"))
    )

    assert response.status_code == 302
    assert Proposal.objects.get().created_at == received.replace(second=0, microsecond=0)


def test_the_channel_online_is_refused(staff, consultation, topic):
    response = staff.post(reverse(ADD), analog_data(consultation, topic, channel=Channel.ONLINE))

    assert "channel" in form_errors(response)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("channel", [Channel.EVENT, Channel.COUNCIL_MEETING])
def test_a_proposal_from_an_event_needs_the_event(staff, consultation, topic, channel):
    response = staff.post(reverse(ADD), analog_data(consultation, topic, channel=channel))

    assert "Bitte geben Sie die Veranstaltung an" in str(form_errors(response)["event"])
    assert not Proposal.objects.exists()


def test_an_event_of_another_consultation_is_refused(staff, consultation, other_consultation, topic):
    foreign_event = EventFactory(consultation=other_consultation)
    data = analog_data(consultation, topic, channel=Channel.EVENT, event=foreign_event.pk)

    response = staff.post(reverse(ADD), data)

    assert "anderen Beteiligung" in str(form_errors(response)["event"])
    assert not Proposal.objects.exists()


def test_a_named_person_needs_a_name(staff, consultation, topic):
    response = staff.post(reverse(ADD), analog_data(consultation, topic, on_behalf="person", author_name="  "))

    assert "author_name" in form_errors(response)
    assert not Proposal.objects.exists()


def test_an_organisation_must_be_chosen_when_acting_for_one(staff, consultation, topic):
    response = staff.post(reverse(ADD), analog_data(consultation, topic, on_behalf="organisation"))

    assert "organisation" in form_errors(response)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 121),
        ("text", ""),
        ("text", "x" * 5001),
        ("topic", "999999"),
        ("consultation", "999999"),
        ("organisation", "999999"),
        ("received_at", "gestern"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(staff, consultation, topic, field, value):
    overrides = {field: value}
    if field == "organisation":
        overrides["on_behalf"] = "organisation"
    response = staff.post(reverse(ADD), analog_data(consultation, topic, **overrides))

    assert field in form_errors(response)
    assert not Proposal.objects.exists()


def test_a_future_date_of_receipt_is_refused(staff, consultation, topic, clock):
    tomorrow = (clock.now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = staff.post(reverse(ADD), analog_data(consultation, topic, received_at=tomorrow))

    assert "received_at" in form_errors(response)
    assert not Proposal.objects.exists()


def test_html_in_the_text_is_stored_as_text(staff, consultation, topic):
    staff.post(reverse(ADD), analog_data(consultation, topic, text="<script>alert(1)</script> Mehr Bänke"))

    assert Proposal.objects.get().text == "<script>alert(1)</script> Mehr Bänke"


def test_save_and_add_another_keeps_consultation_channel_and_event(staff, consultation, topic, workshop):
    data = analog_data(consultation, topic, channel=Channel.EVENT, event=workshop.pk, **{"save-and-add": "1"})

    response = staff.post(reverse(ADD), data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(ADD) + "?")
    next_form = staff.get(response["Location"]).context["form"]
    assert str(next_form["consultation"].value()) == str(consultation.pk)
    assert next_form["channel"].value() == Channel.EVENT
    assert str(next_form["event"].value()) == str(workshop.pk)
    assert not next_form["title"].value()


def test_the_only_running_consultation_is_preselected(staff, consultation):
    form = staff.get(reverse(ADD)).context["form"]

    assert form["consultation"].value() == consultation.pk


# --- Correcting a proposal ---------------------------------------------------------------------------------


def test_staff_correct_a_transcribed_title(staff, consultation, topic):
    proposal = ProposalFactory(consultation=consultation, analog=True, title="Sprachcafe", topic=topic)
    url = reverse("consultation-proposals:edit", args=(proposal.pk,))

    response = staff.post(url, {"title": "Sprachcafé", "text": proposal.text, "topic": topic.pk, "tags": "Kita"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Sprachcafé"
    assert list(proposal.tags.names()) == ["Kita"]
    assert proposal.channel == Channel.PAPER  # where it came from is not editable here


def test_an_empty_title_in_a_correction_is_refused(staff, consultation):
    proposal = ProposalFactory(consultation=consultation, analog=True, title="Sprachcafe")
    url = reverse("consultation-proposals:edit", args=(proposal.pk,))

    response = staff.post(url, {"title": "", "text": proposal.text, "topic": proposal.topic_id})

    assert "title" in form_errors(response)
    proposal.refresh_from_db()
    assert proposal.title == "Sprachcafe"


def test_online_proposals_are_not_edited_by_staff(staff, proposal):
    url = reverse("consultation-proposals:edit", args=(proposal.pk,))

    assert staff.get(url)["Location"] == reverse("consultation-proposals:inspect", args=(proposal.pk,))
    response = staff.post(url, {"title": "Anders", "text": proposal.text, "topic": proposal.topic_id})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Sprachcafés in allen Stadtteilbibliotheken"


def test_staff_look_at_an_online_proposal(staff, proposal):
    response = staff.get(reverse("consultation-proposals:inspect", args=(proposal.pk,)))

    assert response.status_code == 200
    assert proposal.reference in response.content.decode()


# --- The list ------------------------------------------------------------------------------------------------


@pytest.fixture
def listed(consultation, other_consultation, topic, district):
    return {
        "online": ProposalFactory(consultation=consultation, title="Mehr Sprachkurse am Abend", district=district),
        "paper": ProposalFactory(consultation=consultation, analog=True, title="Bänke am Lindener Markt"),
        "hidden": ProposalFactory(consultation=consultation, hidden=True, title="Ausgeblendeter Vorschlag"),
        "elsewhere": ProposalFactory(consultation=other_consultation, title="Ausbildung für Geflüchtete"),
    }


def listed_titles(response) -> set[str]:
    assert response.status_code == 200
    return {proposal.title for proposal in response.context["object_list"]}


def test_the_list_shows_every_proposal_with_its_state_and_votes(staff, listed):
    Proposal.objects.filter(pk=listed["paper"].pk).update(online_votes=30, analog_votes=12)

    response = staff.get(reverse(INDEX))

    assert listed_titles(response) == {p.title for p in listed.values()}
    body = response.content.decode()
    assert listed["paper"].reference in body
    assert "42 (davon 12 analog)" in body
    assert "durch Moderation ausgeblendet" in body
    assert "Papierformular" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"channel": "analog"}, {"paper"}),
        ({"channel": "online"}, {"online", "hidden", "elsewhere"}),
        ({"channel": "paper"}, {"paper"}),
        ({"state": "hidden"}, {"hidden"}),
        ({"district": "null"}, {"paper", "hidden", "elsewhere"}),
    ],
)
def test_the_list_filters(staff, listed, query, expected):
    response = staff.get(reverse(INDEX), query)

    assert listed_titles(response) == {listed[key].title for key in expected}


def test_the_list_filters_by_consultation_topic_and_district(staff, listed, consultation, district, topic):
    response = staff.get(reverse(INDEX), {"consultation": consultation.pk, "district": district.pk, "topic": topic.pk})

    assert listed_titles(response) == {listed["online"].title}


def test_the_list_finds_a_proposal_by_its_reference(staff, listed):
    response = staff.get(reverse(INDEX), {"q": listed["paper"].reference})

    assert listed_titles(response) == {listed["paper"].title}


def test_the_list_finds_a_proposal_by_a_word_of_its_title(staff, listed):
    response = staff.get(reverse(INDEX), {"q": "lindener"})

    assert listed_titles(response) == {listed["paper"].title}


def test_the_list_sorts_by_votes(staff, listed):
    Proposal.objects.filter(pk=listed["elsewhere"].pk).update(online_votes=1, analog_votes=9)
    Proposal.objects.filter(pk=listed["online"].pk).update(online_votes=5)

    response = staff.get(reverse(INDEX), {"ordering": "-vote_total"})

    assert [p.title for p in response.context["object_list"]][:2] == [listed["elsewhere"].title, listed["online"].title]


def test_the_list_costs_the_same_queries_for_few_and_many_proposals(staff, consultation, other_consultation):
    from tests.helpers import assert_constant_queries

    def build(n):
        for i in range(Proposal.objects.count(), n):
            ProposalFactory(consultation=(consultation, other_consultation)[i % 2], analog=bool(i % 3))

    assert_constant_queries(build, lambda: staff.get(reverse(INDEX)), sizes=(5, 20))


def test_the_list_can_be_exported_as_csv(staff, listed):
    response = staff.get(reverse(INDEX), {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert listed["paper"].reference in content
    assert "Eingereicht von" in content
