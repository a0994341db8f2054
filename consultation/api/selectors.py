"""The public rows of the API: what anyone may see on the site, with the joins a list needs (constant query count).

Visibility is the site's: live consultations without a view restriction (`selectors.consultation_list`), published
proposals, published and not deleted comments (a reply only under a published comment, as `comment_thread` shows
them), plan-draft comments of live, public draft pages.
"""

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page

from ..models import (
    Comment,
    CommentState,
    ConsultationPage,
    Event,
    PlanDraftPage,
    Proposal,
    ProposalState,
)
from ..selectors import consultation_list


def public_consultation_ids() -> QuerySet:
    return ConsultationPage.objects.live().public().values("pk")


def api_consultations() -> QuerySet[ConsultationPage]:
    return consultation_list().prefetch_related("topics", "districts").order_by("-first_published_at", "-pk")


def _measures_prefetch() -> Prefetch:
    # monitoring.Measure.proposals (related name `measures`): read through the relation, without importing monitoring.
    measure_model = Proposal._meta.get_field("measures").related_model
    return Prefetch("measures", queryset=measure_model.objects.only("pk", "slug", "title").order_by("title", "pk"))


def api_proposals() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(state=ProposalState.PUBLISHED, consultation_id__in=public_consultation_ids())
        .select_related("consultation", "topic", "district", "organisation", "author", "response")
        .prefetch_related("tags", _measures_prefetch())
        .annotate(votes_total=F("online_votes") + F("analog_votes"))
    )


def _draft_consultation(field: str) -> Subquery:
    """A field of the consultation a plan-draft comment belongs to: the parent page of its draft (Wagtail's
    materialised path, one step shorter)."""
    draft_path = Coalesce(OuterRef("paragraph__page__path"), OuterRef("chapter__page__path"))
    parent_path = Substr(draft_path, 1, Length(draft_path) - Page.steplen)
    return Subquery(ConsultationPage.objects.filter(path=parent_path).values(field)[:1])


def api_comments() -> QuerySet[Comment]:
    public_drafts = PlanDraftPage.objects.live().public().values("pk")
    on_public_target = (
        Q(proposal__state=ProposalState.PUBLISHED, proposal__consultation_id__in=public_consultation_ids())
        | Q(paragraph__page_id__in=public_drafts)
        | Q(chapter__page_id__in=public_drafts)
    )
    return (
        Comment.objects.filter(on_public_target, state=CommentState.PUBLISHED, deleted_at__isnull=True)
        .filter(Q(parent__isnull=True) | Q(parent__state=CommentState.PUBLISHED))
        .select_related(
            "proposal__consultation",
            "paragraph__page",
            "chapter__page",
            "statement_district",
            "organisation",
            "author",
            "version",
        )
        .annotate(
            draft_consultation_id=_draft_consultation("pk"),
            draft_consultation_slug=_draft_consultation("slug"),
            draft_consultation_title=_draft_consultation("title"),
        )
    )


def api_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(consultation_id__in=public_consultation_ids())
        .select_related("consultation", "district")
        .prefetch_related("topics", "organisations")
        .annotate(
            proposal_count=Count("proposals", filter=Q(proposals__state=ProposalState.PUBLISHED), distinct=True),
            comment_count=Count(
                "comments",
                filter=Q(comments__state=CommentState.PUBLISHED, comments__deleted_at__isnull=True),
                distinct=True,
            ),
        )
    )
