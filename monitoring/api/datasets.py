"""Monitoring's open datasets (hook ``register_open_datasets``)."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset

from . import selectors
from .serializers import IndicatorValueSerializer, MeasureSerializer, ReportSerializer


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="massnahmen",
            title=_("Maßnahmen des Lokalen Integrationsplans"),
            description=_(
                "Die Maßnahmen des LIP mit Handlungsfeld, Stadtbezirken, zuständiger Stelle, Stand, Fortschritt, "
                "den Vorschlägen, aus denen sie hervorgingen, und den geförderten Projekten, die sie umsetzen."
            ),
            queryset=lambda: selectors.public_measures().order_by("id"),
            serializer=MeasureSerializer,
            endpoint="api:measure-list",
            keywords=("Integration", "Maßnahmen", "Monitoring"),
        ),
        Dataset(
            slug="indikatoren",
            title=_("Indikatoren und ihre Werte"),
            description=_(
                "Jeder gemessene Wert der Indikatoren des LIP, eine Zeile je Wert, mit Einheit, Ausgangswert und "
                "Zielwert des Indikators."
            ),
            queryset=lambda: selectors.public_indicator_values().order_by("indicator_id", "date", "id"),
            serializer=IndicatorValueSerializer,
            endpoint="api:indicator-value-list",
            keywords=("Indikatoren", "Integration", "Monitoring"),
        ),
        Dataset(
            slug="berichte",
            title=_("Berichte an die Ratsgremien"),
            description=_(
                "Die veröffentlichten Monitoringberichte an die Ratsgremien: Betreff, Zeitraum, Datum, Gremien "
                "und die Adressen der PDF-Dateien."
            ),
            queryset=lambda: selectors.public_reports().order_by("-issued_at", "-id"),
            serializer=ReportSerializer,
            endpoint="api:report-list",
            keywords=("Berichte", "Integration", "Monitoring"),
        ),
    ]
