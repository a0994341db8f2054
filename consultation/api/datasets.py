"""The consultation's datasets for the bulk downloads and the DCAT-AP.de catalogue (hook `register_open_datasets`):
the rows and serializers of the API's lists."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset

from . import selectors, serializers


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="beteiligungen",
            title=_("Beteiligungen"),
            description=_(
                "Die öffentlichen Beteiligungsverfahren mit ihren Phasen, Handlungsfeldern und Stadtbezirken."
            ),
            queryset=selectors.api_consultations,
            serializer=serializers.ConsultationSerializer,
            endpoint="api:consultation-list",
            keywords=("Beteiligung", "Integration"),
        ),
        Dataset(
            slug="vorschlaege",
            title=_("Vorschläge"),
            description=_(
                "Veröffentlichte Vorschläge mit Handlungsfeld, Stadtbezirk, Weg (online oder analog), Stimmen, "
                "der veröffentlichten Antwort der Verwaltung und den daraus entstandenen Maßnahmen."
            ),
            queryset=selectors.api_proposals,
            serializer=serializers.ProposalSerializer,
            endpoint="api:proposal-list",
            keywords=("Beteiligung", "Vorschlag", "Integration"),
        ),
        Dataset(
            slug="kommentare",
            title=_("Kommentare und Stellungnahmen"),
            description=_(
                "Veröffentlichte Kommentare zu Vorschlägen und zum Planentwurf sowie die Stellungnahmen der "
                "Integrationsbeiräte."
            ),
            queryset=selectors.api_comments,
            serializer=serializers.CommentSerializer,
            endpoint="api:comment-list",
            keywords=("Beteiligung", "Kommentar", "Stellungnahme"),
        ),
        Dataset(
            slug="veranstaltungen",
            title=_("Veranstaltungen"),
            description=_(
                "Veranstaltungen der analogen Beteiligung (Workshops, Sitzungen, Infostände) mit der Zahl der dort "
                "gemachten Beiträge."
            ),
            queryset=selectors.api_events,
            serializer=serializers.EventSerializer,
            endpoint="api:event-list",
            keywords=("Beteiligung", "Veranstaltung"),
        ),
    ]
