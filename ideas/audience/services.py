"""Writes of the audience prize: the consultation's vote mechanism applied to checked applications."""

from django.db import transaction
from django.utils.translation import gettext as _

from consultation import voting

from .. import page_cache, permissions
from ..models import Application, AudienceVote


@transaction.atomic
def audience_vote_cast(*, application: Application, user) -> AudienceVote:
    """Support an application for the audience prize, with the consultation's vote mechanism and its guarantees
    (one vote per person, budget per competition, exact counter under concurrency)."""
    permissions.require(permissions.can_audience_vote(user, application))
    competition = application.competition
    page_cache.application_changed(application)  # after the commit; dropped if the vote is refused
    return voting.cast(
        vote_model=AudienceVote,
        item=application,
        item_field="application",
        counter_field="audience_votes",
        user=user,
        budget=competition.audience_vote_budget,
        budget_votes=AudienceVote.objects.filter(user=user, competition=competition),
        extra={"competition_id": competition.pk},
        already_voted_message=_("Sie unterstützen diesen Antrag bereits."),
    )


@transaction.atomic
def audience_vote_withdraw(*, application: Application, user) -> None:
    permissions.require(permissions.can_audience_vote(user, application))
    voting.withdraw(
        vote_model=AudienceVote,
        item=application,
        item_field="application",
        counter_field="audience_votes",
        user=user,
        not_voted_message=_("Sie unterstützen diesen Antrag nicht."),
    )
    page_cache.application_changed(application)
