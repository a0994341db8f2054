"""The participation statistics as one object (`/api/v1/statistics/`): the figures of the public statistics page
(`monitoring.statistics.figures.participation_statistics`), sums only, for everything so far or one calendar year."""

from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ..statistics.figures import participation_statistics

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class GroupSerializer(serializers.Serializer):
    """One group of a breakdown: its key (a slug, an id or a choice value) and its label."""

    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)


class ActivitySerializer(GroupSerializer):
    """Contributions in one group (a consultation, a district, a topic, a channel), online and analog apart."""

    proposals = serializers.IntegerField(read_only=True)
    proposals_online = serializers.IntegerField(read_only=True)
    proposals_analog = serializers.IntegerField(read_only=True)
    comments = serializers.IntegerField(read_only=True)
    votes = serializers.IntegerField(read_only=True)
    votes_online = serializers.IntegerField(read_only=True)
    votes_analog = serializers.IntegerField(read_only=True)
    draft_comments_online = serializers.IntegerField(read_only=True)
    draft_comments_analog = serializers.IntegerField(read_only=True)
    survey_responses_online = serializers.IntegerField(read_only=True)
    survey_responses_analog = serializers.IntegerField(read_only=True)


class EventKindSerializer(GroupSerializer):
    events = serializers.IntegerField(source="count", read_only=True)
    attendees = serializers.IntegerField(source="other", read_only=True)


class OrganisationTypeSerializer(GroupSerializer):
    registered = serializers.IntegerField(source="count", read_only=True)
    participating = serializers.IntegerField(source="other", read_only=True)


class FundingSerializer(GroupSerializer):
    applications = serializers.IntegerField(read_only=True)
    awarded = serializers.IntegerField(read_only=True)
    amount = serializers.DecimalField(**MONEY)


class FundRowSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    budget = serializers.DecimalField(**MONEY)
    committed = serializers.DecimalField(**MONEY)
    remaining = serializers.DecimalField(**MONEY)
    awards = serializers.IntegerField(read_only=True)


@extend_schema_serializer(many=False)
class StatisticsSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True, allow_null=True)
    end = serializers.DateField(read_only=True, allow_null=True)
    total = ActivitySerializer(read_only=True)
    by_consultation = ActivitySerializer(many=True, read_only=True)
    by_district = ActivitySerializer(many=True, read_only=True)
    by_topic = ActivitySerializer(many=True, read_only=True)
    by_channel = ActivitySerializer(many=True, read_only=True)
    participants_online = serializers.IntegerField(read_only=True)
    events = serializers.IntegerField(read_only=True)
    event_attendees = serializers.IntegerField(read_only=True)
    events_by_kind = EventKindSerializer(many=True, read_only=True)
    organisations_by_type = OrganisationTypeSerializer(many=True, read_only=True)
    proposals_until_end = serializers.IntegerField(read_only=True)
    answered_until_end = serializers.IntegerField(read_only=True)
    answered_share = serializers.IntegerField(read_only=True, help_text="Per cent of the proposals answered.")
    responses_in_period = serializers.IntegerField(read_only=True)
    median_days_to_response = serializers.FloatField(read_only=True, allow_null=True)
    applications = serializers.IntegerField(read_only=True)
    awarded = serializers.IntegerField(read_only=True)
    awarded_amount = serializers.DecimalField(**MONEY)
    applications_by_district = FundingSerializer(many=True, read_only=True)
    applications_by_topic = FundingSerializer(many=True, read_only=True)
    funds = FundRowSerializer(many=True, read_only=True)


class StatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class StatisticsViewSet(viewsets.GenericViewSet):
    """One object, not a list: no pagination, no filters but the year."""

    serializer_class = StatisticsSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="Participation statistics",
        description="Aggregate figures of the participation process as the statistics page shows them: sums only, "
        "online and analog contributions side by side. Without `year`, everything so far.",
        parameters=[OpenApiParameter("year", int, description="Only this calendar year (2000–2100).", required=False)],
        # No `responses=`: the serializer class (one object, `many=False`) documents the 200, and
        # `lip.api.schema.OpenDataAutoSchema` adds the 400 and the 429.
    )
    def list(self, request, *args, **kwargs):
        query = StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year")
        start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
        figures = participation_statistics(start=start, end=end)
        return Response(self.get_serializer(figures).data)
