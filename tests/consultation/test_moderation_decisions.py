"""Decisions with reasons: hide, restore, approve, mark reviewed, block and unblock.

Each is recorded (who, when, why) in Wagtail's audit log and shown in the item's history; the person concerned is told
by e-mail in their language; a failing mail server neither loses nor undoes the decision.
"""

from smtplib import SMTPException

import pytest
from celery.exceptions import Retry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from consultation import mail, tasks
from consultation.models import CommentState, ContentReport, ModerationMode, Proposal, ProposalState
from consultation.moderation import services as moderation
from consultation.moderation.services import LogAction
from tests import factories

from .moderation_support import mails_to


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("451 try again later")


@pytest.fixture
def kim(db):
    return factories.UserFactory(email="kim@example.org", display_name="Kim")


@pytest.fixture
def comment(proposal, make_comment, kim):
    return make_comment(proposal, author=kim, text="Kauft alle bei meinem Laden ein!")


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """`decide(service, **kwargs)`: call a moderation service and run what it left for after the commit (the mails)."""

    def _decide(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return _decide


# --- Hide --------------------------------------------------------------------------------------------------------


def test_hiding_records_who_when_and_why_and_tells_the_author(comment, moderator, kim, decide):
    decide(moderation.item_hide, item=comment, moderator=moderator, reason="Werbung für ein Geschäft.")

    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert comment.reviewed_by == moderator
    entry = ModelLogEntry.objects.get(action=LogAction.HIDE)
    assert (entry.object_id, entry.user, entry.data["reason"]) == (
        str(comment.pk),
        moderator,
        "Werbung für ein Geschäft.",
    )
    notice = mails_to(kim.email)
    assert len(notice) == 1
    assert "ausgeblendet" in notice[0].subject
    assert "Werbung für ein Geschäft." in notice[0].body


@pytest.mark.parametrize("reason", ["", "   "])
def test_hiding_without_a_reason_is_refused(reason, comment, moderator):
    with pytest.raises(ValidationError):
        moderation.item_hide(item=comment, moderator=moderator, reason=reason)

    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED
    assert not ModelLogEntry.objects.filter(action=LogAction.HIDE).exists()


def test_the_hide_form_requires_a_reason(comment, staff):
    response = staff.post(reverse("moderation-comments:hide", args=[comment.pk]), {"reason": ""})

    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund an." in response.content.decode()
    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED


def test_hiding_through_the_admin(comment, staff, kim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("moderation-comments:hide", args=[comment.pk]), {"reason": "Werbung."})

    assert response.status_code == 302
    assert response["Location"] == reverse("moderation-comments:inspect", args=[comment.pk])
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert len(mails_to(kim.email, containing="Werbung.")) == 1


def test_the_reason_shows_in_wagtails_history_view(comment, moderator, staff, decide):
    decide(moderation.item_hide, item=comment, moderator=moderator, reason="Beleidigend gegenüber Nachbarn.")

    page = staff.get(reverse("moderation-comments:history", args=[comment.pk])).content.decode()

    assert "Durch die Moderation ausgeblendet" in page
    assert "Beleidigend gegenüber Nachbarn." in page


def test_the_author_is_told_in_their_language(comment, moderator, kim, monkeypatch, decide):
    kim.preferred_language = "en"
    kim.save()
    languages = []
    render = mail.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return render(*args, **kwargs)

    monkeypatch.setattr(mail, "render_to_string", spy)

    decide(moderation.item_hide, item=comment, moderator=moderator, reason="Spam.")

    assert languages == ["en", "en"]  # subject and body
    assert translation.get_language() == "de"


@pytest.mark.parametrize("service", ["hide", "restore", "approve"])
def test_authors_who_do_not_want_moderation_mails_get_none(
    service, make_consultation, make_proposal, kim, moderator, decide
):
    kim.notify_moderation = False
    kim.save()
    state = {"hide": ProposalState.PUBLISHED, "restore": ProposalState.HIDDEN, "approve": ProposalState.PENDING}[
        service
    ]
    item = make_proposal(author=kim, state=state)
    call = {"hide": moderation.item_hide, "restore": moderation.item_restore, "approve": moderation.item_approve}[
        service
    ]

    decide(call, item=item, moderator=moderator, reason="Grund.")

    assert mails_to(kim.email) == []
    assert ModelLogEntry.objects.filter(object_id=str(item.pk), user=moderator).count() == 1


# --- Restore, approve, review ----------------------------------------------------------------------------------------


def test_restoring_tells_the_author_and_is_logged(comment, moderator, kim, decide):
    decide(moderation.item_hide, item=comment, moderator=moderator, reason="Spam?")
    decide(moderation.item_restore, item=comment, moderator=moderator, reason="Doch kein Spam.")

    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(comment.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [LogAction.HIDE, LogAction.RESTORE]
    assert "wieder sichtbar" in mails_to(kim.email)[-1].subject


def test_approving_through_the_admin_publishes_and_tells_the_author(
    make_consultation, make_proposal, kim, staff, django_capture_on_commit_callbacks
):
    pending = make_proposal(
        consultation=make_consultation(moderation_mode=ModerationMode.PRE), author=kim, state=ProposalState.PENDING
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("moderation-proposals:approve", args=[pending.pk]), {"reason": ""})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ProposalState.PUBLISHED
    assert "ist veröffentlicht" in mails_to(kim.email)[0].subject


def test_a_decision_that_no_longer_applies_is_refused_with_a_message(comment, staff):
    response = staff.post(reverse("moderation-comments:approve", args=[comment.pk]), {"reason": ""}, follow=True)

    assert "Nur Beiträge, die auf Freigabe warten, können freigegeben werden." in response.content.decode()
    assert not ModelLogEntry.objects.filter(action=LogAction.APPROVE).exists()


def test_marking_reviewed_resolves_open_reports_and_sends_nothing(comment, moderator, kim, decide):
    ContentReport.objects.create(comment=comment, reporter=factories.UserFactory(), reason="off_topic")

    decide(moderation.item_mark_reviewed, item=comment, moderator=moderator)

    assert ContentReport.objects.get().resolved_by == moderator
    assert mails_to(kim.email) == []
    with pytest.raises(PermissionDenied, match="bereits geprüft"):
        moderation.item_mark_reviewed(item=comment, moderator=moderator)


def test_participants_cannot_decide(comment, user):
    with pytest.raises(PermissionDenied):
        moderation.item_hide(item=comment, moderator=user, reason="Ich mag das nicht.")

    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED


# --- Mail failures -------------------------------------------------------------------------------------------------


def test_a_failing_mail_server_does_not_undo_the_decision(
    comment, moderator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moderation.item_hide(item=comment, moderator=moderator, reason="Werbung.")

    assert len(callbacks) == 1
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert ModelLogEntry.objects.filter(action=LogAction.HIDE, object_id=str(comment.pk)).exists()


def test_the_mail_task_retries_and_sends_once_the_server_is_back(comment, moderator, kim, settings, decide):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    decide(moderation.item_hide, item=comment, moderator=moderator, reason="Werbung.")
    entry = ModelLogEntry.objects.get(action=LogAction.HIDE)
    with pytest.raises(Retry):
        tasks.send_moderation_notice.delay(entry.pk)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.send_moderation_notice.delay(entry.pk).get() is True
    assert tasks.send_moderation_notice.delay(entry.pk).get() is False, "a second run sends nothing"
    assert len(mails_to(kim.email)) == 1


@pytest.mark.parametrize("task", [tasks.send_moderation_notice, tasks.notify_moderators_of_report])
def test_mail_tasks_retry_on_mail_server_errors(task):
    assert SMTPException in task.autoretry_for and OSError in task.autoretry_for
    assert task.max_retries >= 3
    assert task.retry_backoff


# --- Blocking ----------------------------------------------------------------------------------------------------


def test_blocking_records_the_reason_and_always_tells_the_person(kim, moderator, decide):
    kim.notify_moderation = False
    kim.save()

    decide(moderation.user_block, user=kim, moderator=moderator, reason="Wiederholt Werbung.")

    kim.refresh_from_db()
    assert kim.is_blocked
    assert (kim.blocked_by, kim.blocked_reason) == (moderator, "Wiederholt Werbung.")
    entry = ModelLogEntry.objects.get(action=LogAction.BLOCK)
    assert (entry.object_id, entry.user, entry.data["reason"]) == (str(kim.pk), moderator, "Wiederholt Werbung.")
    notice = mails_to(kim.email)
    assert len(notice) == 1
    assert "gesperrt" in notice[0].subject
    assert "Wiederholt Werbung." in notice[0].body


def test_blocking_requires_a_reason(kim, moderator, staff):
    response = staff.post(reverse("moderation-people:block", args=[kim.pk]), {"reason": ""})

    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund an." in response.content.decode()
    kim.refresh_from_db()
    assert not kim.is_blocked


def test_staff_accounts_cannot_be_blocked(moderator):
    colleague = factories.UserFactory(is_staff=True)

    with pytest.raises(PermissionDenied):
        moderation.user_block(user=colleague, moderator=moderator, reason="Test")
    with pytest.raises(PermissionDenied):
        moderation.user_block(user=moderator, moderator=moderator, reason="Test")


def test_unblocking(kim, moderator, staff, django_capture_on_commit_callbacks):
    moderation.user_block(user=kim, moderator=moderator, reason="Spam.")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("moderation-people:unblock", args=[kim.pk]), {"reason": ""})

    assert response.status_code == 302
    kim.refresh_from_db()
    assert not kim.is_blocked
    assert ModelLogEntry.objects.filter(action=LogAction.UNBLOCK, object_id=str(kim.pk), user=moderator).exists()
    assert "wieder freigeschaltet" in mails_to(kim.email)[-1].subject


@pytest.fixture
def blocked(kim, moderator):
    return moderation.user_block(user=kim, moderator=moderator, reason="Spam.")


def test_a_blocked_person_can_still_read(blocked, proposal, client_for):
    response = client_for(blocked).get(proposal.get_absolute_url())

    assert response.status_code == 200
    assert "Ihr Konto ist gesperrt" in response.content.decode()


@pytest.mark.parametrize("action", ["submit", "comment", "report"])
def test_a_blocked_person_cannot_post_comment_or_report(action, blocked, proposal, topic, client_for):
    client = client_for(blocked)
    counts_before = (Proposal.objects.count(), proposal.comments.count(), ContentReport.objects.count())
    url, data = {
        "submit": (proposal.consultation.url + "vorschlaege/neu/", {"title": "Neu", "text": "Text", "topic": topic.pk}),
        "comment": (proposal.get_absolute_url() + "kommentieren/", {"text": "Hallo"}),
        "report": (proposal.get_absolute_url() + "melden/", {"reason": "spam"}),
    }[action]

    response = client.post(url, data)

    assert response.status_code == 403
    assert "Ihr Konto ist gesperrt" in response.content.decode()
    assert (Proposal.objects.count(), proposal.comments.count(), ContentReport.objects.count()) == counts_before


def test_a_blocked_person_cannot_vote(blocked, make_proposal, client_for, clock):
    proposal = make_proposal()
    clock.travel("voting")

    response = client_for(blocked).post(proposal.get_absolute_url() + "stimme/")

    assert response.status_code == 403
    assert "Ihr Konto ist gesperrt" in response.content.decode()
    assert not proposal.votes.exists()
