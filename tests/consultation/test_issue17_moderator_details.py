"""Issue 17, moderators: the analog entry dates a proposal at its event, and saving an unchanged response says that
nobody was notified."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultation.models import Channel, EventKind, ResponseState
from tests import factories
from tests.consultation.factories import EventFactory, VoteFactory

from .test_admin_proposals import ADD, analog_data
from .test_responses_admin import answer


def shown_date(form) -> str:
    return form["received_at"].as_widget()


def local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


# --- Analog entry: the event's date is the default ------------------------------------------------------------


def test_opened_for_an_event_the_form_takes_its_consultation_channel_and_date(staff, consultation, district, clock):
    held = clock.now - timedelta(days=3, hours=2)
    workshop = EventFactory(consultation=consultation, district=district, date=held)

    form = staff.get(reverse(ADD), {"event": workshop.pk}).context["form"]

    assert form["consultation"].value() == consultation.pk
    assert form["channel"].value() == Channel.EVENT
    assert local(held) in shown_date(form)


def test_a_council_meeting_defaults_to_the_council_meeting_channel(staff, consultation, district, clock):
    meeting = EventFactory(
        consultation=consultation, district=district, kind=EventKind.COUNCIL_MEETING, date=clock.now - timedelta(days=1)
    )

    form = staff.get(reverse(ADD), {"event": meeting.pk}).context["form"]

    assert form["channel"].value() == Channel.COUNCIL_MEETING


def test_an_event_still_to_come_defaults_to_now_not_to_a_future_date(staff, consultation, district, clock):
    coming = EventFactory(consultation=consultation, district=district, date=clock.now + timedelta(days=5))

    form = staff.get(reverse(ADD), {"event": coming.pk}).context["form"]

    assert local(clock.now) in shown_date(form)


def test_a_date_given_in_the_url_wins_over_the_events(staff, consultation, district, clock):
    workshop = EventFactory(consultation=consultation, district=district, date=clock.now - timedelta(days=3))

    form = staff.get(reverse(ADD), {"event": workshop.pk, "received_at": "2026-03-14 10:00"}).context["form"]

    assert form["received_at"].value() == "2026-03-14 10:00"


@pytest.mark.parametrize("event", ["abc", "999999", "1; drop"])
def test_an_unknown_event_in_the_url_is_ignored(staff, db, event):
    page = staff.get(reverse(ADD), {"event": event})

    assert page.status_code == 200
    assert not page.context["form"]["received_at"].value()


def test_re_rendered_after_choosing_the_event_the_form_shows_its_date(staff, consultation, topic, district, clock):
    held = clock.now - timedelta(days=6, hours=3)
    workshop = EventFactory(consultation=consultation, district=district, date=held)

    # No JavaScript: the event was chosen, the title is still missing; the form comes back with the event's date.
    page = staff.post(
        reverse(ADD), analog_data(consultation, topic, channel=Channel.EVENT, event=workshop.pk, title="")
    )

    assert page.status_code == 200
    assert local(held) in shown_date(page.context["form"])


def test_re_rendered_the_form_keeps_a_date_that_was_typed(staff, consultation, topic, district, clock):
    workshop = EventFactory(consultation=consultation, district=district, date=clock.now - timedelta(days=6))
    data = analog_data(
        consultation, topic, channel=Channel.EVENT, event=workshop.pk, title="", received_at="2026-01-02 09:30"
    )

    page = staff.post(reverse(ADD), data)

    assert page.context["form"]["received_at"].value() == "2026-01-02 09:30"


# --- Responses: saving what is already there tells nobody, and says so ----------------------------------------


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_says_how_many_people_are_notified(staff, proposal, author, django_capture_on_commit_callbacks):
    VoteFactory(proposal=proposal, user=factories.UserFactory())

    response = answer(staff, proposal, django_capture_on_commit_callbacks)

    [text] = message_texts(response)
    assert "ist veröffentlicht" in text and "benachrichtigt werden: 2" in text
    assert len(mail.outbox) == 2


def test_saving_a_published_response_unchanged_says_nobody_was_notified(
    staff, proposal, author, django_capture_on_commit_callbacks
):
    answer(staff, proposal, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    response = answer(staff, proposal, django_capture_on_commit_callbacks)

    assert message_texts(response)[-1].startswith("Nichts geändert – niemand wurde benachrichtigt.")
    assert mail.outbox == []


def test_saving_a_draft_unchanged_says_nobody_was_notified(staff, proposal, django_capture_on_commit_callbacks):
    answer(staff, proposal, django_capture_on_commit_callbacks, action="draft")

    response = answer(staff, proposal, django_capture_on_commit_callbacks, action="draft")

    assert message_texts(response)[-1].startswith("Nichts geändert – niemand wurde benachrichtigt.")


def test_a_changed_response_is_announced_again(staff, proposal, author, django_capture_on_commit_callbacks):
    answer(staff, proposal, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    response = answer(
        staff, proposal, django_capture_on_commit_callbacks, state=ResponseState.PARTLY_ADOPTED, text="Zum Teil."
    )

    assert "benachrichtigt werden: 1" in message_texts(response)[-1]
    assert [m.to[0] for m in mail.outbox] == [author.email]


def test_republishing_the_same_content_notifies_nobody_and_says_so(
    staff, proposal, author, django_capture_on_commit_callbacks
):
    answer(staff, proposal, django_capture_on_commit_callbacks)
    answer(staff, proposal, django_capture_on_commit_callbacks, action="draft")
    mail.outbox.clear()

    response = answer(staff, proposal, django_capture_on_commit_callbacks)

    assert "niemand wurde benachrichtigt" in message_texts(response)[-1]
    assert mail.outbox == []


def test_the_event_page_leads_to_the_entry_form_for_its_proposals(staff, consultation, district):
    workshop = EventFactory(consultation=consultation, district=district)

    html = staff.get(reverse("consultation-events:edit", args=[workshop.pk])).content.decode()

    assert f'href="{reverse(ADD)}?event={workshop.pk}"' in html
    assert "Vorschläge aus dieser Veranstaltung erfassen" in html
