"""What one row of the consultation's open data shows.

Anonymised by construction: a serializer names every field it shows (no `fields = "__all__"`), and no field holds a
user id, an e-mail address, who recorded or reviewed a row, an IP address or the path of a private file. A person
appears by name only as the site shows them (`consultation/includes/proposal_author.html`,
`consultation/includes/comment.html`): under the display name they chose, as an organisation, or as the name written
on an analog contribution; a deleted account as "gelöschtes Konto" (lip.models.DELETED_ACCOUNT_NAME). Where the site
would fall back to the e-mail address (an account without a display name), the API says nothing (null).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lip.models import DELETED_ACCOUNT_NAME, District, Topic

from ..models import Comment, ConsultationPage, Event, Phase, Proposal


class CommentKind:
    COMMENT = "comment"
    AMENDMENT = "amendment"
    STATEMENT = "statement"
    choices = [
        (COMMENT, _("Kommentar")),
        (AMENDMENT, _("Änderungsvorschlag")),
        (STATEMENT, _("Stellungnahme")),
    ]


CHANNEL_KINDS = [("online", _("online")), ("analog", _("analog"))]


def public_name(user) -> str | None:
    """The name the site shows for an account: its display name, "gelöschtes Konto", or nothing (never the
    e-mail address)."""
    if user is None:
        return None
    if user.deleted_at is not None:
        return str(DELETED_ACCOUNT_NAME)
    return user.display_name or None


def absolute_url(request, page, subpage: str = "") -> str:
    if request is None:
        return page.get_full_url() + subpage.lstrip("/")
    return request.build_absolute_uri(page.get_url(request) + subpage.lstrip("/"))


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["slug", "name"]


class ConsultationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsultationPage
        fields = ["id", "slug", "title"]


class PhaseSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = Phase
        fields = ["type", "title", "description", "start", "end", "current"]

    def get_current(self, phase) -> bool:
        return phase.start <= timezone.now() < phase.end


class ConsultationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    summary = serializers.CharField(source="teaser")
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    phases = PhaseSerializer(source="phase_list", many=True)
    topics = TopicSerializer(many=True)
    districts = DistrictSerializer(many=True)

    class Meta:
        model = ConsultationPage
        fields = ["id", "slug", "title", "url", "summary", "start", "end", "phases", "topics", "districts"]

    def get_url(self, page) -> str:
        return absolute_url(self.context.get("request"), page)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, page):
        phases = page.phase_list()
        return serializers.DateTimeField().to_representation(phases[0].start) if phases else None

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, page):
        phases = page.phase_list()
        return serializers.DateTimeField().to_representation(max(p.end for p in phases)) if phases else None


class VotesSerializer(serializers.Serializer):
    online = serializers.IntegerField(source="online_votes")
    analog = serializers.IntegerField(source="analog_votes")
    total = serializers.IntegerField(source="total_votes")


class OfficialResponseSerializer(serializers.Serializer):
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    text = serializers.CharField()
    department = serializers.CharField()
    published_at = serializers.DateTimeField()


class MeasureRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class ProposalSerializer(serializers.ModelSerializer):
    consultation = ConsultationRefSerializer()
    topic = TopicSerializer()
    district = DistrictSerializer(allow_null=True)
    tags = serializers.SerializerMethodField()
    channel_kind = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    votes = VotesSerializer(source="*")
    response = serializers.SerializerMethodField()
    measures = MeasureRefSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "reference",
            "title",
            "text",
            "consultation",
            "topic",
            "district",
            "tags",
            "channel",
            "channel_kind",
            "author",
            "organisation",
            "created_at",
            "votes",
            "comment_count",
            "statement_count",
            "response",
            "measures",
            "url",
        ]

    def get_tags(self, proposal) -> list[str]:
        return sorted(tag.name for tag in proposal.tags.all())

    @extend_schema_field(serializers.ChoiceField(choices=CHANNEL_KINDS))
    def get_channel_kind(self, proposal) -> str:
        return "analog" if proposal.is_analog else "online"

    def get_author(self, proposal) -> str | None:
        if proposal.is_analog:
            return proposal.author_name or None
        return public_name(proposal.author)

    def get_organisation(self, proposal) -> str | None:
        return proposal.organisation.name if proposal.organisation_id else None

    @extend_schema_field(OfficialResponseSerializer(allow_null=True))
    def get_response(self, proposal):
        response = getattr(proposal, "response", None)
        if response is None or not response.is_published:
            return None
        return OfficialResponseSerializer(response).data

    def get_url(self, proposal) -> str:
        consultation = proposal.consultation
        subpage = consultation.reverse_subpage("proposal_detail", args=[proposal.reference])
        return absolute_url(self.context.get("request"), consultation, subpage)


class CommentSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    proposal = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    plan_draft = serializers.SerializerMethodField()
    paragraph = serializers.SerializerMethodField()
    chapter = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    reply_to = serializers.IntegerField(source="parent_id", allow_null=True)
    council = DistrictSerializer(source="statement_district", allow_null=True)
    channel_kind = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "kind",
            "target",
            "proposal",
            "consultation",
            "plan_draft",
            "paragraph",
            "chapter",
            "version",
            "reply_to",
            "text",
            "proposed_text",
            "council",
            "channel",
            "channel_kind",
            "author",
            "organisation",
            "created_at",
            "edited_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CommentKind.choices))
    def get_kind(self, comment) -> str:
        if comment.is_statement:
            return CommentKind.STATEMENT
        return CommentKind.AMENDMENT if comment.is_amendment else CommentKind.COMMENT

    @extend_schema_field(
        serializers.ChoiceField(choices=[("proposal", "proposal"), ("paragraph", "paragraph"), ("chapter", "chapter")])
    )
    def get_target(self, comment) -> str:
        if comment.proposal_id:
            return "proposal"
        return "paragraph" if comment.paragraph_id else "chapter"

    def get_proposal(self, comment) -> str | None:
        return comment.proposal.reference if comment.proposal_id else None

    @extend_schema_field(ConsultationRefSerializer(allow_null=True))
    def get_consultation(self, comment):
        if comment.proposal_id:
            return ConsultationRefSerializer(comment.proposal.consultation).data
        if getattr(comment, "draft_consultation_id", None) is None:
            return None
        return {
            "id": comment.draft_consultation_id,
            "slug": comment.draft_consultation_slug,
            "title": comment.draft_consultation_title,
        }

    @extend_schema_field(ConsultationRefSerializer(allow_null=True))
    def get_plan_draft(self, comment):
        part = comment.draft_part
        return ConsultationRefSerializer(part.page).data if part is not None else None

    def get_paragraph(self, comment) -> str | None:
        return comment.paragraph.label if comment.paragraph_id else None

    def get_chapter(self, comment) -> int | None:
        return comment.chapter.number if comment.chapter_id else None

    def get_version(self, comment) -> int | None:
        return comment.version.number if comment.version_id else None

    @extend_schema_field(serializers.ChoiceField(choices=CHANNEL_KINDS))
    def get_channel_kind(self, comment) -> str:
        return "analog" if comment.is_analog else "online"

    def get_author(self, comment) -> str | None:
        if comment.is_analog:
            return comment.author_name or None
        return public_name(comment.author)

    def get_organisation(self, comment) -> str | None:
        return comment.organisation.name if comment.organisation_id else None


class EventSerializer(serializers.ModelSerializer):
    consultation = ConsultationRefSerializer()
    district = DistrictSerializer(allow_null=True)
    topics = TopicSerializer(many=True)
    organisations = serializers.SerializerMethodField()
    proposal_count = serializers.IntegerField(help_text="Published proposals made at the event.")
    comment_count = serializers.IntegerField(help_text="Published comments made at the event.")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "date",
            "place",
            "district",
            "topics",
            "attendees",
            "organisations",
            "consultation",
            "proposal_count",
            "comment_count",
            "url",
        ]

    def get_organisations(self, event) -> list[str]:
        return sorted(organisation.name for organisation in event.organisations.all())

    def get_url(self, event) -> str:
        subpage = event.consultation.reverse_subpage("event_detail", args=[event.pk])
        return absolute_url(self.context.get("request"), event.consultation, subpage)
