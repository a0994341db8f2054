"""Numbers, amounts and dates as people read them, in the active language (German in reports)."""

from datetime import date
from decimal import Decimal

from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format

Number = int | float | Decimal | str | None


def _decimal(value: Number) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def fmt_number(value: Number, places: int = 0) -> str:
    """1234.5 -> „1.234,5“ (German) with `places` decimal places; „–“ for no value."""
    number = _decimal(value)
    if number is None:
        return "–"
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def fmt_value(value: Number) -> str:
    """An indicator value: whole numbers without, others with their decimal places (at most two)."""
    number = _decimal(value)
    if number is None:
        return "–"
    places = 0 if number == number.to_integral_value() else 2 if (number * 10) % 1 else 1
    return fmt_number(number, places)


def fmt_percent(value: Number, places: int = 1) -> str:
    number = _decimal(value)
    if number is None:
        return "–"
    if places and number == number.to_integral_value():
        places = 0
    return f"{fmt_number(number, places)}\u00a0%"


def fmt_euro(value: Number) -> str:
    number = _decimal(value)
    if number is None:
        return "–"
    return f"{fmt_number(number, 2)}\u00a0€"


def fmt_date(value: date | str | None, fmt: str = "d.m.Y") -> str:
    if not value:
        return "–"
    day = parse_date(value) if isinstance(value, str) else value
    return date_format(day, fmt)
