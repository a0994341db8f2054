"""Reads of competitions: which are open, what an application may build on, the published results."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ..models import ZERO, Application, ApplicationState, CompetitionPage, ProgressReport


def competition_list() -> QuerySet[CompetitionPage]:
    return CompetitionPage.objects.live().public().select_related("fund").order_by("-submission_start")


def open_competitions(*, moment: datetime | None = None) -> list[CompetitionPage]:
    moment = moment or timezone.now()
    return list(competition_list().filter(submission_start__lte=moment, submission_end__gt=moment))


def upcoming_and_open_competitions(*, moment: datetime | None = None) -> list[CompetitionPage]:
    """The competitions one can still apply to (open now or opening later), the nearest deadline first."""
    moment = moment or timezone.now()
    # Public in the same query (`.public()` would read every view restriction first): no restriction on the page
    # or on one of its ancestors, whose paths are prefixes of the page's path.
    restricted = PageViewRestriction.objects.annotate(prefix=Substr(OuterRef("path"), 1, Length("page__path"))).filter(
        prefix=F("page__path")
    )
    qs = CompetitionPage.objects.live().exclude(Exists(restricted)).select_related("fund")
    return list(qs.filter(submission_end__gt=moment).order_by("submission_end", "pk"))


def linkable_proposals(competition: CompetitionPage) -> QuerySet:
    """The published proposals of the competition's consultations: what an application may build on."""
    from consultation.models import Proposal, ProposalState

    return Proposal.objects.filter(
        consultation__in=competition.consultations.all(), state=ProposalState.PUBLISHED
    ).select_related("consultation")


def search_linkable_proposals(proposals: QuerySet, query: str, *, limit: int = 10) -> list:
    """At most `limit` of `proposals` (from `linkable_proposals`) matching `query`: words of the title or text, parts
    of the title, or a reference number; best matches first where the database ranks them (PostgreSQL), else by
    number."""
    from consultation.selectors import proposal_search

    query = query.strip()
    if not query:
        return []
    matches = proposal_search(proposals, query, title_parts=True)
    ordering = ("-rank", "reference") if "rank" in matches.query.annotations else ("reference",)
    return list(matches.order_by(*ordering)[:limit])


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
