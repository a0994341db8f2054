"""Official responses: drafting, publishing, and telling the author and the supporters exactly once."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from wagtail.models import ModelLogEntry

from consultation import notifications, tasks
from consultation.models import ProposalState, Response, ResponseState
from consultation.responses.services import response_save, response_signature
from tests import factories
from tests.consultation.factories import ProposalFactory, VoteFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The once-only guards of the e-mails live in the cache; row ids repeat between tests on SQLite."""
    cache.clear()


@pytest.fixture
def supporters(proposal):
    """Two supporters of the proposal, one reading English; and the author supports their own proposal too."""
    english = factories.UserFactory(preferred_language="en", display_name="Grace")
    german = factories.UserFactory(preferred_language="de", display_name="Hakan")
    for person in (english, german, proposal.author):
        VoteFactory(proposal=proposal, user=person)
    return english, german


@pytest.fixture
def publish(moderator, django_capture_on_commit_callbacks):
    """`publish(proposal, **changes)`: save and publish the response as staff, running what happens on commit."""

    def _publish(proposal, *, publish=True, **changes):
        data = {
            "state": ResponseState.ADOPTED,
            "text": "Wird in den LIP übernommen.",
            "department": "Fachbereich Soziales",
        }
        data.update(changes)
        with django_capture_on_commit_callbacks(execute=True):
            return response_save(proposal=proposal, user=moderator, publish=publish, **data)

    return _publish


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def mail_to(person) -> EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    return message


# --- Who is told, and how often --------------------------------------------------------------------------------


def test_publishing_tells_the_author_and_every_supporter_exactly_once(publish, proposal, author, supporters):
    english, german = supporters

    publish(proposal)

    assert recipients() == sorted([author.email, english.email, german.email])


def test_each_person_reads_the_response_in_their_language(publish, proposal, author, supporters):
    english, german = supporters

    publish(proposal)

    to_english = mail_to(english)
    assert "adopted into the LIP" in to_english.body
    assert to_english.body.startswith("Hello,")
    to_german = mail_to(german)
    assert "in den LIP übernommen" in to_german.body
    assert to_german.body.startswith("Guten Tag,")
    assert "Wird in den LIP übernommen." in to_german.body
    assert "Fachbereich Soziales" in to_german.body
    assert proposal.reference in to_german.subject


def test_the_author_is_addressed_as_author_and_supporters_as_supporters(publish, proposal, author, supporters):
    _english, german = supporters

    publish(proposal)

    assert "auf Ihren Vorschlag" in mail_to(author).body
    assert "den Sie unterstützen" in mail_to(german).body
    assert proposal.get_absolute_url() in mail_to(german).body


def test_saving_an_unchanged_response_again_sends_nothing(publish, proposal, supporters):
    publish(proposal)
    mail.outbox.clear()

    publish(proposal)

    assert mail.outbox == []


def test_changing_the_state_tells_everyone_once_more(publish, proposal, author, supporters):
    english, german = supporters
    publish(proposal, state=ResponseState.UNDER_REVIEW)
    mail.outbox.clear()

    publish(proposal, state=ResponseState.PARTLY_ADOPTED)

    assert recipients() == sorted([author.email, english.email, german.email])
    assert "teilweise übernommen" in mail_to(german).body
    assert "geändert" in mail_to(german).body


def test_a_changed_reasoning_is_announced_too(publish, proposal, author):
    publish(proposal)
    mail.outbox.clear()

    publish(proposal, text="Wird im Handlungsfeld Sprache umgesetzt.")

    assert recipients() == [author.email]


def test_a_draft_tells_nobody_until_it_is_published(publish, proposal, author, supporters):
    publish(proposal, publish=False)
    assert mail.outbox == []

    publish(proposal)

    assert len(mail.outbox) == 3


def test_taking_a_response_back_and_publishing_it_unchanged_sends_nothing_new(publish, proposal, supporters):
    publish(proposal)
    mail.outbox.clear()

    publish(proposal, publish=False)
    publish(proposal)

    assert mail.outbox == []


def test_people_who_do_not_want_these_emails_get_none(publish, proposal, author, supporters):
    english, german = supporters
    author.notify_responses = False
    author.save()

    publish(proposal)

    assert recipients() == sorted([english.email, german.email])


def test_an_analog_proposal_without_account_tells_its_supporters(publish, consultation, topic):
    paper = ProposalFactory(consultation=consultation, topic=topic, analog=True)
    supporter = factories.UserFactory()
    VoteFactory(proposal=paper, user=supporter)

    publish(paper)

    assert recipients() == [supporter.email]


