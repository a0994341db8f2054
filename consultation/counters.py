"""Stored counters of a proposal compared with the rows they count (used by `manage.py check_counters` and the tests).

`Proposal.online_votes` counts its vote rows, `analog_votes` the sum of its tallies, `comment_count` its published,
undeleted comments and `statement_count` those among them that are council statements. The services move them in the
same transaction as the rows; this check proves that nothing (a cascade, a raw delete, a bug) moved one without the other.
"""

from django.db.models import F, OuterRef, Q

from lip.counter_queries import rows_per_parent

from .models import AnalogTally, Comment, CommentState, Proposal, Vote


def mismatches() -> list[str]:
    """One line per proposal counter that differs from its rows ("" list when all agree): a fixed number of queries."""
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
