from django import template

from ..permissions import has_published_response

register = template.Library()


@register.filter
def published_response(proposal):
    """The proposal's official answer when the city has published it, else None.

    `proposal.response` in a template raises for a proposal without an answer; Django's template engine then looks the
    name up in `dir(proposal)` before giving up, which for a list of twenty mostly unanswered proposals costs more than
    rendering their answers."""
    return proposal.response if has_published_response(proposal) else None
