"""Monitoring's endpoints: measures, indicators, indicator values and released reports (the statistics are in
`statistics`)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from lip.api.views import PublicReadOnlyViewSet

from ..models import Measure
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
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    lookup_field = "slug"
    ordering_fields = ["id", "title", "start", "sort_order"]
    ordering = "id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is made without a database
            return Measure.objects.none()
        return selectors.public_measures()


@extend_schema_view(
    list=extend_schema(
        summary="Indicators",
        description="What shows whether a measure (or a field of action) works: baseline, target and every "
        "measured value.",
    ),
    retrieve=extend_schema(summary="One indicator with its values"),
)
class IndicatorViewSet(PublicReadOnlyViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["id", "name", "sort_order"]
    ordering = "id"

    def get_queryset(self):
        return selectors.public_indicators()


@extend_schema_view(
    list=extend_schema(summary="Indicator values", description="One row per measured value of an indicator."),
    retrieve=extend_schema(summary="One indicator value"),
)
class IndicatorValueViewSet(PublicReadOnlyViewSet):
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    ordering_fields = ["id", "date"]
    ordering = "id"

    def get_queryset(self):
        return selectors.public_indicator_values()


@extend_schema_view(
    list=extend_schema(
        summary="Reports to the council bodies",
        description="Issued reports released to the public: metadata and the addresses of their PDFs.",
    ),
    retrieve=extend_schema(summary="One released report"),
)
class ReportViewSet(PublicReadOnlyViewSet):
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["id", "issued_at", "released_at", "period_start"]
    ordering = "-id"

    def get_queryset(self):
        return selectors.public_reports()
