"""Filters shared by the apps' FilterSets. A value that does not fit (an unknown slug, a malformed date, a typo in a
boolean) is a 400 with a message, never every row and never a 500."""

import django_filters
from django.db.models import Model
from django_filters.constants import EMPTY_VALUES


class StrictBooleanFilter(django_filters.ChoiceFilter):
    """`true` or `false`, and anything else a 400 (django-filter's BooleanFilter silently ignores what it cannot
    read, so a typo would return every row)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", (("true", "true"), ("false", "false")))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return super().filter(qs, value == "true")


def slug_filter(model: type[Model], field_name: str | None = None, **kwargs) -> django_filters.ModelChoiceFilter:
    """A row of `model` named by its slug (a district, a topic, a measure, ...); an unknown slug is a 400."""
    if field_name is not None:
        kwargs["field_name"] = field_name
    return django_filters.ModelChoiceFilter(to_field_name="slug", queryset=model.objects.all(), **kwargs)


def range_filters(field_name: str, *, upper: str = "lt", filter_class=django_filters.IsoDateTimeFilter) -> tuple:
    """The pair `<name>_after` (from, inclusive) and `<name>_before` (until; `upper` "lt" or "lte") over one date or
    time field: ``created_after, created_before = range_filters("created_at")``."""
    return filter_class(field_name=field_name, lookup_expr="gte"), filter_class(
        field_name=field_name, lookup_expr=upper
    )
