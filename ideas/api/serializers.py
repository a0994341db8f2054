"""What the open-data API shows of the idea competition. Only what the public pages show: never the applicant's
contact person, e-mail or user, the cost plan, jury scores, conflicts of interest, attachments or the award letter."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lip import http
from lip.api.serializers import NamedSerializer, ReferenceListField, absolute

from ..models import Application, CompetitionPage, ProgressReport


class CompetitionState:
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    RESULTS_PUBLISHED = "results_published"

    # The values are the labels: an API's enum, not words shown to people (so nothing to translate).
    choices = tuple((state, state) for state in (UPCOMING, OPEN, CLOSED, RESULTS_PUBLISHED))


def competition_state(page: CompetitionPage) -> str:
    now = timezone.now()
    if page.results_published(now):
        return CompetitionState.RESULTS_PUBLISHED
    if now < page.submission_start:
        return CompetitionState.UPCOMING
    return CompetitionState.OPEN if page.submission_open(now) else CompetitionState.CLOSED


def competition_url(page: CompetitionPage, request, subpage: str = "") -> str:
    url = http.page_url(request, page)
    return absolute(request, url + (page.reverse_subpage(subpage) if subpage else ""))


class FundSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)


class CompetitionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)


class ProgressSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["state", "state_label", "reported_on", "text"]


class CompetitionSerializer(serializers.ModelSerializer):
    fund = FundSerializer(read_only=True)
    state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    results_url = serializers.SerializerMethodField()

    class Meta:
        model = CompetitionPage
        fields = [
            "id",
            "title",
            "slug",
            "teaser",
            "url",
            "results_url",
            "state",
            "fund",
            "max_grant",
            "submission_start",
            "submission_end",
            "results_published_at",
            "audience_vote_start",
            "audience_vote_end",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CompetitionState.choices))
    def get_state(self, page: CompetitionPage) -> str:
        return competition_state(page)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page: CompetitionPage) -> str:
        return competition_url(page, self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_results_url(self, page: CompetitionPage) -> str:
        return competition_url(page, self.context.get("request"), "results")


class ProjectSerializer(serializers.ModelSerializer):
    """A funded project as the competition's results page shows it."""

    competition = CompetitionRefSerializer(read_only=True)
    fund = FundSerializer(source="competition.fund", read_only=True)
    amount_awarded = serializers.DecimalField(source="award.amount", max_digits=12, decimal_places=2, read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    districts = NamedSerializer(many=True, read_only=True)
    citywide = serializers.BooleanField(source="is_citywide", read_only=True)
    topics = NamedSerializer(many=True, read_only=True)
    progress = ProgressSerializer(source="progress_reports", many=True, read_only=True)
    proposals = ReferenceListField(
        source="public_proposals", help_text="The reference numbers of the published proposals the project builds on."
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "reference",
            "title",
            "summary",
            "competition",
            "fund",
            "amount_awarded",
            "organisation",
            "districts",
            "citywide",
            "topics",
            "progress",
            "proposals",
            "url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, project: Application) -> str:
        return competition_url(project.competition, self.context.get("request"), "results") + f"#project-{project.pk}"
