"""Template helpers of the idea competition: amounts in euro, scores, where a submission window stands."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone
from django.utils.numberformat import format as number_format

register = template.Library()


@register.filter
def euro(value) -> str:
    """An amount in the active language's notation with two decimals: 1234.5 → „1.234,50 €“ in German."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    text = number_format(
        amount,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=2,
        grouping=formats.get_format("NUMBER_GROUPING") or 3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    return f"{text}\u00a0€"


@register.filter
def score(value) -> str:
    """A score on the 0–5 scale with two decimals in the active language's notation, or an en dash."""
    if value is None:
        return "–"
    return formats.number_format(value, 2)


@register.simple_tag
def submission_status(competition) -> dict:
    """Where the competition's submission window stands now: `upcoming`, `open` with the calendar `days` left until
    the deadline (Hannover's dates; 0 on the last day) or `closed`. Cached pages expire at midnight (page_cache)."""
    now = timezone.now()
    if now < competition.submission_start:
        return {"state": "upcoming"}
    if now >= competition.submission_end:
        return {"state": "closed"}
    days = (timezone.localtime(competition.submission_end).date() - timezone.localdate(now)).days
    return {"state": "open", "days": days}
