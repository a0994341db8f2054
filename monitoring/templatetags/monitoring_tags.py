"""Numbers, amounts, dates and progress for the monitoring pages and reports (in the active language)."""

from decimal import Decimal

from django import template

from monitoring import formats

register = template.Library()


@register.filter
def num(value, places=0):
    return formats.fmt_number(value, int(places))


@register.filter
def pct(value, places=1):
    return formats.fmt_percent(value, int(places))


@register.filter
def euro(value):
    return formats.fmt_euro(value)


@register.filter
def measured(value):
    """An indicator value with as many decimal places as it needs."""
    return formats.fmt_value(value)


@register.filter
def day(value, fmt="d.m.Y"):
    """A date or an ISO date string („2026-03-31“) as „31.03.2026“."""
    return formats.fmt_date(value, fmt)


@register.filter
def bar_width(value) -> str:
    """A progress value as a CSS width between 0 and 100 % (for the bar; the number is always written next to it)."""
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return "0"
    return str(min(max(number, Decimal(0)), Decimal(100)))


@register.filter
def add_values(row, names):
    """The sum of several keys of a row: {{ row|add_values:"votes_online,votes_analog" }}."""
    return sum(int(row.get(name, 0) or 0) for name in names.split(","))
