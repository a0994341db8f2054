"""The annex of a report's data snapshot: the proposals that led to a measure or were answered in the period."""

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import Channel, Proposal, Response
from lip.models import District

from ..measures.selectors import PUBLIC_PROPOSAL_STATES
from ..models import (
    Measure,
)
from ..statistics.results import period_bounds
from .periods import Period
from .values import choice_labels, iso


def _annex_proposals(period: Period, district: District | None = None) -> QuerySet[Proposal]:
    """The proposals of the annex (see `annex_rows`), unordered."""
    lower, upper = period_bounds(period.start, period.end)
    answered_in_period = Q(response__published_at__gte=lower, response__published_at__lt=upper)
    return (
        Proposal.objects.filter(state__in=PUBLIC_PROPOSAL_STATES)
        .filter(Q(district=district) if district is not None else Q())
        .filter(Q(pk__in=Measure.proposals.through.objects.values("proposal_id")) | answered_in_period)
    )


def _measure_titles(proposals: QuerySet[Proposal]) -> dict[int, list[str]]:
    """The titles of the measures each of `proposals` led to, in alphabetical order: one query."""
    titles = defaultdict(list)
    for proposal_id, title in (
        Measure.proposals.through.objects.filter(proposal__in=proposals)
        .order_by("measure__title")
        .values_list("proposal_id", "measure__title")
    ):
        titles[proposal_id].append(title)
    return titles


def annex_rows(period: Period, district: District | None = None) -> list[dict]:
    """The traceability annex: every proposal that led to a measure, and every proposal whose official response was
    published in the period, with the response as published when the snapshot is taken (its state, date and
    department; the reasoning is on the proposal's page) and the measures. In a district's report only the
    proposals for that district. Two queries, read as plain values (no model instances)."""
    proposals = _annex_proposals(period, district)
    measures = _measure_titles(proposals)
    channels = choice_labels(Proposal, "channel")
    states = choice_labels(Response, "state")
    citywide = _("stadtweit")
    rows = []
    for p in proposals.order_by("consultation__path", "reference").values(
        "pk",
        "reference",
        "title",
        "consultation__title",
        "channel",
        "district_id",
        "district__name",
        "topic__name",
        "response__state",
        "response__published_at",
        "response__department",
    ):
        rows.append(
            {
                "reference": p["reference"],
                "title": p["title"],
                "consultation": p["consultation__title"],
                "channel": channels.get(p["channel"], p["channel"]),
                "analog": p["channel"] != Channel.ONLINE,
                "district": p["district__name"] if p["district_id"] else citywide,
                "topic": p["topic__name"],
                "response": {
                    "state": states.get(p["response__state"], p["response__state"]),
                    "date": iso(timezone.localdate(p["response__published_at"])),
                    "department": p["response__department"],
                }
                if p["response__published_at"] is not None
                else None,
                "measures": measures.get(p["pk"], []),
            }
        )
    return rows
