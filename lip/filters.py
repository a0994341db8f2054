"""django-filter filters whose lookups never fail on odd input (see lip.formfields)."""

import django_filters
from django_filters import fields as filter_fields

from .formfields import SafeChoiceMixin, validate_no_control_characters


class _SafeModelChoiceField(SafeChoiceMixin, filter_fields.ModelChoiceField):
    pass


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    """ModelChoiceFilter that treats a number outside the 64-bit range (or NUL) as an invalid choice."""

    field_class = _SafeModelChoiceField


class CleanCharFilter(django_filters.CharFilter):
    """CharFilter that refuses NUL and control characters (PostgreSQL refuses NUL in a query)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("validators", [validate_no_control_characters])
        super().__init__(*args, **kwargs)
