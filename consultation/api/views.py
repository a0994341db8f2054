"""The consultation's read-only endpoints under /api/v1/ (registered in `consultation.wagtail_hooks`)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound

from lip.api.views import PublicReadOnlyViewSet

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

    selector = staticmethod(selectors.api_consultations)
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter
    lookup_field = "slug"
    lookup_url_kwarg = "id_or_slug"
    ordering_fields = ["first_published_at", "title"]
    ordering = ["-first_published_at"]

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        found = self.filter_queryset(self.get_queryset()).filter(filters.consultation_q("", value)).first()
        if found is None:
            raise NotFound()
        return found


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("reference", str, OpenApiParameter.PATH, description="e.g. LIP-2026-0042")]
    )
)
class ProposalViewSet(PublicReadOnlyViewSet):
    """Published proposals of public consultations, with counts split online/analog, the published official response
    and the measures taken from them."""

    selector = staticmethod(selectors.api_proposals)
    serializer_class = serializers.ProposalSerializer
    filterset_class = filters.ProposalFilter
    lookup_field = "reference"
    ordering_fields = ["created_at", "votes_total", "comment_count"]
    ordering = ["-created_at"]


class CommentViewSet(PublicReadOnlyViewSet):
    """Published comments and council statements on published proposals and on public plan drafts."""

    selector = staticmethod(selectors.api_comments)
    serializer_class = serializers.CommentSerializer
    filterset_class = filters.CommentFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]


class EventViewSet(PublicReadOnlyViewSet):
    """Events of public consultations (workshops, council meetings, info stands, paper collections)."""

    selector = staticmethod(selectors.api_events)
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["date"]
    ordering = ["-date"]
