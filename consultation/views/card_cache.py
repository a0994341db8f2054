"""Whole proposal cards and the list's filter form from the cache (issue 16), for signed-in people too.

A list of twenty proposals spent most of its time rendering twenty cards with their nested includes and the filter
form's widgets, signed in as much as signed out (the page cache only serves anonymous visitors). A card
(includes/proposal_item.html: topic, state, title, district, author, channel, comments, votes and the vote offer)
depends on the tags `consultation:<pk>` and `site`, which every write that can change a card bumps already
(lip/pagecache/tags.py: proposals, comments, votes, responses, moderation; names, organisations, topics, districts),
on the language, the heading level, whether the voting phase runs, and on what the card offers this person (its
`card_vote`: support, take back, budget used up, sign in, or nothing). So a card is kept once per kind of offer, and
what is personal beyond that kind is filled in for each request: the CSRF token, the list's address the vote form
returns to, and the votes left. They are rendered as placeholders derived from SECRET_KEY (nobody can type them into
a title) and replaced in the stored HTML, escaped as the template would have. The filter form depends on `site`
(its topics and districts) and the query string. See lip/pagecache/fragments.py.
"""

import dataclasses
import hashlib
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from lip.pagecache import fragments, tags

from ..models import ConsultationPage, Proposal

CARD = "consultation/includes/proposal_item.html"
FILTERS = "consultation/includes/proposal_filters.html"


def _renderer(template_name: str, context: dict):
    template = get_template(template_name).template
    return lambda: template.render(Context(context))


@cache
def _placeholder(name: str) -> str:
    """A word that stands for a personal value in a stored card: the same in every worker, unknown to visitors."""
    return "lip" + hashlib.sha256(f"{settings.SECRET_KEY}:card:{name}".encode()).hexdigest()[:20]


def _offer_name(proposal: Proposal) -> str:
    """What the card offers, as part of its key: the kind of vote offer (and the sign-in address, which differs
    from list to list), or nothing."""
    card = getattr(proposal, "card_vote", None)
    if card is None:
        return "none"
    if card.login_url:
        return f"{card.kind}-{hashlib.sha256(card.login_url.encode()).hexdigest()[:12]}"
    return f"{card.kind}-{card.budget}"


def attach_cards(
    request, page: ConsultationPage, proposals: list[Proposal], *, voting_open: bool, heading: str = "h3"
) -> None:
    """Give each proposal its `card_html` (safe HTML of the whole card) from the cache, rendering and storing those
    that are missing. The proposals come with their reference data (selectors.with_reference_data) and their
    `card_vote` (cards.attach_card_votes)."""
    if not proposals or not fragments.enabled():
        return
    stamp = fragments.stamp(
        [tags.consultation(page.pk), tags.SITE], str(page.pk), heading, str(voting_open), request=request
    )
    common = {
        "request": request,
        "page": page,
        "heading": heading,
        "voting_open": voting_open,
        "csrf_token": _placeholder("csrf"),
    }
    names = {f"{proposal.pk}:{_offer_name(proposal)}": proposal for proposal in proposals}
    renderers = {name: _card_renderer(common, proposal) for name, proposal in names.items()}
    cards = fragments.get_or_render("item", stamp, renderers)
    fill = _personal_values(request, proposals)
    for name, proposal in names.items():
        html = cards[name]
        for placeholder, value in fill.items():
            html = html.replace(placeholder, value)
        proposal.card_html = mark_safe(html)  # noqa: S308 - our cached card, the values filled in escaped


def _card_renderer(common: dict, proposal: Proposal):
    """Render the card with placeholders for the personal values of its vote offer (the card_vote as it is once
    the renderer runs, with the placeholders in, then put back)."""
    template = get_template(CARD).template

    def render() -> str:
        card = getattr(proposal, "card_vote", None)
        if card is not None and not card.login_url:
            proposal.card_vote = dataclasses.replace(
                card, next_url=_placeholder("next"), remaining=_placeholder("remaining")
            )
        try:
            return template.render(Context({**common, "proposal": proposal}))
        finally:
            if card is not None:
                proposal.card_vote = card

    return render


def _personal_values(request, proposals: list[Proposal]) -> dict[str, str]:
    """The placeholders of this request's cards and their values, escaped as the template escapes them."""
    card = next((p.card_vote for p in proposals if getattr(p, "card_vote", None) and not p.card_vote.login_url), None)
    if card is None:
        return {}
    return {
        _placeholder("csrf"): conditional_escape(get_token(request)),
        _placeholder("next"): conditional_escape(card.next_url),
        _placeholder("remaining"): conditional_escape(localize(card.remaining)),
    }


def remember_count(request, page: ConsultationPage, paginator) -> None:
    """Set the list's `paginator.count` (a COUNT over thousands of rows) from the cache, keyed on the query string
    without page and order: it depends on the same tags as the cards (the anonymous list page caches it with them).
    Counted and stored when missing."""
    if not fragments.enabled():
        return
    query = urlencode(sorted((k, v) for k, v in request.GET.lists() if k not in ("page", "sort")), doseq=True)
    stamp = fragments.stamp([tags.consultation(page.pk), tags.SITE], str(page.pk), query, request=request)
    found = fragments.get_or_render("count", stamp, {"all": lambda: str(paginator.count)})
    paginator.count = int(found["all"])  # Paginator.count is a cached_property: this is its value from now on


def filter_form(request, context: dict) -> str | None:
    """The list's filter panel (includes/proposal_filters.html) for `context`, from the cache; None without it."""
    if not fragments.enabled():
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    stamp = fragments.stamp([tags.SITE], context["list_url"], query, request=request)
    return fragments.get_or_render("filters", stamp, {"form": _renderer(FILTERS, {"request": request, **context})})[
        "form"
    ]
