"""The idea competition's open datasets (hook ``register_open_datasets``)."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset, api_dataset

from .views import ProjectViewSet


def datasets() -> list[Dataset]:
    return [
        api_dataset(
            ProjectViewSet,
            slug="projekte",
            title=_("Geförderte Projekte des Ideenwettbewerbs"),
            description=_(
                "Projekte, die aus dem Gesellschaftsfonds Zusammenleben gefördert werden, mit Fördersumme, "
                "Organisation, Stadtbezirken, Handlungsfeldern und Fortschritt; ab der Veröffentlichung der "
                "Ergebnisse ihres Wettbewerbs."
            ),
            order_by=("reference",),
            endpoint="api:project-list",
            keywords=("Förderung", "Ideenwettbewerb", "Integration"),
        )
    ]
