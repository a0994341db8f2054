"""What the open-data API shows of monitoring: what the measure pages, the report archive and the statistics page
show, nothing more (never who entered a value or released a report, never a recipient)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lip.api.serializers import AbsoluteUrlField, NamedSerializer, ReferenceListField, absolute

from ..models import Audience, Indicator, IndicatorValue, Measure, Report, report_filename


class MeasureSerializer(serializers.ModelSerializer):
    topic = NamedSerializer(read_only=True)
    districts = NamedSerializer(many=True, read_only=True)
    citywide = serializers.BooleanField(source="is_citywide", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    progress = serializers.DecimalField(
        source="overall_progress",
        max_digits=4,
        decimal_places=1,
        read_only=True,
        help_text="Per cent; for a measure with sub-measures the weighted mean of their progress.",
    )
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    children = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    proposals = ReferenceListField(
        source="public_proposals", help_text="Reference numbers of the published proposals the measure came from."
    )
    projects = ReferenceListField(
        source="public_projects", help_text="Reference numbers of the funded projects (`/projects/`) implementing it."
    )
    indicators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    url = AbsoluteUrlField()

    class Meta:
        model = Measure
        fields = [
            "slug",
            "title",
            "description",
            "topic",
            "districts",
            "citywide",
            "department",
            "partners",
            "state",
            "state_label",
            "progress",
            "start",
            "end",
            "parent",
            "weight",
            "children",
            "proposals",
            "projects",
            "indicators",
            "url",
        ]


class ValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "comment"]


class IndicatorSerializer(serializers.ModelSerializer):
    measure = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topic = NamedSerializer(read_only=True, allow_null=True)
    values = ValueSerializer(source="value_list", many=True, read_only=True)
    latest_value = serializers.SerializerMethodField()
    attainment = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "description",
            "unit",
            "measure",
            "topic",
            "source",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "latest_value",
            "attainment",
            "values",
        ]

    @extend_schema_field(ValueSerializer(allow_null=True))
    def get_latest_value(self, indicator: Indicator):
        values = indicator.value_list
        return ValueSerializer(values[-1]).data if values else None

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True))
    def get_attainment(self, indicator: Indicator):
        """Target attainment of the latest value in per cent: 0 at the baseline, 100 at the target."""
        values = indicator.value_list
        share = indicator.attainment(values[-1].value if values else None)
        return None if share is None else str(share)


class IndicatorValueSerializer(serializers.ModelSerializer):
    """One dated value of an indicator, with the indicator's key figures (one row per value, for CSV)."""

    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    measure = serializers.SlugRelatedField(source="indicator.measure", slug_field="slug", read_only=True)
    topic = serializers.SlugRelatedField(source="indicator.topic", slug_field="slug", read_only=True)
    baseline_value = serializers.DecimalField(
        source="indicator.baseline_value", max_digits=14, decimal_places=2, read_only=True
    )
    target_value = serializers.DecimalField(
        source="indicator.target_value", max_digits=14, decimal_places=2, read_only=True
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "indicator_name",
            "unit",
            "measure",
            "topic",
            "date",
            "value",
            "comment",
            "baseline_value",
            "target_value",
        ]


class FileSerializer(serializers.Serializer):
    """One PDF of a report, at the site's own download address (which checks it is unchanged)."""

    url = serializers.URLField(read_only=True)
    filename = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    page_count = serializers.IntegerField(read_only=True)


class AudienceSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Audience.choices, read_only=True)
    label = serializers.CharField(read_only=True)


class ReportSerializer(serializers.ModelSerializer):
    audiences = serializers.SerializerMethodField()
    district = serializers.CharField(source="run.district.name", read_only=True, allow_null=True, default=None)
    pdf = serializers.SerializerMethodField()
    annex = serializers.SerializerMethodField()
    url = AbsoluteUrlField()

    class Meta:
        model = Report
        fields = [
            "id",
            "number",
            "title",
            "period_start",
            "period_end",
            "issued_at",
            "released_at",
            "audiences",
            "district",
            "pdf",
            "annex",
            "url",
        ]

    @extend_schema_field(AudienceSerializer(many=True))
    def get_audiences(self, report: Report) -> list[dict]:
        labels = dict(Audience.choices)
        return [{"key": key, "label": str(labels.get(key, key))} for key in report.audiences or []]

    def _file(self, report: Report, part: str, url_name: str) -> dict | None:
        if part == "annex" and not report.annex_document_id:
            return None
        annex = part == "annex"
        return {
            "url": absolute(self.context.get("request"), reverse(url_name, kwargs={"pk": report.pk})),
            "filename": report_filename(report.number, annex=annex),
            "sha256": report.annex_sha256 if annex else report.pdf_sha256,
            "page_count": report.annex_page_count if annex else report.page_count,
        }

    @extend_schema_field(FileSerializer)
    def get_pdf(self, report: Report) -> dict:
        return self._file(report, "paper", "monitoring:report_pdf")

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_annex(self, report: Report) -> dict | None:
        return self._file(report, "annex", "monitoring:report_annex_pdf")
