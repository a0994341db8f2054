"""Comments on a plan draft in the participation statistics (issue 19): comments, amendments and statements on the
paragraphs of a `PlanDraftPage` and statements on its whole chapters, online and analog (entered by staff from
workshops and letters), counted like the other contributions when they were made within the period, published and
not deleted.

They are counted apart from the comments on proposals (`ActivityRow.comments` keeps its meaning: a comment on a
paragraph has no proposal, so the proposal figures never saw it): `ActivityRow.draft_comments_online` and
`draft_comments_analog`, by consultation (the draft's parent page), by channel, and by district for the statements
of a district's integration council (other comments on the draft are citywide). The figures of one district count
only its integration council's statements, as they count only the proposals for the district. Their online authors
count among the people who took part online.
"""

from datetime import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

from consultation.models import Channel, Comment, CommentState
from lip.models import District

from .results import ActivityRow, of_district, within

STEPLEN = Page.steplen


def _draft_comments(lower: datetime | None, upper: datetime | None, district: District | None) -> QuerySet[Comment]:
    return Comment.objects.filter(
        within("created_at", lower, upper),
        of_district("statement_district", district),
        Q(paragraph__isnull=False) | Q(chapter__isnull=False),  # on a paragraph or a whole chapter of a draft
        state=CommentState.PUBLISHED,
        deleted_at__isnull=True,
    )


def draft_comment_counts(lower, upper, district: District | None):
    """(consultation id, district id of a statement or None, channel, number) of the draft comments: one query (the
    consultation is the draft page's parent, found by its tree path in a subquery)."""
    path = Coalesce(OuterRef("paragraph__page__path"), OuterRef("chapter__page__path"))
    depth = Coalesce(OuterRef("paragraph__page__depth"), OuterRef("chapter__page__depth"))
    consultation = Page.objects.filter(path=Substr(path, 1, (depth - 1) * STEPLEN)).values("pk")[:1]
    return (
        _draft_comments(lower, upper, district)
        .annotate(consultation_id=Subquery(consultation))
        .values_list("consultation_id", "statement_district_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )


def draft_participants(lower, upper, district: District | None) -> QuerySet:
    """The online authors of draft comments, as `values("author_id")` for the union of participants."""
    return (
        _draft_comments(lower, upper, district)
        .filter(~Q(author=None), channel=Channel.ONLINE)
        .values("author_id")
        .order_by()
    )


def add_draft_comments(rows: tuple[ActivityRow, ...], channel: str, n: int) -> None:
    attribute = "draft_comments_online" if channel == Channel.ONLINE else "draft_comments_analog"
    for row in rows:
        setattr(row, attribute, getattr(row, attribute) + n)


def draft_values(row: ActivityRow) -> dict:
    """A row's draft-comment figures for the report snapshot."""
    return {"draft_comments_online": row.draft_comments_online, "draft_comments_analog": row.draft_comments_analog}
