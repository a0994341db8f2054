"""Issue 13, item 7: the moderation queue lists auto-hidden items first, then items with open reports, then items
waiting for approval, then the rest (newest first within each group)."""

from datetime import timedelta

from django.urls import reverse

from consultation.models import CommentState, ProposalState
from consultation.moderation import services as moderation
from tests import factories

from .factories import CommentFactory, ProposalFactory


def report(item, times=1):
    for _ in range(times):
        moderation.report_create(reporter=factories.UserFactory(), item=item, reason="spam")


def order_in(body: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=body.index)


def test_the_proposal_queue_puts_auto_hidden_and_reported_proposals_first(staff, consultation, clock, settings):
    settings.LIP_REPORT_THRESHOLD = 2
    old = clock.now - timedelta(days=3)
    auto_hidden = ProposalFactory(consultation=consultation, title="Zuerst automatisch ausgeblendet", created_at=old)
    reported = ProposalFactory(consultation=consultation, title="Dann gemeldet", created_at=old)
    waiting = ProposalFactory(
        consultation=consultation, title="Dann wartend", state=ProposalState.PENDING, created_at=old
    )
    newest = ProposalFactory(consultation=consultation, title="Zuletzt neu und ungeprüft")
    report(auto_hidden, times=2)
    report(reported)
    auto_hidden.refresh_from_db()
    assert auto_hidden.state == ProposalState.HIDDEN

    body = staff.get(reverse("moderation-proposals:index")).content.decode()

    titles = [p.title for p in (auto_hidden, reported, waiting, newest)]
    assert order_in(body, titles) == titles


def test_the_comment_queue_puts_reported_comments_first(staff, proposal, clock):
    reported = CommentFactory(
        proposal=proposal, text="Gemeldeter alter Kommentar", created_at=clock.now - timedelta(days=2)
    )
    CommentFactory(proposal=proposal, text="Neuer Kommentar", state=CommentState.PUBLISHED)
    report(reported)

    body = staff.get(reverse("moderation-comments:index")).content.decode()

    assert body.index("Gemeldeter alter Kommentar") < body.index("Neuer Kommentar")


def test_sorting_by_a_column_still_works(staff, consultation, clock):
    ProposalFactory(consultation=consultation, title="Alpha")
    ProposalFactory(consultation=consultation, title="Beta")

    response = staff.get(reverse("moderation-proposals:index") + "?ordering=created_at")

    assert response.status_code == 200
