"""The base of every open-data endpoint."""

from rest_framework import viewsets


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail over public rows only. Subclasses set `queryset` (or `get_queryset`) to what anyone may see
    on the site, a serializer without personal data, `filterset_class` and `ordering_fields`."""

    lookup_value_regex = r"[^/]+"
