"""What became of a proposal, and which measures a funded project implements: for the pages of the other apps.

The consultation and ideas apps may not import monitoring (DESIGN.md: nothing depends on monitoring). The project's
wiring passes a page's proposal ids to `proposal_outcomes` and renders `monitoring/includes/proposal_outcome.html`
with the result, for example in the proposal page's "Was daraus wurde" section:

    outcomes = proposal_outcomes([proposal.pk]).get(proposal.pk, [])
    {% include "monitoring/includes/proposal_outcome.html" with outcomes=outcomes %}

Both functions cost two queries, whatever the number of proposals, projects and measures.

For the proposal page's outcome registry (consultation/registry.py, `register_outcome_provider`), the provider is
`outcome_for_proposal`; wiring it is one line in `MonitoringConfig.ready()` (left to the project's wiring):

    register_outcome_provider(outcomes.outcome_for_proposal)
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from ..models import Measure

_LINK_ORDER = ("measure__sort_order", "measure__title", "measure_id")


@dataclass(frozen=True)
class MeasureProgress:
    """One measure a proposal led to (or a project implements), with its progress by the rule of `Measure`."""

    measure_id: int
    title: str
    url: str
    state: str
    state_label: str
    progress: Decimal
    parent_title: str = ""
    parent_url: str = ""


def _outcome(measure: Measure) -> MeasureProgress:
    parent = measure.parent
    return MeasureProgress(
        measure_id=measure.pk,
        title=measure.title,
        url=measure.get_absolute_url(),
        state=measure.state,
        state_label=str(measure.get_state_display()),
        progress=measure.overall_progress,
        parent_title=parent.title if parent else "",
        parent_url=parent.get_absolute_url() if parent else "",
    )


def _links(through, field_name: str, ids: list[int]):
    return (
        through.objects.filter(**{f"{field_name}__in": ids})
        .select_related("measure", "measure__parent")
        .prefetch_related(Prefetch("measure__children", queryset=Measure.objects.order_by("sort_order", "title", "pk")))
        .order_by(*_LINK_ORDER)
    )


def proposal_outcomes(proposal_ids: Iterable[int]) -> dict[int, list[MeasureProgress]]:
    """The measures each proposal led to, with their progress: {proposal id: [MeasureProgress, ...]}; absent: none."""
    ids = list(proposal_ids)
    if not ids:
        return {}
    result: dict[int, list[MeasureProgress]] = {}
    for link in _links(Measure.proposals.through, "proposal_id", ids):
        result.setdefault(link.proposal_id, []).append(_outcome(link.measure))
    return result


def project_measures(application_ids: Iterable[int]) -> dict[int, list[MeasureProgress]]:
    """The measures each funded project implements: {application id: [MeasureProgress, ...]}."""
    ids = list(application_ids)
    if not ids:
        return {}
    result: dict[int, list[MeasureProgress]] = {}
    for link in _links(Measure.projects.through, "application_id", ids):
        result.setdefault(link.application_id, []).append(_outcome(link.measure))
    return result


def outcome_for_proposal(proposal):
    """A provider for the proposal page's outcome registry: the measures the proposal led to, or None (two queries)."""
    from consultation.registry import OutcomeSection

    outcomes = proposal_outcomes([proposal.pk]).get(proposal.pk)
    if not outcomes:
        return None
    return OutcomeSection(
        template="monitoring/includes/proposal_outcome.html", context={"outcomes": outcomes}, order=30
    )
