"""The idea competition's endpoints: funded projects (`/api/v1/projects/`) and competitions (`/api/v1/competitions/`)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from lip.api.views import PublicReadOnlyViewSet

from . import selectors
from .filters import CompetitionFilter, ProjectFilter
from .serializers import CompetitionSerializer, ProjectSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Funded projects",
        description="Projects funded by the idea competition (Gesellschaftsfonds Zusammenleben), from the date on "
        "which their competition's results are published; as the competition's results page lists them.",
    ),
    retrieve=extend_schema(summary="One funded project, by its reference number"),
)
class ProjectViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_projects)
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    lookup_field = "reference"
    ordering_fields = ["reference", "title", "amount"]
    ordering = "reference"


@extend_schema_view(
    list=extend_schema(
        summary="Idea competitions",
        description="The published calls for applications.",
    ),
    retrieve=extend_schema(summary="One idea competition"),
)
class CompetitionViewSet(PublicReadOnlyViewSet):
    selector = staticmethod(selectors.public_competitions)
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionFilter
    ordering_fields = ["id", "submission_start", "submission_end", "title"]
    ordering = "-id"
