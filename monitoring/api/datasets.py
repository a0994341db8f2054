"""Monitoring's open datasets (hook ``register_open_datasets``)."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset, api_dataset

from . import views


def datasets() -> list[Dataset]:
    return [
        api_dataset(
            views.MeasureViewSet,
            slug="massnahmen",
            title=_("Maßnahmen des Lokalen Integrationsplans"),
            description=_(
                "Die Maßnahmen des LIP mit Handlungsfeld, Stadtbezirken, zuständiger Stelle, Stand, Fortschritt, "
                "den Vorschlägen, aus denen sie hervorgingen, und den geförderten Projekten, die sie umsetzen."
            ),
            order_by=("id",),
            endpoint="api:measure-list",
            keywords=("Integration", "Maßnahmen", "Monitoring"),
        ),
        api_dataset(
            views.IndicatorValueViewSet,
            slug="indikatoren",
            title=_("Indikatoren und ihre Werte"),
            description=_(
                "Jeder gemessene Wert der Indikatoren des LIP, eine Zeile je Wert, mit Einheit, Ausgangswert und "
                "Zielwert des Indikators."
            ),
            order_by=("indicator_id", "date", "id"),
            endpoint="api:indicator-value-list",
            keywords=("Indikatoren", "Integration", "Monitoring"),
        ),
        api_dataset(
            views.ReportViewSet,
            slug="berichte",
            title=_("Berichte an die Ratsgremien"),
            description=_(
                "Die veröffentlichten Monitoringberichte an die Ratsgremien: Betreff, Zeitraum, Datum, Gremien "
                "und die Adressen der PDF-Dateien."
            ),
            order_by=("-issued_at", "-id"),
            endpoint="api:report-list",
            keywords=("Berichte", "Integration", "Monitoring"),
        ),
    ]
