"""Reads in a consultation: querysets with their joins and prefetches, for views, exports and reports."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Mod
from django.utils import timezone

from .models import (
    Comment,
    CommentState,
    ConsultationPage,
    Event,
    Phase,
    Proposal,
    ProposalState,
    Vote,
)

SEARCH_CONFIG = "german"
RANDOM_PRIME = 1_000_003


def consultation_list(*, parent=None) -> QuerySet[ConsultationPage]:
    qs = ConsultationPage.objects.live().public().prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("start"))
    )
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.order_by("-first_published_at")


def running_consultations(*, moment=None) -> list[ConsultationPage]:
    """Consultations with a phase running now (for the home page)."""
    moment = moment or timezone.now()
    ids = Phase.objects.filter(start__lte=moment, end__gt=moment).values("page_id")
    return list(consultation_list().filter(pk__in=ids))


@dataclass(frozen=True)
class ConsultationFigures:
    proposals: int
    analog_proposals: int
    answered: int
    comments: int
    votes: int

    @property
    def answered_share(self) -> int:
        return round(100 * self.answered / self.proposals) if self.proposals else 0


def consultation_figures(consultation: ConsultationPage) -> ConsultationFigures:
    """Totals shown on the consultation page, in one query."""
    row = Proposal.objects.filter(consultation=consultation, state=ProposalState.PUBLISHED).aggregate(
        proposals=Count("pk"),
        analog_proposals=Count("pk", filter=~Q(channel="online")),
        answered=Count("pk", filter=Q(response__published_at__isnull=False)),
        comments=Coalesce(Sum("comment_count"), Value(0)),
        votes=Coalesce(Sum(F("online_votes") + F("analog_votes")), Value(0)),
    )
    return ConsultationFigures(**row)


def proposal_base_queryset() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "consultation", "topic", "district", "organisation", "author", "event", "response"
    ).prefetch_related("tags")


def visible_proposals(consultation: ConsultationPage) -> QuerySet[Proposal]:
    """What the public list shows: published proposals of the consultation."""
    return proposal_base_queryset().filter(consultation=consultation, state=ProposalState.PUBLISHED)


def proposal_search(qs: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    """Full-text search on PostgreSQL (German stemming, ranked); a plain substring match elsewhere."""
    query = query.strip()
    if not query:
        return qs
    reference_match = Q(reference__iexact=query)
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        vector = SearchVector("title", "text", config=SEARCH_CONFIG)
        return qs.annotate(search=vector, rank=SearchRank(vector, search_query)).filter(
            Q(search=search_query) | reference_match
        )
    words = query.split()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(text__icontains=word)
    return qs.filter(condition | reference_match)


def order_proposals(qs: QuerySet[Proposal], sort: str, *, seed: int = 1) -> QuerySet[Proposal]:
    if sort == "votes":
        return qs.annotate(total=F("online_votes") + F("analog_votes")).order_by("-total", "-created_at")
    if sort == "comments":
        return qs.order_by("-comment_count", "-created_at")
    if sort == "random":
        # A permutation of the ids that depends on the visitor's seed, stable while they page through:
        # id * m + seed (mod a prime), with a multiplier m of at least half the prime so that
        # neighbouring ids land far apart whatever the seed.
        multiplier = RANDOM_PRIME // 2 + seed % (RANDOM_PRIME // 2)
        return qs.annotate(shuffle=Mod(F("id") * multiplier + seed, RANDOM_PRIME)).order_by("shuffle", "id")
    return qs.order_by("-created_at", "-id")


def proposal_by_reference(consultation: ConsultationPage, reference: str) -> Proposal | None:
    return proposal_base_queryset().filter(consultation=consultation, reference=reference).first()


def comment_thread(proposal: Proposal, *, viewer=None) -> list[Comment]:
    """Top-level comments with their replies, authors and council districts: three queries in all."""
    from lip import permissions as lip_permissions

    visible = Q(state=CommentState.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        if lip_permissions.is_moderator(viewer):
            visible = Q()
        else:
            visible |= Q(author=viewer)
    replies = Comment.objects.filter(visible).select_related("author", "statement_district").order_by("created_at")
    return list(
        Comment.objects.filter(visible, proposal=proposal, parent__isnull=True)
        .select_related("author", "statement_district")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at")
    )


def statements_for(proposal: Proposal) -> list[Comment]:
    return list(
        Comment.objects.filter(
            proposal=proposal, statement_district__isnull=False, state=CommentState.PUBLISHED, deleted_at__isnull=True
        ).select_related("author", "statement_district")
    )


def budget_votes(user, consultation: ConsultationPage) -> QuerySet[Vote]:
    """The person's votes that count against the consultation's vote budget: all but those on withdrawn proposals.

    A vote on a proposal the moderation hid keeps counting while the proposal is hidden (the person may withdraw it),
    so that restoring the proposal can never take anyone over their budget. Only a withdrawal by the author, which is
    final, gives the vote back. The vote service and every "noch X von Y" use this one rule.
    """
    return Vote.objects.filter(user=user, consultation=consultation).exclude(proposal__state=ProposalState.WITHDRAWN)


@dataclass(frozen=True)
class VoteState:
    voted_ids: frozenset[int]
    used: int
    budget: int
    on_hidden: tuple[str, ...] = ()  # references of hidden proposals the person's votes are on (they still count)

    @property
    def remaining(self) -> int | None:
        return None if not self.budget else max(0, self.budget - self.used)


def vote_state(user, consultation: ConsultationPage) -> VoteState:
    if not user.is_authenticated:
        return VoteState(frozenset(), 0, consultation.vote_budget)
    rows = list(budget_votes(user, consultation).values_list("proposal_id", "proposal__state", "proposal__reference"))
    ids = frozenset(proposal_id for proposal_id, _state, _ref in rows)
    on_hidden = tuple(sorted(ref for _id, state, ref in rows if state == ProposalState.HIDDEN))
    return VoteState(ids, len(rows), consultation.vote_budget, on_hidden)


def events_for(consultation: ConsultationPage) -> QuerySet[Event]:
    return (
        Event.objects.filter(consultation=consultation)
        .select_related("district")
        .prefetch_related("topics", "organisations")
        .annotate(proposal_count=Count("proposals", distinct=True))
        .order_by("-date")
    )
