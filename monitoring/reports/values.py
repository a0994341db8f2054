"""How values are written into a report's data snapshot (plain JSON): the labels of choices as the words of the day,
dates as ISO strings, amounts as decimal strings."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Model


def choice_labels(model: type[Model], field_name: str) -> dict[str, str]:
    """The labels of a field's choices in the active language, computed once for a whole list (what
    `get_<field>_display()` says, without its cost per call); look one up with `.get(value, value)` as Django does."""
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def money(value: Decimal | None) -> str:
    return str((value or Decimal(0)).quantize(Decimal("0.01")))
