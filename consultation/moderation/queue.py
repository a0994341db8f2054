"""The moderation queue (reads): what waits for a moderator, most urgent first, and the addresses of an item."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from .. import permissions
from ..models import (
    Channel,
    Comment,
    ContentReport,
    Proposal,
    ProposalState,
)
from .services import HIDDEN, PENDING, PUBLISHED, Item

# --- The queue (reads) -----------------------------------------------------------


def _open_reports_exist(field: str) -> Exists:
    return Exists(ContentReport.objects.filter(**{field: OuterRef("pk")}, resolved_at__isnull=True))


def proposal_todo() -> Q:
    """Proposals a moderator still has to look at: waiting for approval, online and not yet reviewed, or reported."""
    return ~Q(state=ProposalState.WITHDRAWN) & (
        Q(state=PENDING)
        | Q(state=PUBLISHED, reviewed_at__isnull=True, channel=Channel.ONLINE)
        | Q(_open_reports_exist("proposal"))
    )


def comment_todo() -> Q:
    return (
        Q(state=PENDING)
        | Q(state=PUBLISHED, reviewed_at__isnull=True, deleted_at__isnull=True)
        | Q(_open_reports_exist("comment"))
    )


# The queue's default order: what the moderation must look at first (QueueViewSet.ordering).
QUEUE_ORDERING = ["urgency", "-created_at", "-pk"]


def _urgency() -> Case:
    """0: hidden by reports and waiting for a decision (auto-hidden; a moderator's hide resolves the reports),
    1: other items with open reports, 2: waiting for approval, 3: the rest."""
    return Case(
        When(state=HIDDEN, open_reports__gt=0, then=Value(0)),
        When(open_reports__gt=0, then=Value(1)),
        When(state=PENDING, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def proposal_queue() -> QuerySet[Proposal]:
    return (
        Proposal.objects.select_related("consultation", "topic", "district", "author", "organisation")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True), distinct=True))
        .annotate(urgency=_urgency())
    )


def comment_queue() -> QuerySet[Comment]:
    return (
        Comment.objects.select_related(
            "author",
            "statement_district",
            "proposal__consultation",
            "proposal__district",
            "proposal__topic",
            "paragraph__page",
            "chapter__page",
        )
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True), distinct=True))
        .annotate(urgency=_urgency())
    )


def reports_by(user, proposal: Proposal) -> tuple[bool, frozenset[int]]:
    """Whether `user` reported the proposal, and which of its comments: one query for the whole proposal page."""
    if not user.is_authenticated:
        return False, frozenset()
    rows = ContentReport.objects.filter(
        Q(proposal=proposal) | Q(comment__proposal=proposal), reporter=user
    ).values_list("proposal_id", "comment_id")
    rows = list(rows)
    return any(proposal_id for proposal_id, _comment_id in rows), frozenset(c for _p, c in rows if c)


def waiting_count() -> int:
    """How many proposals and comments wait for a moderator (the dashboard's number): two queries."""
    return Proposal.objects.filter(proposal_todo()).count() + Comment.objects.filter(comment_todo()).count()


def item_reports(item: Item) -> QuerySet[ContentReport]:
    return (
        ContentReport.objects.filter(**permissions.report_target(item))
        .select_related("reporter", "resolved_by")
        .order_by("-created_at", "-pk")
    )


def item_history(item: Item) -> QuerySet[ModelLogEntry]:
    return ModelLogEntry.objects.for_instance(item).select_related("user").order_by("-timestamp", "-pk")


# --- Addresses -------------------------------------------------------------------


def target_label(comment: Comment) -> str:
    """What a comment is about, for moderators: "LIP-2026-0042", "Absatz 2.3 · Entwurf LIP 4.0" or (a statement on
    a whole chapter) "Kapitel 2 · Entwurf LIP 4.0"."""
    if comment.proposal_id:
        return comment.proposal.reference
    if comment.chapter_id:
        return _("Kapitel %(number)s · %(draft)s") % {
            "number": comment.chapter.number,
            "draft": comment.chapter.page.title,
        }
    return _("Absatz %(label)s · %(draft)s") % {"label": comment.paragraph.label, "draft": comment.paragraph.page.title}


def public_path(item: Item) -> str:
    """The item's address on the public site ("" when its consultation has none, e.g. outside every site)."""
    if isinstance(item, Comment) and (part := item.draft_part) is not None:
        if not part.page.url:
            return ""
        return part.get_absolute_url() + f"#kommentar-{item.pk}"
    proposal = item.proposal if isinstance(item, Comment) else item
    page_url = proposal.consultation.url
    if not page_url:
        return ""
    if not page_url.endswith("/"):
        page_url += "/"
    anchor = f"#kommentar-{item.pk}" if isinstance(item, Comment) else ""
    return page_url + proposal.consultation.reverse_subpage("proposal_detail", args=[proposal.reference]) + anchor


def admin_path(item: Item) -> str:
    """The item's page in the moderation queue (details, reports and history)."""
    name = "moderation-comments:inspect" if isinstance(item, Comment) else "moderation-proposals:inspect"
    return reverse(name, args=[item.pk])
