"""Reads of competitions: which are open, what an application may build on, the published results."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from ..models import ZERO, Application, ApplicationState, CompetitionPage, ProgressReport


def competition_list() -> QuerySet[CompetitionPage]:
    return CompetitionPage.objects.live().public().select_related("fund").order_by("-submission_start")


def open_competitions(*, moment: datetime | None = None) -> list[CompetitionPage]:
    moment = moment or timezone.now()
    return list(competition_list().filter(submission_start__lte=moment, submission_end__gt=moment))


def linkable_proposals(competition: CompetitionPage) -> QuerySet:
    """The published proposals of the competition's consultations: what an application may build on."""
    from consultation.models import Proposal, ProposalState

    return Proposal.objects.filter(
        consultation__in=competition.consultations.all(), state=ProposalState.PUBLISHED
    ).select_related("consultation")


def awarded_projects(competition: CompetitionPage) -> QuerySet[Application]:
    """The funded projects of a competition with their award, districts, topics and progress reports."""
    return (
        Application.objects.filter(competition=competition, state=ApplicationState.AWARDED)
        .select_related("organisation", "award")
        .prefetch_related(
            "districts",
            "topics",
            Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("-reported_on", "-created_at")),
        )
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class ResultFigures:
    submitted: int
    awarded: int
    total_awarded: Decimal


def result_figures(competition: CompetitionPage) -> ResultFigures:
    row = Application.objects.filter(competition=competition, state__in=ApplicationState.submitted_states()).aggregate(
        submitted=Count("pk"),
        awarded=Count("pk", filter=Q(state=ApplicationState.AWARDED)),
        total=Sum("award__amount", filter=Q(state=ApplicationState.AWARDED)),
    )
    return ResultFigures(row["submitted"], row["awarded"], row["total"] or ZERO)
