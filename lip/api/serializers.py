"""Fields and serializers shared by the apps' API serializers."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def absolute(request, url: str) -> str:
    """`url` with scheme and host when it is a path and a request is known (the bulk downloads have none)."""
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url


class NamedSerializer(serializers.Serializer):
    """A district or a topic: its short name (slug) and its name."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrlField(serializers.ReadOnlyField):
    """The address of the row's public page (`get_absolute_url`), absolute when there is a request."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value)


class ReferenceListField(serializers.ListField):
    """The reference numbers of related rows (a prefetched list named by `source`), e.g. ``["LIP-2026-0042"]``."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, data):
        return [row.reference for row in data]
