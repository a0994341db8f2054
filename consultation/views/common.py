"""What the public pages of a consultation share: loading a page, addresses, offers (an action or why not)."""

import secrets
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse

from lip import http

from .. import permissions, selectors
from ..models import ConsultationPage, Phase, Proposal
from ..permissions import Action

PAGE_SIZE = 20
SEED_SESSION_KEY = "consultation_sort_seed"
SEED_MODULUS = 1_000_003  # prime, the modulus of selectors.order_proposals' permutation
LATEST_COUNT = 5
SAFE_METHODS = ("GET", "HEAD")


# --- Helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """What a page shows for one action: the way to do it, or why not (and where to sign in, if that helps)."""

    allowed: bool
    reason: str = ""
    login_url: str = ""

    def __bool__(self) -> bool:
        return self.allowed


FORM_LOOKUPS = ("topics", "districts", "suggested_tags")


def prepare_page(page: ConsultationPage, *lookups: str) -> ConsultationPage:
    """Load the page's phases (and the other relations named) once, so that predicates and templates work in memory."""
    if page.pk is None or getattr(page, "_cluster_related_objects", None):
        return page  # a preview with unsaved children: the in-memory state is what counts
    prefetch_related_objects([page], Prefetch("phases", queryset=Phase.objects.order_by("start")), *lookups)
    return page


def sub_url(request, page: ConsultationPage, name: str, *args) -> str:
    return http.page_url(request, page) + page.reverse_subpage(name, args=args)


def proposal_page_url(request, page: ConsultationPage, proposal: Proposal) -> str:
    return sub_url(request, page, "proposal_detail", proposal.reference)


def make_offer(
    decision: permissions.Decision, *, consultation: ConsultationPage, action: Action, next_url: str
) -> Offer:
    """Turn a Decision into what the page shows. For anonymous visitors the phase comes first: signing in does not
    help when the phase does not allow the action yet."""
    if decision:
        return Offer(True)
    if decision.needs_login:
        phase = permissions.phase_decision(consultation, action)
        if not phase:
            return Offer(False, phase.reason)
        return Offer(False, decision.reason, login_url=http.login_url(next_url))
    return Offer(False, decision.reason)


def get_proposal(request, page: ConsultationPage, reference: str) -> Proposal:
    """The proposal of this consultation with this reference, if the viewer may see it; 404 otherwise."""
    proposal = selectors.proposal_by_reference(page, reference)
    if proposal is None or not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    proposal.consultation = page  # the page with its phases already loaded
    return proposal


def sort_seed(request) -> int:
    """The visitor's seed for the random order, made once and kept in the session so that paging is stable."""
    seed = request.session.get(SEED_SESSION_KEY)
    if not isinstance(seed, int) or not 0 < seed < SEED_MODULUS:
        seed = secrets.randbelow(SEED_MODULUS - 1) + 1
        request.session[SEED_SESSION_KEY] = seed
    return seed


def base_context(page: ConsultationPage, **extra) -> dict:
    return {"page": page, "self": page, **extra}


def submit_offer(request, page: ConsultationPage) -> Offer:
    create_url = sub_url(request, page, "proposal_create")
    return make_offer(
        permissions.can_submit(request.user, page), consultation=page, action=Action.SUBMIT, next_url=create_url
    )


def refusal(request, decision: permissions.Decision, *, next_url: str) -> HttpResponse | None:
    """The answer to a form page that may not go on: 405 for a method other than GET, HEAD and POST, the refusal
    when `decision` says no (sign in, or 403 with the reason); None when the view may go on."""
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    if not decision:
        return http.refuse(request, decision, next_url=next_url)
    return None
