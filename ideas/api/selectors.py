"""Reads for the open-data API: what the site shows publicly of the idea competition, nothing more.

A funded project is public exactly when the competition's results page lists it: the application was awarded (it has
an `Award`), its competition is live and not behind a view restriction, and the competition's results date has passed
(`ideas.permissions.results_decision`). Before that date no page, statistic or report names it.
"""

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from consultation.models import Proposal, ProposalState

from ..competitions.selectors import competition_list
from ..models import Application, ApplicationState, CompetitionPage, ProgressReport


def public_competitions() -> QuerySet[CompetitionPage]:
    """Live competitions without a view restriction, with their fund (`competition_list`)."""
    return competition_list()


def public_projects() -> QuerySet[Application]:
    """Funded projects whose competition's results are public, with everything the API shows: a fixed number of
    queries for any number of rows (the results page's `awarded_projects`, over all public competitions)."""
    return (
        Application.objects.filter(
            state=ApplicationState.AWARDED,
            award__isnull=False,
            competition__in=public_competitions().values("pk"),
            competition__results_published_at__lte=timezone.now(),
        )
        .select_related("organisation", "award", "competition", "competition__fund")
        .annotate(amount=F("award__amount"))
        .prefetch_related(
            "districts",
            "topics",
            Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("-reported_on", "-created_at")),
            Prefetch(
                "proposals",
                queryset=Proposal.objects.filter(state=ProposalState.PUBLISHED).order_by("reference"),
                to_attr="public_proposals",
            ),
        )
    )
