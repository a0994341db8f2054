"""Reads in a consultation: querysets with their joins and prefetches, for views, exports and reports."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, GeneratedField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Mod, Upper
from django.db.models.lookups import Exact
from django.utils import timezone

from lip import reference

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
from .search import SEARCH_CONFIG

RANDOM_PRIME = 1_000_003


def consultation_list(*, parent=None) -> QuerySet[ConsultationPage]:
    qs = (
        ConsultationPage.objects.live()
        .public()
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start")))
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


# What an entry of a proposal list shows (includes/proposal_item.html): neither the text nor the stored search vector,
# no tags, no event; the consultation is the page the view already has. Three small joins, none into Wagtail's tables;
# the topic and the district come from the cached reference data (`with_reference_data`).
LIST_FIELDS = (
    "consultation",  # the ids only: Proposal.get_absolute_url asks for the page when someone wants it
    "topic",
    "district",
    "reference",
    "title",
    "author_name",
    "channel",
    "state",
    "created_at",
    "online_votes",
    "analog_votes",
    "comment_count",
    "statement_count",
    "organisation__name",
    "organisation__verified_at",
    "author__display_name",  # with email and deleted_at: what User.get_full_name shows
    "author__email",
    "author__deleted_at",
    "response__state",
    "response__published_at",
)


def visible_proposals(consultation: ConsultationPage) -> QuerySet[Proposal]:
    """What the public list shows: published proposals of the consultation, with what a list entry shows.

    Filter, count and slice the queryset, then pass the rows shown through `with_reference_data`."""
    return (
        Proposal.objects.filter(consultation=consultation, state=ProposalState.PUBLISHED)
        .select_related("organisation", "author", "response")
        .only(*LIST_FIELDS)
    )


def with_reference_data(proposals) -> list[Proposal]:
    """The proposals (a queryset or a page of one, evaluated here) with their topic and district from the cached
    reference data (lip.reference) instead of two more joins: on PostgreSQL, planning the list's query with them
    took longer than running it. A topic or district the cache does not know yet is loaded as usual."""
    proposals = list(proposals)
    known = reference.load()
    topics = {topic.pk: topic for topic in known.topics}
    districts = {district.pk: district for district in known.districts}
    for proposal in proposals:
        if proposal.topic_id in topics:
            proposal.topic = topics[proposal.topic_id]
        if proposal.district_id in districts:
            proposal.district = districts[proposal.district_id]
    return proposals


def proposal_detail_queryset() -> QuerySet[Proposal]:
    """A proposal with what its page shows (tags in a second query). Not the consultation: the view has the page;
    not the topic and district: `proposal_by_reference` adds them from the cached reference data."""
    generated = [field.name for field in Proposal._meta.concrete_fields if isinstance(field, GeneratedField)]
    return (
        Proposal.objects.select_related("organisation", "author", "event", "response")
        .defer(*generated)  # the stored search vector: PostgreSQL's, never shown
        .prefetch_related("tags")
    )


def proposal_search(qs: QuerySet[Proposal], query: str, *, title_parts: bool = False) -> QuerySet[Proposal]:
    """Full-text search on PostgreSQL (German stemming, ranked) in the stored, indexed `search_vector`; a plain
    substring match elsewhere. Either way a reference number in any case (lip-2026-0042) finds its proposal.

    `title_parts`: also find titles that contain every word as a part, as a picker must ("garten" finds
    "Nachbarschaftsgarten", which full-text search, matching whole German words, does not); ranked last."""
    query = query.strip()
    if not query:
        return qs
    # UPPER on both sides, as the index proposal_reference_upper_idx holds it (iexact is a LIKE on SQLite).
    reference_match = Q(Exact(Upper("reference"), Upper(Value(query))))
    words = query.split()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        condition = Q(search_vector=search_query) | reference_match
        if title_parts:
            condition |= Q(*(Q(title__icontains=word) for word in words))
        return qs.annotate(rank=SearchRank(F("search_vector"), search_query)).filter(condition)
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
    rows = proposal_detail_queryset().filter(consultation=consultation, reference=reference).order_by()[:1]
    found = with_reference_data(rows)  # the reference is unique: no order needed
    if not found:
        return None
    found[0].consultation = consultation
    return found[0]


def proposal_for_vote(consultation: ConsultationPage, reference: str) -> Proposal | None:
    """The proposal a vote (or its withdrawal) is about: only what the rules and the vote read, none of the page's
    joins. A refused vote renders the page and reads it again through `proposal_by_reference`."""
    rows = list(
        Proposal.objects.filter(consultation=consultation, reference=reference)
        .only("id", "consultation_id", "reference", "state", "author_id")
        .order_by()[:1]
    )
    if not rows:
        return None
    rows[0].consultation = consultation
    return rows[0]


def comment_thread(proposal: Proposal, *, viewer=None) -> list[Comment]:
    """Top-level comments, each with its replies in `reply_list`, with authors and council districts: one query.

    A reply is shown under its visible top-level comment; replies of a hidden comment stay out with it."""
    from lip import permissions as lip_permissions

    visible = Q(state=CommentState.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        if lip_permissions.is_moderator(viewer):
            visible = Q()
        else:
            visible |= Q(author=viewer)
    comments = list(
        Comment.objects.filter(visible, proposal=proposal)
        .select_related("author", "statement_district")
        .order_by("created_at", "pk")
    )
    threads = [comment for comment in comments if comment.parent_id is None]
    by_id = {comment.pk: comment for comment in threads}
    for comment in threads:
        comment.reply_list = []
    for comment in comments:
        if comment.parent_id in by_id:
            by_id[comment.parent_id].reply_list.append(comment)
    return threads


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
