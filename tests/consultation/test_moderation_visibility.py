"""Pre- and post-moderation: who sees a new proposal or comment, where it is listed and counted, and what approving,
hiding and restoring do to the public figures.

The matrix: moderation mode (pre, post) × viewer (anonymous, another participant, the author, a moderator).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation import permissions, selectors, services
from consultation.models import CommentState, ContentReport, ModerationMode, Proposal, ProposalState
from consultation.moderation import queue as moderation_queue
from consultation.moderation import services as moderation
from tests import factories
from tests.helpers import matrix

VIEWERS = ["anonymous", "participant", "author", "moderator"]
MODES = [ModerationMode.PRE, ModerationMode.POST]

# (mode, viewer) -> whether the viewer sees a new contribution
SEES = {
    (ModerationMode.PRE, "anonymous"): False,
    (ModerationMode.PRE, "participant"): False,
    (ModerationMode.PRE, "author"): True,
    (ModerationMode.PRE, "moderator"): True,
    **{(ModerationMode.POST, viewer): True for viewer in VIEWERS},
}

PENDING_NOTICE = "wartet auf Freigabe"


@pytest.fixture
def people(author, user, moderator):
    return {"anonymous": None, "participant": user, "author": author, "moderator": moderator}


@pytest.fixture
def submit(make_consultation, topic, author):
    def _submit(mode):
        consultation = make_consultation(moderation_mode=mode)
        data = {"title": "Sprachcafé am Samstag", "text": "Auch am Wochenende.", "topic": topic}
        return services.proposal_submit(consultation=consultation, author=author, data=data)

    return _submit


@matrix(MODES, VIEWERS)
def test_a_new_proposal_is_seen_by(case, submit, people, client_for):
    mode, viewer = case
    proposal = submit(mode)

    response = client_for(people[viewer]).get(proposal.get_absolute_url())

    assert response.status_code == (200 if SEES[mode, viewer] else 404)
    if mode == ModerationMode.PRE and SEES[mode, viewer]:
        assert PENDING_NOTICE in response.content.decode()
    if mode == ModerationMode.POST:
        assert PENDING_NOTICE not in response.content.decode()


@pytest.mark.parametrize("mode", MODES)
def test_a_new_proposal_is_listed_and_counted_only_when_published(mode, submit, client_for, author):
    proposal = submit(mode)
    consultation = proposal.consultation
    published = mode == ModerationMode.POST

    assert proposal.state == (ProposalState.PUBLISHED if published else ProposalState.PENDING)
    assert selectors.visible_proposals(consultation).filter(pk=proposal.pk).exists() == published
    assert selectors.consultation_figures(consultation).proposals == (1 if published else 0)
    list_page = client_for(author).get(consultation.url + "vorschlaege/").content.decode()
    assert (proposal.title in list_page) == published


def test_the_author_is_told_that_the_proposal_waits_for_approval(make_consultation, client_for, author, topic):
    consultation = make_consultation(moderation_mode=ModerationMode.PRE)
    client = client_for(author)

    response = client.post(
        consultation.url + "vorschlaege/neu/",
        {"title": "Mehr Bänke", "text": "Am Markt.", "topic": topic.pk},
        follow=True,
    )

    assert "Ihr Vorschlag wartet auf Freigabe durch die Moderation" in response.content.decode()
    assert Proposal.objects.get().state == ProposalState.PENDING


@pytest.mark.parametrize("predicate", [permissions.can_vote, permissions.can_comment])
def test_a_pending_proposal_can_be_neither_voted_for_nor_commented(predicate, submit, user):
    proposal = submit(ModerationMode.PRE)

    assert not predicate(user, proposal)


def test_approving_publishes_the_proposal(submit, moderator, client, django_capture_on_commit_callbacks):
    proposal = submit(ModerationMode.PRE)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_approve(item=proposal, moderator=moderator)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED
    assert (proposal.reviewed_by, proposal.reviewed_at is not None) == (moderator, True)
    assert client.get(proposal.get_absolute_url()).status_code == 200
    assert selectors.consultation_figures(proposal.consultation).proposals == 1


def test_what_moderators_write_is_published_and_reviewed_even_in_pre_moderation(make_consultation, moderator, topic):
    consultation = make_consultation(moderation_mode=ModerationMode.PRE)
    data = {"title": "Hinweis der Stadt", "text": "Bitte beachten.", "topic": topic}

    proposal = services.proposal_submit(consultation=consultation, author=moderator, data=data)

    assert proposal.state == ProposalState.PUBLISHED
    assert proposal.reviewed_by == moderator


# --- Comments ----------------------------------------------------------------------------------------------------


@pytest.fixture
def comment_in(make_consultation, make_proposal, author):
    """`comment_in(mode)`: a comment written by a second participant on a published proposal of a consultation."""
    writer = factories.UserFactory(display_name="Kim Kommentar")

    def _comment(mode):
        consultation = make_consultation(moderation_mode=mode)
        proposal = make_proposal(consultation=consultation)
        comment = services.comment_create(proposal=proposal, author=writer, text="Bitte auch in Vahrenheide.")
        return proposal, comment

    _comment.writer = writer
    return _comment


@matrix(MODES, VIEWERS)
def test_a_new_comment_is_seen_by(case, comment_in, people, client_for):
    mode, viewer = case
    people = {**people, "author": comment_in.writer}
    proposal, _comment = comment_in(mode)

    page = client_for(people[viewer]).get(proposal.get_absolute_url()).content.decode()

    assert ("Bitte auch in Vahrenheide." in page) == SEES[mode, viewer]
    if mode == ModerationMode.PRE and viewer == "author":
        assert PENDING_NOTICE in page


@pytest.mark.parametrize("mode", MODES)
def test_a_comment_is_counted_only_once_published(mode, comment_in):
    proposal, comment = comment_in(mode)

    proposal.refresh_from_db()
    assert comment.state == (CommentState.PENDING if mode == ModerationMode.PRE else CommentState.PUBLISHED)
    assert proposal.comment_count == (0 if mode == ModerationMode.PRE else 1)


def test_approving_a_comment_counts_it(comment_in, moderator, django_capture_on_commit_callbacks):
    proposal, comment = comment_in(ModerationMode.PRE)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_approve(item=comment, moderator=moderator)

    proposal.refresh_from_db()
    assert proposal.comment_count == 1
    assert selectors.consultation_figures(proposal.consultation).comments == 1


def test_a_pending_comment_cannot_be_answered_by_others(comment_in, client_for, user):
    proposal, comment = comment_in(ModerationMode.PRE)

    response = client_for(user).post(
        proposal.get_absolute_url() + "kommentieren/", {"text": "Antwort", "parent": comment.pk}
    )

    assert response.status_code == 400
    assert proposal.comments.count() == 1


# --- Counters through hide, restore and delete ---------------------------------------------------------------------


def test_counters_follow_hide_restore_and_delete(
    make_proposal, council_member, moderator, django_capture_on_commit_callbacks
):
    proposal = make_proposal(district=council_member.council_district)
    statement = services.comment_create(
        proposal=proposal, author=council_member, text="Wir unterstützen das.", as_statement=True
    )

    def counters():
        proposal.refresh_from_db()
        return proposal.comment_count, proposal.statement_count

    assert counters() == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=statement, moderator=moderator, reason="Beleidigend.")
    assert counters() == (0, 0)
    statement.refresh_from_db()
    services.comment_delete(comment=statement, user=moderator)  # deleting a hidden comment: nothing to take away
    assert counters() == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_restore(item=statement, moderator=moderator)
    assert counters() == (0, 0), "a deleted comment stays uncounted when it is restored"


def test_restoring_a_hidden_comment_counts_it_again(make_proposal, user, moderator, django_capture_on_commit_callbacks):
    proposal = make_proposal()
    comment = services.comment_create(proposal=proposal, author=user, text="Das ist ein Test.")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=comment, moderator=moderator, reason="Werbung.")
        moderation.item_restore(item=comment, moderator=moderator, reason="Doch in Ordnung.")

    proposal.refresh_from_db()
    assert proposal.comment_count == 1


# --- The post-moderation queue -------------------------------------------------------------------------------------


def test_post_moderation_puts_new_items_into_the_queue_until_reviewed(
    comment_in, moderator, django_capture_on_commit_callbacks
):
    proposal, comment = comment_in(ModerationMode.POST)
    Proposal.objects.filter(pk=proposal.pk).update(reviewed_at=proposal.created_at)  # the proposal itself is done

    assert moderation_queue.waiting_count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_mark_reviewed(item=comment, moderator=moderator)

    comment.refresh_from_db()
    assert comment.reviewed_by == moderator
    assert comment.state == CommentState.PUBLISHED
    assert moderation_queue.waiting_count() == 0


def test_analog_proposals_entered_by_staff_need_no_review(make_proposal, moderator):
    make_proposal(channel="paper", author=None, author_name="Ayşe", recorded_by=moderator)

    assert moderation_queue.waiting_count() == 0


def test_the_queue_counts_pending_unreviewed_and_reported_items(consultation, make_proposal, moderator):
    make_proposal(state=ProposalState.PENDING)
    make_proposal()  # online, not reviewed
    reviewed = make_proposal(reviewed_at=timezone.now(), reviewed_by=moderator)
    ContentReport.objects.create(proposal=reviewed, reporter=factories.UserFactory(), reason="spam")
    make_proposal(state=ProposalState.WITHDRAWN)

    assert moderation_queue.waiting_count() == 3


def test_the_queue_link_is_in_the_admin(client_for, moderator):
    response = client_for(moderator).get(reverse("moderation-proposals:index") + "?todo=1")

    assert response.status_code == 200
