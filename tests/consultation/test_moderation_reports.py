"""Reports (flags): once per person and item, never one's own, only what is public; at the threshold the item is
hidden pending review; every moderator gets one e-mail per report; restoring keeps the report history."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultation import permissions
from consultation.models import CommentState, ContentReport, ModerationMode, ProposalState
from consultation.moderation import services as moderation
from consultation.moderation.services import LogAction
from lip.roles import Role
from tests import factories

from .moderation_support import mails_to, report, reporters


@pytest.fixture
def moderators(db):
    """Two moderators who want report e-mails, one who does not, one whose account is inactive."""
    return {
        "mona": factories.UserFactory(roles=[Role.MODERATOR], is_staff=True, email="mona@stadt.example"),
        "moritz": factories.UserFactory(roles=[Role.MODERATOR], is_staff=True, email="moritz@stadt.example"),
        "quiet": factories.UserFactory(
            roles=[Role.MODERATOR], is_staff=True, notify_reports=False, email="still@stadt.example"
        ),
        "gone": factories.UserFactory(
            roles=[Role.MODERATOR], is_staff=True, is_active=False, email="weg@stadt.example"
        ),
    }


@pytest.fixture
def comment(proposal, make_comment):
    return make_comment(proposal, author=factories.UserFactory(email="kim@example.org", display_name="Kim"))


# --- The threshold -----------------------------------------------------------------------------------------------


def test_two_reports_leave_the_comment_visible_the_third_hides_it_and_moderators_hear_of_each_once(
    comment, moderators, django_capture_on_commit_callbacks
):
    first, second, third = reporters(3)

    with django_capture_on_commit_callbacks(execute=True):
        report(comment, first, "spam")
        report(comment, second, "offensive", "Beleidigt eine Gruppe.")
    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        report(comment, third, "offensive")
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN

    for key in ("mona", "moritz"):
        received = [m for m in mail.outbox if m.to == [moderators[key].email]]
        assert len(received) == 3, "one e-mail per report, no duplicates"
        assert len({m.body for m in received}) == 3
    assert not [m for m in mail.outbox if m.to == [moderators["quiet"].email]]
    assert not [m for m in mail.outbox if m.to == [moderators["gone"].email]]
    last = [m for m in mail.outbox if m.to == [moderators["mona"].email]][-1]
    assert "vorläufig ausgeblendet" in last.subject
    assert reverse("moderation-comments:inspect", args=[comment.pk]) in last.body


def test_the_auto_hide_is_logged_and_the_author_is_told(comment, moderators, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(comment, reporter)

    entry = ModelLogEntry.objects.get(action=LogAction.AUTO_HIDE, object_id=str(comment.pk))
    assert entry.user is None
    assert entry.data["reports"] == 3
    notices = mails_to("kim@example.org")
    assert len(notices) == 1
    assert "mehrere Personen haben Ihren Kommentar" in notices[0].body


def test_reports_of_a_proposal_hide_it_at_the_threshold(proposal, moderators, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(proposal, reporter, "personal_data")

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.HIDDEN
    assert len([m for m in mail.outbox if m.to == [moderators["moritz"].email]]) == 3


def test_the_threshold_is_a_setting(comment, settings, django_capture_on_commit_callbacks):
    settings.LIP_REPORT_THRESHOLD = 1

    with django_capture_on_commit_callbacks(execute=True):
        report(comment, factories.UserFactory())

    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN


def test_after_a_restore_only_new_reports_count(comment, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(comment, reporter)
        moderation.item_restore(item=comment, moderator=moderator, reason="Kritik, aber sachlich.")
        report(comment, factories.UserFactory())
        report(comment, factories.UserFactory())

    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED, "two open reports after the restore: below the threshold"


# --- Refusals ----------------------------------------------------------------------------------------------------


def test_reporting_twice_is_refused_and_changes_nothing(comment, user, client_for, django_capture_on_commit_callbacks):
    client = client_for(user)
    url = comment.proposal.consultation.url + f"kommentare/{comment.pk}/melden/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"reason": "spam"})
    outbox = len(mail.outbox)

    second = client.post(url, {"reason": "offensive"})

    assert first.status_code == 302
    assert second.status_code == 403
    assert "Sie haben diesen Beitrag bereits gemeldet" in second.content.decode()
    assert ContentReport.objects.filter(comment=comment).count() == 1
    assert len(mail.outbox) == outbox


def test_a_lost_race_is_caught_by_the_unique_constraint(comment, user, monkeypatch):
    report(comment, user)
    monkeypatch.setattr(permissions, "can_report", lambda *args, **kwargs: permissions.ALLOWED)

    with pytest.raises(PermissionDenied, match="bereits gemeldet"):
        report(comment, user)

    assert ContentReport.objects.filter(comment=comment).count() == 1


def test_reporting_ones_own_proposal_is_refused(proposal, author):
    with pytest.raises(PermissionDenied, match="eigenen Beiträge"):
        report(proposal, author)
    assert not ContentReport.objects.exists()


@pytest.mark.parametrize("state", [CommentState.HIDDEN, CommentState.PENDING])
def test_reporting_a_hidden_or_pending_comment_is_refused(state, comment, user):
    comment.state = state
    comment.save()

    with pytest.raises(PermissionDenied, match=r"ausgeblendet|Freigabe"):
        report(comment, user)
    assert not ContentReport.objects.exists()


def test_a_hidden_comment_cannot_even_be_reached_for_reporting(comment, user, client_for):
    comment.state = CommentState.HIDDEN
    comment.save()
    url = comment.proposal.consultation.url + f"kommentare/{comment.pk}/melden/"

    response = client_for(user).post(url, {"reason": "spam"})

    assert response.status_code == 404
    assert not ContentReport.objects.exists()


def test_a_pending_proposal_of_someone_else_cannot_be_reported(make_proposal, user, client_for):
    pending = make_proposal(state=ProposalState.PENDING)

    response = client_for(user).post(pending.get_absolute_url() + "melden/", {"reason": "spam"})

    assert response.status_code == 404
    assert not ContentReport.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(proposal, client):
    response = client.post(proposal.get_absolute_url() + "melden/", {"reason": "spam"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ContentReport.objects.exists()


def test_an_unconfirmed_address_is_refused(proposal, unverified_user, client_for):
    response = client_for(unverified_user).post(proposal.get_absolute_url() + "melden/", {"reason": "spam"})

    assert response.status_code == 403
    assert "bestätigen Sie zuerst Ihre E-Mail-Adresse" in response.content.decode()
    assert not ContentReport.objects.exists()


def test_a_reason_outside_the_list_is_refused(proposal, user, client_for):
    response = client_for(user).post(proposal.get_absolute_url() + "melden/", {"reason": "boring", "text": "x"})

    assert response.status_code == 400
    assert "Bitte wählen Sie einen Grund aus der Liste." in response.content.decode()
    assert not ContentReport.objects.exists()


# --- The form and the buttons ---------------------------------------------------------------------------------------


def test_the_report_form_offers_the_reasons(proposal, user, client_for):
    page = client_for(user).get(proposal.get_absolute_url() + "melden/").content.decode()

    for label in (
        "Werbung oder Spam",
        "beleidigend oder diskriminierend",
        "gehört nicht zum Thema",
        "enthält persönliche Daten",
    ):
        assert label in page


def test_a_report_through_the_form_is_stored_with_reason_and_text(
    proposal, user, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            proposal.get_absolute_url() + "melden/",
            {"reason": "personal_data", "text": "Enthält eine Telefonnummer."},
            follow=True,
        )

    stored = ContentReport.objects.get()
    assert (stored.proposal, stored.reporter, stored.reason, stored.text) == (
        proposal,
        user,
        "personal_data",
        "Enthält eine Telefonnummer.",
    )
    assert "Danke für Ihre Meldung" in response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "shown"), [("anonymous", False), ("author", False), ("participant", True), ("reported", False)]
)
def test_the_report_links_are_shown_only_when_reporting_is_possible(
    viewer, shown, proposal, make_comment, author, user, client_for
):
    comment = make_comment(proposal, author=author)
    person = {"anonymous": None, "author": author, "participant": user, "reported": user}[viewer]
    if viewer == "reported":
        ContentReport.objects.create(proposal=proposal, reporter=user, reason="spam")
        ContentReport.objects.create(comment=comment, reporter=user, reason="spam")

    page = client_for(person).get(proposal.get_absolute_url()).content.decode()

    assert ("Vorschlag melden" in page) == shown
    assert (f"kommentare/{comment.pk}/melden/" in page) == shown


def test_a_proposal_hidden_by_the_third_report_sends_its_reporter_back_to_the_list(
    proposal, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(2):
            report(proposal, reporter)
    third = factories.UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(third).post(proposal.get_absolute_url() + "melden/", {"reason": "spam"})

    assert response.status_code == 302
    assert response["Location"].endswith("/vorschlaege/")


# --- Restoring keeps the history -----------------------------------------------------------------------------------


def test_restoring_keeps_the_reports_marked_as_dealt_with(
    comment, moderator, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(comment, reporter, "off_topic", "Passt nicht.")
        moderation.item_restore(item=comment, moderator=moderator, reason="Sachliche Kritik, bleibt stehen.")

    reports = ContentReport.objects.filter(comment=comment)
    assert reports.count() == 3
    assert all(r.resolved_at is not None and r.resolved_by == moderator for r in reports)
    page = client_for(moderator).get(reverse("moderation-comments:inspect", args=[comment.pk])).content.decode()
    assert page.count("Passt nicht.") == 3
    assert "Sachliche Kritik, bleibt stehen." in page
    assert "Nach Meldungen automatisch ausgeblendet" in page
    assert "Durch die Moderation wiederhergestellt" in page


def test_reports_in_pre_moderated_consultations_work_the_same(
    make_consultation, make_proposal, django_capture_on_commit_callbacks
):
    consultation = make_consultation(moderation_mode=ModerationMode.PRE)
    published = make_proposal(consultation=consultation)

    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(published, reporter)

    published.refresh_from_db()
    assert published.state == ProposalState.HIDDEN
