"""Issue 13, item 4: an analog proposal from an event without a date of receipt is dated at the event."""

from datetime import timedelta

from django.urls import reverse

from consultation.models import Channel, Proposal
from tests.consultation.factories import EventFactory

from .test_admin_proposals import ADD, analog_data


def test_a_proposal_from_an_event_without_a_date_is_dated_at_the_event(staff, consultation, topic, district, clock):
    held = clock.now - timedelta(days=6, hours=3)
    workshop = EventFactory(consultation=consultation, title="Workshop Ankommen", district=district, date=held)

    response = staff.post(reverse(ADD), analog_data(consultation, topic, channel=Channel.EVENT, event=workshop.pk))

    assert response.status_code == 302
    assert Proposal.objects.get().created_at == held


def test_a_given_date_of_receipt_wins_over_the_events_date(staff, consultation, topic, district, clock):
    workshop = EventFactory(consultation=consultation, district=district, date=clock.now - timedelta(days=6))
    received = clock.now - timedelta(days=2)

    staff.post(
        reverse(ADD),
        analog_data(
            consultation,
            topic,
            channel=Channel.EVENT,
            event=workshop.pk,
            received_at=received.strftime("%Y-%m-%d %H:%M"),
        ),
    )

    assert Proposal.objects.get().created_at == received.replace(second=0, microsecond=0)


def test_a_paper_proposal_without_a_date_is_dated_now(staff, consultation, topic, clock):
    staff.post(reverse(ADD), analog_data(consultation, topic))

    assert Proposal.objects.get().created_at == clock.now


def test_the_form_says_which_date_is_used(staff):
    body = staff.get(reverse(ADD)).content.decode()

    assert "Bei Vorschlägen aus einer Veranstaltung gilt deren Datum, sonst der Zeitpunkt der Erfassung." in body
