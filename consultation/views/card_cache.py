"""Proposal cards and the list's filter form from the cache (issue 16), for signed-in people too.

A list of twenty proposals spent most of its time rendering twenty cards with their nested includes and the filter
form's widgets, signed in as much as signed out (the page cache only serves anonymous visitors). The card's common
part (includes/proposal_card_body.html: topic, state, title, district, author, channel, comments, votes) depends on
the tags `consultation:<pk>` and `site`, which every write that can change a card bumps already
(lip/pagecache/tags.py: proposals, comments, votes, responses, moderation; names, organisations, topics, districts),
and on the language, the heading level and whether the voting phase runs. What is personal (the vote offer) is
rendered for each request around it (includes/proposal_item.html). The filter form depends on `site` (its topics and
districts) and the query string. See lip/pagecache/fragments.py.
"""

from urllib.parse import urlencode

from django.template import Context
from django.template.loader import get_template

from lip.pagecache import fragments, tags

from ..models import ConsultationPage, Proposal

BODY = "consultation/includes/proposal_card_body.html"
FILTERS = "consultation/includes/proposal_filters.html"


def _renderer(template_name: str, context: dict):
    template = get_template(template_name).template
    return lambda: template.render(Context(context))


def attach_card_bodies(
    request, page: ConsultationPage, proposals: list[Proposal], *, voting_open: bool, heading: str = "h3"
) -> None:
    """Give each proposal its `card_body` (safe HTML) from the cache, rendering and storing those that are missing.
    The proposals come with their reference data (selectors.with_reference_data)."""
    if not proposals or not fragments.enabled():
        return
    stamp = fragments.stamp(
        [tags.consultation(page.pk), tags.SITE], str(page.pk), heading, str(voting_open), request=request
    )
    common = {"request": request, "page": page, "heading": heading, "voting_open": voting_open}
    renderers = {str(p.pk): _renderer(BODY, {**common, "proposal": p}) for p in proposals}
    bodies = fragments.get_or_render("card", stamp, renderers)
    for proposal in proposals:
        proposal.card_body = bodies[str(proposal.pk)]


def filter_form(request, context: dict) -> str | None:
    """The list's filter panel (includes/proposal_filters.html) for `context`, from the cache; None without it."""
    if not fragments.enabled():
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    stamp = fragments.stamp([tags.SITE], context["list_url"], query, request=request)
    return fragments.get_or_render("filters", stamp, {"form": _renderer(FILTERS, {"request": request, **context})})[
        "form"
    ]
