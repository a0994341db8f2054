"""The consultation's read-only endpoints under /api/v1/ (registered in `consultation.wagtail_hooks`)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from lip.api.views import PublicReadOnlyViewSet

from ..models import Comment, ConsultationPage, Event, Proposal
from . import filters, selectors, serializers


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter("id_or_slug", str, OpenApiParameter.PATH, description="Id or slug of the consultation.")
        ]
    )
)
class ConsultationViewSet(PublicReadOnlyViewSet):
    """Live, public consultations with their phases; a detail by id or slug."""

    queryset = ConsultationPage.objects.none()  # the model for the schema; rows come from get_queryset
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter
    lookup_field = "slug"
    lookup_url_kwarg = "id_or_slug"
    ordering_fields = ["first_published_at", "title"]
    ordering = ["-first_published_at"]

    def get_queryset(self):
        return selectors.api_consultations()

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        queryset = self.filter_queryset(self.get_queryset())
        if value.isascii() and value.isdigit() and len(value) < 19:
            return get_object_or_404(queryset, pk=int(value))
        found = queryset.filter(slug=value).first()
        if found is None:
            raise Http404
        return found


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("reference", str, OpenApiParameter.PATH, description="e.g. LIP-2026-0042")]
    )
)
class ProposalViewSet(PublicReadOnlyViewSet):
    """Published proposals of public consultations, with counts split online/analog, the published official response
    and the measures taken from them."""

    queryset = Proposal.objects.none()  # the model for the schema; rows come from get_queryset
    serializer_class = serializers.ProposalSerializer
    filterset_class = filters.ProposalFilter
    lookup_field = "reference"
    ordering_fields = ["created_at", "votes_total", "comment_count"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return selectors.api_proposals()


class CommentViewSet(PublicReadOnlyViewSet):
    """Published comments and council statements on published proposals and on public plan drafts."""

    queryset = Comment.objects.none()  # the model for the schema; rows come from get_queryset
    serializer_class = serializers.CommentSerializer
    filterset_class = filters.CommentFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return selectors.api_comments()


class EventViewSet(PublicReadOnlyViewSet):
    """Events of public consultations (workshops, council meetings, info stands, paper collections)."""

    queryset = Event.objects.none()  # the model for the schema; rows come from get_queryset
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["date"]
    ordering = ["-date"]

    def get_queryset(self):
        return selectors.api_events()
