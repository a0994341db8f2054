"""Reads for the open-data API: what monitoring's public pages show, in a fixed number of queries per list.

- Measures and indicators have no unpublished state: the measure pages show every one, with every indicator value.
- The links of a measure are public only as far as their targets are: published proposals, and funded projects whose
  competition's results are public (`measures.selectors.results_public`).
- Reports: the issued ones released to the public, as the archive shows them to anyone (`reports.selectors`).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from consultation.models import Proposal, ProposalState
from ideas.api.selectors import public_projects

from ..models import Indicator, IndicatorValue, Measure, Report
from ..reports.selectors import report_archive


def public_measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("topic", "parent").prefetch_related(
        "districts",
        Prefetch("children", queryset=Measure.objects.order_by("sort_order", "title", "pk")),
        Prefetch(
            "proposals",
            queryset=Proposal.objects.filter(state=ProposalState.PUBLISHED).order_by("reference"),
            to_attr="public_proposals",
        ),
        Prefetch(
            "projects",
            queryset=public_projects().select_related(None).prefetch_related(None).order_by("reference"),
            to_attr="public_projects",
        ),
        Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "name", "pk")),
    )


def _values() -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.only("pk", "indicator_id", "date", "value", "comment").order_by("date", "pk")


def public_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("measure", "topic").prefetch_related(
        Prefetch("values", queryset=_values(), to_attr="value_list")
    )


def public_indicator_values() -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.select_related("indicator", "indicator__measure", "indicator__topic").defer(
        "entered_by", "entered_at", "imported"
    )


def public_reports() -> QuerySet[Report]:
    return report_archive(AnonymousUser()).select_related("run__district").defer("snapshot", "run__snapshot")
