"""Readable numbers per year (LIP-2026-0001, GFZ-2026-0001), drawn from a counter row per year."""

from django.db.models import F, Model


def next_yearly_reference(counter_model: type[Model], year: int, prefix: str) -> str:
    """Draw the next number of `year` from `counter_model` (one row per `year`, the last number drawn in `last`) and
    return it as `<prefix>-<year>-0001`. Must run inside a transaction: locks the counter row."""
    counter_model.objects.get_or_create(year=year)
    counter = counter_model.objects.select_for_update().get(year=year)
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}-{year}-{counter.last:04d}"
