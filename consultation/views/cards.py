"""What a proposal card in a list offers in the voting phase (includes/proposal_item.html), and the way back to the
list after a vote cast from it.

The card offers to support the proposal, to take the support back, or (anonymous visitors) to sign in. The same
predicates as on the proposal page decide (permissions.can_vote / can_withdraw_vote), evaluated in memory for every
card: the person's votes in the consultation come in one query, the budget with the page, the phases are prefetched.
Anonymous visitors get only the sign-in link, which is the same for everyone: the page stays cacheable (lip.pagecache).
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from django.utils.http import url_has_allowed_host_and_scheme

from lip import http

from .. import permissions, selectors
from ..models import ConsultationPage, Proposal
from ..permissions import Action
from . import card_cache

VOTE = "vote"
WITHDRAW = "withdraw"
EXHAUSTED = "exhausted"  # the budget is used up: the card says so instead of offering a button that would fail
LOGIN = "login"


@dataclass(frozen=True)
class CardVote:
    kind: str
    next_url: str = ""  # where the vote form returns to: the list as the person sees it (page, filters)
    login_url: str = ""
    remaining: int | None = None
    budget: int = 0
    action_url: str = ""  # where the vote (or its withdrawal) is posted


def card_anchor(proposal: Proposal) -> str:
    """The id of the proposal's card in a list (and the fragment a vote from the list returns to)."""
    return f"proposal-{proposal.pk}"


def voting_open(page: ConsultationPage) -> bool:
    """Whether the consultation's current phase is a voting phase (phases prefetched: no query)."""
    return bool(permissions.phase_decision(page, Action.VOTE))


def attach_card_votes(
    request,
    page: ConsultationPage,
    proposals: list[Proposal],
    *,
    back_url: str,
    state: selectors.VoteState | None = None,
) -> None:
    """Give each proposal of a list shown on `back_url` its `card_vote` (a CardVote) while the voting phase runs.

    A card without `card_vote` offers nothing: outside the voting phase, and for people who may not vote (the
    proposal page says why). No query per card; one for the person's votes (selectors.vote_state) unless the view
    has read them already (`state`)."""
    if not proposals or not voting_open(page):
        return
    user = request.user
    for proposal in proposals:
        proposal.consultation = page  # the predicates read the phases of the page the view already has
    if not user.is_authenticated:
        for proposal in proposals:
            anchor = card_anchor(proposal)
            proposal.card_vote = CardVote(LOGIN, login_url=http.login_url(f"{back_url}#{anchor}"))
        return
    if state is None:
        state = selectors.vote_state(user, page)
    base = http.page_url(request, page)  # once for all cards: Wagtail works a page's URL out anew on every call
    for proposal in proposals:
        voted = proposal.pk in state.voted_ids
        if not (permissions.can_withdraw_vote if voted else permissions.can_vote)(user, proposal):
            continue
        kind = WITHDRAW if voted else (EXHAUSTED if state.remaining == 0 else VOTE)
        action = "stimme-zurueckziehen" if voted else "stimme"
        proposal.card_vote = CardVote(
            kind,
            next_url=back_url,
            remaining=state.remaining,
            budget=state.budget,
            action_url=base + page.reverse_subpage("proposal_action", args=(proposal.reference, action)),
        )


def prepare_cards(
    request, page: ConsultationPage, proposals, *, state: selectors.VoteState | None = None
) -> list[Proposal]:
    """The proposals of a list on this request's address, ready for their cards: with their reference data, their
    vote offer (`attach_card_votes`) and their whole card from the cache (`card_cache.attach_cards`)."""
    listed = selectors.with_reference_data(proposals)
    attach_card_votes(request, page, listed, back_url=request.get_full_path(), state=state)
    card_cache.attach_cards(request, page, listed, voting_open=voting_open(page))
    return listed


def card_list_context(request, page: ConsultationPage, page_obj) -> dict:
    """What a template that lists a page of proposal cards needs: `page_obj` (None: nothing to list), its proposals
    ready as cards (`proposals`), and `voting_open` for the cards' vote buttons."""
    proposals = prepare_cards(request, page, page_obj.object_list) if page_obj else []
    return {"page_obj": page_obj, "proposals": proposals, "voting_open": voting_open(page)}


def return_url(request, page: ConsultationPage, proposal: Proposal) -> str | None:
    """Where a vote cast from a list goes back to: the POSTed `next` (the list's address with its page and filters)
    with the card's anchor, if it is a path on this site under the consultation's page; None otherwise (a forged
    or missing `next`), and the vote goes back to the proposal page as before."""
    target = request.POST.get("next", "")
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if any(segment in (".", "..") for segment in unquote(parts.path).split("/")):
        return None  # "/beteiligung/x/../../admin/" would leave the consultation
    if not parts.path.startswith(urlsplit(http.page_url(request, page)).path):
        return None
    return urlunsplit(("", "", parts.path, parts.query, card_anchor(proposal)))
