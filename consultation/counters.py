"""Stored counters of proposals and plan paragraphs: moved with the rows they count, and compared with them (used by
`manage.py check_counters` and the tests).

`Proposal.online_votes` counts its vote rows, `analog_votes` the sum of its tallies, `comment_count` its published,
undeleted comments and `statement_count` those among them that are council statements. The services move them in the
same transaction as the rows (`move_comment_counters`); a paragraph of the plan draft counts its comments, statements
and amendments the same way, a chapter its statements. The check proves that nothing (a cascade, a raw delete, a bug) moved one without the other.
"""

from django.db.models import F, OuterRef, Q

from lip.counter_queries import rows_per_parent

from .models import AnalogTally, Comment, CommentState, PlanChapter, PlanParagraph, Proposal, Vote


def move_comment_counters(comment: Comment, delta: int) -> None:
    """Move the counters of the comment's proposal or paragraph by `delta` (+1 when it starts to count, -1 when it
    stops: published and not deleted, see `moderation.services.counts_in_figures`)."""
    moves = {
        "comment_count": F("comment_count") + delta,
        "statement_count": F("statement_count") + (delta if comment.is_statement else 0),
    }
    if comment.proposal_id:
        Proposal.objects.filter(pk=comment.proposal_id).update(**moves)
    elif comment.chapter_id:  # only statements are made on a whole chapter
        PlanChapter.objects.filter(pk=comment.chapter_id).update(statement_count=moves["statement_count"])
    else:
        moves["amendment_count"] = F("amendment_count") + (delta if comment.is_amendment else 0)
        PlanParagraph.objects.filter(pk=comment.paragraph_id).update(**moves)


def mismatches() -> list[str]:
    """One line per counter that differs from its rows ([] when all agree): a fixed number of queries."""
    return _proposal_mismatches() + _paragraph_mismatches() + _chapter_mismatches()


def _chapter_mismatches() -> list[str]:
    counted = Comment.objects.filter(chapter=OuterRef("pk"), state=CommentState.PUBLISHED, deleted_at__isnull=True)
    rows = (
        PlanChapter.objects.annotate(statement_rows=rows_per_parent(counted, "chapter"))
        .exclude(statement_count=F("statement_rows"))
        .order_by("pk")
    )
    return [
        f"PlanChapter {c.pk} ({c.number}): statement_count = {c.statement_count}, rows = {c.statement_rows}"
        for c in rows
    ]


def _paragraph_mismatches() -> list[str]:
    counted = Comment.objects.filter(paragraph=OuterRef("pk"), state=CommentState.PUBLISHED, deleted_at__isnull=True)
    rows = (
        PlanParagraph.objects.annotate(
            comment_rows=rows_per_parent(counted, "paragraph"),
            statement_rows=rows_per_parent(counted.filter(statement_district__isnull=False), "paragraph"),
            amendment_rows=rows_per_parent(counted.exclude(proposed_text=""), "paragraph"),
        )
        .filter(
            ~Q(comment_count=F("comment_rows"))
            | ~Q(statement_count=F("statement_rows"))
            | ~Q(amendment_count=F("amendment_rows"))
        )
        .order_by("pk")
    )
    return [
        f"PlanParagraph {p.pk} ({p.label}): {field} = {getattr(p, field)}, rows = {actual}"
        for p in rows
        for field, actual in (
            ("comment_count", p.comment_rows),
            ("statement_count", p.statement_rows),
            ("amendment_count", p.amendment_rows),
        )
        if getattr(p, field) != actual
    ]


def _proposal_mismatches() -> list[str]:
    counted_comments = Comment.objects.filter(
        proposal=OuterRef("pk"), state=CommentState.PUBLISHED, deleted_at__isnull=True
    )
    rows = (
        Proposal.objects.annotate(
            vote_rows=rows_per_parent(Vote.objects.filter(proposal=OuterRef("pk")), "proposal"),
            tally_sum=rows_per_parent(AnalogTally.objects.filter(proposal=OuterRef("pk")), "proposal", total="count"),
            comment_rows=rows_per_parent(counted_comments, "proposal"),
            statement_rows=rows_per_parent(counted_comments.filter(statement_district__isnull=False), "proposal"),
        )
        .filter(
            ~Q(online_votes=F("vote_rows"))
            | ~Q(analog_votes=F("tally_sum"))
            | ~Q(comment_count=F("comment_rows"))
            | ~Q(statement_count=F("statement_rows"))
        )
        .order_by("pk")
    )
    found = []
    for p in rows:
        for field, actual in (
            ("online_votes", p.vote_rows),
            ("analog_votes", p.tally_sum),
            ("comment_count", p.comment_rows),
            ("statement_count", p.statement_rows),
        ):
            stored = getattr(p, field)
            if stored != actual:
                found.append(f"Proposal {p.pk} ({p.reference}): {field} = {stored}, rows = {actual}")
    return found
