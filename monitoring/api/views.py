"""Monitoring's endpoints: measures, indicators, indicator values and released reports (the statistics are in
`statistics`)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from lip.api.views import PublicReadOnlyViewSet

from . import selectors
from .filters import IndicatorFilter, IndicatorValueFilter, MeasureFilter, ReportFilter
from .serializers import IndicatorSerializer, IndicatorValueSerializer, MeasureSerializer, ReportSerializer


@extend_schema_view(
    list=extend_schema(
        summary="LIP measures",
        description="The measures of the Lokaler Integrationsplan with progress, origins (proposals) and the funded "
        "projects implementing them; sub-measures name their parent.",
    ),
    retrieve=extend_schema(summary="One measure, by its short name (slug)"),
)
class MeasureViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_measures)
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    lookup_field = "slug"
    ordering_fields = ["id", "title", "start", "sort_order"]
    ordering = "id"


@extend_schema_view(
    list=extend_schema(
        summary="Indicators",
        description="What shows whether a measure (or a field of action) works: baseline, target and every measured value.",
    ),
    retrieve=extend_schema(summary="One indicator with its values"),
)
class IndicatorViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_indicators)
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["id", "name", "sort_order"]
    ordering = "id"


@extend_schema_view(
    list=extend_schema(
        summary="Indicator values",
        description="One row per measured value of an indicator.",
    ),
    retrieve=extend_schema(summary="One indicator value"),
)
class IndicatorValueViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_indicator_values)
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    ordering_fields = ["id", "date"]
    ordering = "id"


@extend_schema_view(
    list=extend_schema(
        summary="Reports to the council bodies",
        description="Issued reports released to the public: metadata and the addresses of their PDFs.",
    ),
    retrieve=extend_schema(summary="One released report"),
)
class ReportViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_reports)
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["id", "issued_at", "released_at", "period_start"]
    ordering = "-id"
