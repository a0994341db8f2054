"""The annex of a report's data snapshot: the proposals that led to a measure or were answered in the period."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import Channel, Proposal, Response
from lip.models import District

from ..measures.selectors import PUBLIC_PROPOSAL_STATES
from ..models import Measure
from ..models.measures import TENTH
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


def _measures(proposals: QuerySet[Proposal]) -> dict[int, list[dict]]:
    """The measures each of `proposals` led to, in alphabetical order, with their state and their progress by the
    rule of `Measure.overall_progress` (a parent's is the weighted mean of its sub-measures, summed here in SQL):
    one query."""
    states = choice_labels(Measure, "state")
    found = defaultdict(list)
    for row in (
        Measure.proposals.through.objects.filter(proposal__in=proposals)
        .values("proposal_id", "measure_id", "measure__title", "measure__state", "measure__progress")
        .annotate(
            child_weight=Sum("measure__children__weight"),
            child_points=Sum(F("measure__children__weight") * F("measure__children__progress")),
        )
        .order_by("measure__title", "measure_id")
    ):
        if row["child_weight"]:
            progress = (Decimal(row["child_points"]) / Decimal(row["child_weight"])).quantize(
                TENTH, rounding=ROUND_HALF_UP
            )
        else:
            progress = Decimal(row["measure__progress"]).quantize(TENTH)
        found[row["proposal_id"]].append(
            {
                "title": row["measure__title"],
                "state": states.get(row["measure__state"], row["measure__state"]),
                "progress": str(progress),
            }
        )
    return found


def annex_rows(period: Period, district: District | None = None) -> list[dict]:
    """The traceability annex: every proposal that led to a measure, and every proposal whose official response was
    published in the period, with the response as published when the snapshot is taken (its state, date, department
    and reasoning) and the measures with their state and progress. In a district's report only the proposals for
    that district. Two queries, read as plain values (no model instances)."""
    proposals = _annex_proposals(period, district)
    measures = _measures(proposals)
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
        "response__text",
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
                    "reasoning": p["response__text"],
                }
                if p["response__published_at"] is not None
                else None,
                "measures": measures.get(p["pk"], []),
            }
        )
    return rows
