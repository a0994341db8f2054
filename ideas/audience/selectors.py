"""Reads of the audience prize: the candidates and a person's votes in one competition."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import Application, AudienceVote, CompetitionPage
from ..permissions import AUDIENCE_CANDIDATE_STATES


def audience_candidates(competition: CompetitionPage) -> QuerySet[Application]:
    """The checked applications the public can support, most supported first."""
    return (
        Application.objects.filter(competition=competition, state__in=AUDIENCE_CANDIDATE_STATES)
        .select_related("organisation")
        .prefetch_related("districts", "topics")
        .order_by("-audience_votes", "title", "pk")
    )


@dataclass(frozen=True)
class AudienceVoteState:
    voted_ids: frozenset[int]
    budget: int

    @property
    def used(self) -> int:
        return len(self.voted_ids)

    @property
    def remaining(self) -> int | None:
        return None if not self.budget else max(0, self.budget - self.used)


def audience_vote_state(user, competition: CompetitionPage) -> AudienceVoteState:
    if not user.is_authenticated:
        return AudienceVoteState(frozenset(), competition.audience_vote_budget)
    ids = AudienceVote.objects.filter(user=user, competition=competition).values_list("application_id", flat=True)
    return AudienceVoteState(frozenset(ids), competition.audience_vote_budget)
