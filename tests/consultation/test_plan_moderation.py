"""Moderation works for comments on the plan draft's paragraphs exactly as for comments on proposals: decisions,
reports and auto-hide move the paragraph's counters, the queue shows the paragraph, e-mails link to it; the privacy
export holds them and the comments spreadsheet stays with proposal comments."""

import pytest
from django.core import mail
from django.urls import reverse

from consultation import counters, privacy
from consultation.exports import spreadsheets
from consultation.models import CommentState, ModerationMode, PlanParagraph
from consultation.moderation import queue
from consultation.moderation import services as moderation
from tests import factories
from tests.consultation.factories import CommentFactory
from tests.consultation.plan_support import paragraph_comment

from .moderation_support import mails_to, report, reporters

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counters_agree")]


@pytest.fixture
def paragraph(plan):
    return PlanParagraph.objects.filter(page=plan).order_by("position").first()


@pytest.fixture
def kim(db):
    return factories.UserFactory(email="kim@example.org", display_name="Kim")


@pytest.fixture
def comment(paragraph, kim):
    return paragraph_comment(paragraph, kim, "Ein Kommentar zum Absatz.", proposed_text="Ein neuer Absatz.")


def counts(paragraph) -> tuple[int, int]:
    paragraph.refresh_from_db()
    return paragraph.comment_count, paragraph.amendment_count


def test_hide_and_restore_move_the_paragraphs_counters_and_tell_the_author(
    comment, paragraph, moderator, django_capture_on_commit_callbacks
):
    assert counts(paragraph) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=comment, moderator=moderator, reason="Beleidigend.")
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN and counts(paragraph) == (0, 0)
    assert counters.mismatches() == []
    notice = mails_to("kim@example.org")[-1]
    assert "Absatz 1.1 · Entwurf LIP 4.0" in notice.subject
    assert paragraph.get_absolute_url() + f"#kommentar-{comment.pk}" in notice.body

    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_restore(item=comment, moderator=moderator)
    assert counts(paragraph) == (1, 1) and counters.mismatches() == []
    assert "wieder sichtbar" in mails_to("kim@example.org")[-1].subject


def test_approving_a_pending_paragraph_comment_counts_it(paragraph, kim, moderator, django_capture_on_commit_callbacks):
    paragraph.page.consultation.__class__.objects.filter(pk=paragraph.page.get_parent().pk).update(
        moderation_mode=ModerationMode.PRE
    )
    pending = paragraph_comment(paragraph, kim, "Wartet.", state=CommentState.PENDING)
    assert counts(paragraph) == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_approve(item=pending, moderator=moderator)
    assert counts(paragraph) == (1, 0) and counters.mismatches() == []
    assert "ist veröffentlicht" in mails_to("kim@example.org")[-1].subject


def test_marking_reviewed_keeps_it_counted(comment, paragraph, moderator):
    moderation.item_mark_reviewed(item=comment, moderator=moderator)
    comment.refresh_from_db()
    assert comment.reviewed_by == moderator and counts(paragraph) == (1, 1)


def test_reports_auto_hide_a_paragraph_comment_and_moderators_get_its_link(
    comment, paragraph, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters(3):
            report(comment, reporter)
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN and counts(paragraph) == (0, 0)
    assert counters.mismatches() == []
    to_moderator = [m for m in mail.outbox if m.to == [moderator.email]][-1]
    assert "Absatz 1.1 · Entwurf LIP 4.0" in to_moderator.subject
    assert reverse("moderation-comments:inspect", args=[comment.pk]) in to_moderator.body
    assert f"#kommentar-{comment.pk}" in to_moderator.body
    assert "mehrere Personen haben Ihren Kommentar zu Absatz 1.1" in mails_to("kim@example.org")[-1].body


def test_the_queue_lists_paragraph_comments_with_their_paragraph(staff, comment, plan, consultation_index):
    proposal_comment = CommentFactory(text="Zum Vorschlag.")
    page = staff.get(reverse("moderation-comments:index") + "?todo=1").content.decode()
    assert "Absatz 1.1 · Entwurf LIP 4.0" in page and proposal_comment.proposal.reference in page

    consultation = plan.get_parent()
    filtered = staff.get(reverse("moderation-comments:index") + f"?consultation={consultation.pk}").content.decode()
    assert "Ein Kommentar zum Absatz." in filtered and "Zum Vorschlag." not in filtered

    detail = staff.get(reverse("moderation-comments:inspect", args=[comment.pk])).content.decode()
    assert queue.public_path(comment) in detail and "Ein neuer Absatz." in detail
    assert queue.public_path(comment).endswith(f"/absatz/{comment.paragraph.key}/#kommentar-{comment.pk}")


def test_decisions_through_the_admin_work_on_paragraph_comments(staff, comment, paragraph):
    response = staff.post(reverse("moderation-comments:hide", args=[comment.pk]), {"reason": "Spam."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN and counts(paragraph) == (0, 0)
    staff.post(reverse("moderation-comments:restore", args=[comment.pk]), {"reason": ""})
    comment.refresh_from_db()
    assert comment.state == CommentState.PUBLISHED and counts(paragraph) == (1, 1)


def test_the_privacy_export_holds_paragraph_comments(comment, kim):
    section = privacy.export(kim)
    (row,) = section.tables["kommentare"]
    assert (row["absatz"], row["planentwurf"], row["vorschlag"]) == ("1.1", "Entwurf LIP 4.0", None)
    assert row["vorgeschlagene_formulierung"] == "Ein neuer Absatz."


def test_the_privacy_export_names_reported_paragraph_comments(comment, user):
    report(comment, user)
    (row,) = privacy.export(user).tables["meldungen"]
    assert row["absatz"] == "1.1 · Entwurf LIP 4.0" and row["vorschlag"] is None


def test_the_comments_spreadsheet_holds_only_proposal_comments(comment, consultation_index):
    proposal_comment = CommentFactory()
    assert list(spreadsheets.comment_export_queryset()) == [proposal_comment]
