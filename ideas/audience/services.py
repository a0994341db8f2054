"""Writes of the audience prize: the consultation's vote mechanism applied to checked applications."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from consultation import voting

from .. import page_cache, permissions
from ..models import Application, AudienceVote

_AUDIENCE_VOTES = voting.Ballot(
    AudienceVote,
    item_field="application",
    counter_field="audience_votes",
    already_voted_message=_("Sie unterstützen diesen Antrag bereits."),
    not_voted_message=_("Sie unterstützen diesen Antrag nicht."),
)


@transaction.atomic
def audience_vote_cast(*, application: Application, user) -> AudienceVote:
    """Support an application for the audience prize, with the consultation's vote mechanism and its guarantees
    (one vote per person, budget per competition, exact counter under concurrency)."""
    permissions.require(permissions.can_audience_vote(user, application))
    competition = application.competition
    page_cache.application_changed(application)  # after the commit; dropped if the vote is refused
    return voting.cast(
        _AUDIENCE_VOTES,
        item=application,
        user=user,
        budget=competition.audience_vote_budget,
        budget_votes=AudienceVote.objects.filter(user=user, competition=competition),
        extra={"competition_id": competition.pk},
    )


@transaction.atomic
def audience_vote_withdraw(*, application: Application, user) -> None:
    permissions.require(permissions.can_audience_vote(user, application))
    voting.withdraw(_AUDIENCE_VOTES, item=application, user=user)
    page_cache.application_changed(application)
