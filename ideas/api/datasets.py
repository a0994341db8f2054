"""The idea competition's open datasets (hook ``register_open_datasets``)."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset

from . import selectors
from .serializers import ProjectSerializer


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="projekte",
            title=_("Geförderte Projekte des Ideenwettbewerbs"),
            description=_(
                "Projekte, die aus dem Gesellschaftsfonds Zusammenleben gefördert werden, mit Fördersumme, "
                "Organisation, Stadtbezirken, Handlungsfeldern und Fortschritt; ab der Veröffentlichung der "
                "Ergebnisse ihres Wettbewerbs."
            ),
            queryset=lambda: selectors.public_projects().order_by("reference"),
            serializer=ProjectSerializer,
            endpoint="api:project-list",
            keywords=("Förderung", "Ideenwettbewerb", "Integration"),
        )
    ]