# --- What is stored --------------------------------------------------------------------------------------------


def test_publishing_sets_the_date_and_records_who(publish, proposal, moderator, clock):
    response = publish(proposal)

    assert response.published_at == clock.now
    assert response.updated_by == moderator
    assert response.notified_signature == response_signature(
        state=response.state, text=response.text, department=response.department
    )
    actions = set(ModelLogEntry.objects.filter(object_id=str(response.pk)).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}


def test_unpublishing_takes_the_response_off_the_page(publish, proposal):
    publish(proposal)

    response = publish(proposal, publish=False)

    assert response.published_at is None
    assert Response.objects.get().published_at is None


def test_not_adopted_without_a_reasoning_is_refused_and_nothing_is_stored(publish, proposal, supporters):
    with pytest.raises(ValidationError) as refused:
        publish(proposal, state=ResponseState.NOT_ADOPTED, text="   ")

    assert "text" in refused.value.error_dict
    assert not Response.objects.exists()
    assert mail.outbox == []


def test_not_adopted_with_a_reasoning_is_published(publish, proposal):
    response = publish(proposal, state=ResponseState.NOT_ADOPTED, text="Dafür ist das Land zuständig.")

    assert response.state == ResponseState.NOT_ADOPTED and response.is_published


def test_a_state_that_does_not_exist_is_refused_and_nothing_changes(publish, proposal):
    publish(proposal, state=ResponseState.UNDER_REVIEW)
    mail.outbox.clear()

    with pytest.raises(ValidationError) as refused:
        publish(proposal, state="approved_by_mayor")

    assert "state" in refused.value.error_dict
    assert Response.objects.get().state == ResponseState.UNDER_REVIEW
    assert mail.outbox == []


def test_a_hidden_proposal_gets_a_draft_but_no_published_response(publish, make_proposal):
    hidden = make_proposal(state=ProposalState.HIDDEN)

    with pytest.raises(ValidationError):
        publish(hidden)
    draft = publish(hidden, publish=False)

    assert not draft.is_published


def test_participants_cannot_answer(proposal, user):
    with pytest.raises(PermissionDenied):
        response_save(proposal=proposal, user=user, state=ResponseState.ADOPTED, text="", department="", publish=True)

    assert not Response.objects.exists()


# --- Failures and stale tasks ----------------------------------------------------------------------------------


def test_a_failing_mail_server_does_not_lose_the_published_response(publish, proposal, supporters, monkeypatch):
    def broken_send(message, *args, **kwargs):
        raise SMTPException("421 service not available")

    monkeypatch.setattr(EmailMessage, "send", broken_send)

    response = publish(proposal)  # no error reaches the person who published

    stored = Response.objects.get(pk=response.pk)
    assert stored.is_published
    assert stored.notified_signature == response.notified_signature


def test_a_retry_after_a_failure_sends_the_rest_and_nobody_twice(publish, proposal, author, supporters, monkeypatch):
    response = publish(proposal)  # announced: three e-mails
    mail.outbox.clear()
    cache.clear()  # start the announcement afresh, as the task would run it
    real_send = EmailMessage.send
    calls = {"n": 0}

    def send_failing_second(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SMTPException("451 temporary failure")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send_failing_second)

    with pytest.raises(SMTPException):
        notifications.response_notify(response_id=response.pk, signature=response.notified_signature)
    assert len(mail.outbox) == 1
    notifications.response_notify(response_id=response.pk, signature=response.notified_signature)  # the retry

    assert recipients() == sorted([author.email, *(p.email for p in supporters)])


def test_mail_tasks_retry_on_mail_server_and_network_errors():
    for task in (tasks.notify_response_published, tasks.send_council_digest):
        assert {SMTPException, OSError} <= set(task.autoretry_for)
        assert task.retry_backoff


def test_a_task_for_an_outdated_version_sends_nothing(publish, proposal, supporters):
    first = publish(proposal)
    old_signature = first.notified_signature
    publish(proposal, state=ResponseState.FORWARDED)
    mail.outbox.clear()

    sent = notifications.response_notify(response_id=first.pk, signature=old_signature)

    assert sent == 0
    assert mail.outbox == []


def test_running_the_same_task_twice_sends_each_mail_once(publish, proposal, supporters):
    response = publish(proposal)
    mail.outbox.clear()

    # as if the worker had crashed after sending and the broker delivered the task again
    sent = notifications.response_notify(response_id=response.pk, signature=response.notified_signature)

    assert sent == 0
    assert mail.outbox == []
