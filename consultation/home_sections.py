"""What the consultation app adds to the home page and the site search (see home/registry.py)."""

from django.utils.translation import gettext as _

from home.registry import HomeSection, SearchGroup

from . import page_cache, selectors
from .models import Proposal, ProposalState


def running_consultations(request) -> HomeSection:
    page_cache.until_next_phase_change(request)
    return HomeSection(
        template="consultation/includes/home_running.html",
        context={"consultations": selectors.running_consultations()},
        order=10,
    )


def proposal_search(request, query: str) -> SearchGroup:
    qs = selectors.proposal_search(
        Proposal.objects.filter(state=ProposalState.PUBLISHED, consultation__live=True).select_related(
            "consultation", "topic"
        ),
        query,
    ).order_by("-created_at")[:20]
    return SearchGroup(
        title=_("Vorschläge"), results=list(qs), template="consultation/includes/search_results.html", order=10
    )
