"""What the idea competition adds to a proposal's "Was daraus wurde": funded projects that build on it."""

from django.utils import timezone

from consultation.registry import OutcomeSection

from .models import Application, ApplicationState


def funded_projects(proposal) -> OutcomeSection | None:
    """Awarded applications linked to the proposal, once their competition's results are public (one query)."""
    projects = list(
        Application.objects.filter(
            proposals=proposal,
            state=ApplicationState.AWARDED,
            competition__results_published_at__lte=timezone.now(),
        )
        .select_related("organisation", "award", "competition")
        .order_by("title")
    )
    if not projects:
        return None
    return OutcomeSection(template="ideas/includes/proposal_outcome.html", context={"projects": projects}, order=20)
