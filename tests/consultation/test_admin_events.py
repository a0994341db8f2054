"""Staff record events (workshops, council meetings, info stands, paper collections) in the workspace."""

import pytest
from django.urls import reverse

from consultation.models import Event
from lip.models import Topic
from tests.consultation.admin_support import form_errors
from tests.consultation.factories import AnalogTallyFactory, EventFactory, ProposalFactory

ADD = "consultation-events:add"


def event_data(consultation, /, **overrides) -> dict:
    data = {
        "consultation": consultation.pk,
        "kind": "workshop",
        "title": "Workshop „Ankommen in Linden“",
        "date": "2026-03-10 17:00",
        "place": "Freizeitheim Linden",
        "district": "",
        "attendees": "24",
        "minutes": "Drei Arbeitsgruppen, zwölf Vorschläge.",
    }
    data.update(overrides)
    return data


def test_an_event_is_saved_with_topics_and_organisations(staff, moderator, consultation, district, organisation):
    topics = list(Topic.objects.all()[:2])
    data = event_data(
        consultation, district=district.pk, topics=[t.pk for t in topics], organisations=[organisation.pk]
    )

    response = staff.post(reverse(ADD), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.created_by == moderator
    assert event.district == district
    assert set(event.topics.all()) == set(topics)
    assert list(event.organisations.all()) == [organisation]
    assert event.attendees == 24


def test_minutes_as_pdf_are_stored(staff, consultation, pdf_file):
    response = staff.post(reverse(ADD), {**event_data(consultation), "minutes_file": pdf_file})

    assert response.status_code == 302
    assert Event.objects.get().minutes_file.name.endswith(".pdf")


def test_minutes_that_are_no_pdf_are_refused(staff, consultation, fake_pdf_file):
    response = staff.post(reverse(ADD), {**event_data(consultation), "minutes_file": fake_pdf_file})

    assert "minutes_file" in form_errors(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("attendees", "-3"),
        ("title", ""),
        ("date", ""),
        ("kind", "party"),
        ("consultation", "999999"),
        ("organisations", ["999999"]),
        ("topics", ["999999"]),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(staff, consultation, field, value):
    response = staff.post(reverse(ADD), event_data(consultation, **{field: value}))

    assert field in form_errors(response)
    assert not Event.objects.exists()


def test_an_event_is_edited(staff, consultation, organisation):
    event = EventFactory(consultation=consultation, attendees=10)
    url = reverse("consultation-events:edit", args=(event.pk,))

    response = staff.post(url, event_data(consultation, attendees="31", organisations=[organisation.pk]))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attendees == 31
    assert list(event.organisations.all()) == [organisation]


def test_an_event_with_proposals_is_not_deleted(client_for, moderator, consultation):
    event = EventFactory(consultation=consultation)
    ProposalFactory(consultation=consultation, analog=True, channel="event", event=event)

    client = client_for(moderator)
    url = reverse("consultation-events:delete", args=(event.pk,))

    assert "kann nicht gelöscht werden: 1 Vorschläge" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert Event.objects.filter(pk=event.pk).exists()


def test_an_event_with_tallies_is_not_deleted(client_for, moderator, consultation, proposal):
    tally = AnalogTallyFactory(proposal=proposal)

    client_for(moderator).post(reverse("consultation-events:delete", args=(tally.event_id,)))

    assert Event.objects.filter(pk=tally.event_id).exists()


def test_an_event_without_contributions_is_deleted(client_for, moderator, consultation):
    event = EventFactory(consultation=consultation)

    response = client_for(moderator).post(reverse("consultation-events:delete", args=(event.pk,)))

    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


def test_the_event_list_shows_how_many_proposals_came_from_each(client_for, moderator, consultation):
    event = EventFactory(consultation=consultation, title="Infostand Limmerstraße")
    for _ in range(3):
        ProposalFactory(consultation=consultation, analog=True, channel="event", event=event)

    response = client_for(moderator).get(reverse("consultation-events:index"))

    assert response.status_code == 200
    row = next(e for e in response.context["object_list"] if e.pk == event.pk)
    assert row.proposal_total == 3
    assert "Infostand Limmerstraße" in response.content.decode()


def test_the_event_list_costs_the_same_queries_for_few_and_many_events(client_for, moderator, consultation, district):
    from tests.helpers import assert_constant_queries

    client = client_for(moderator)

    def build(n):
        for _ in range(Event.objects.count(), n):
            event = EventFactory(consultation=consultation, district=district)
            ProposalFactory(consultation=consultation, analog=True, channel="event", event=event)

    assert_constant_queries(build, lambda: client.get(reverse("consultation-events:index")), sizes=(3, 12))
