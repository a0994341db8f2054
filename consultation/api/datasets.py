"""The consultation's datasets for the bulk downloads and the DCAT-AP.de catalogue (hook `register_open_datasets`):
the rows and serializers of the API's lists."""

from django.utils.translation import gettext_lazy as _

from lip.api.datasets import Dataset, api_dataset

from . import views


def datasets() -> list[Dataset]:
    return [
        api_dataset(
            views.ConsultationViewSet,
            slug="beteiligungen",
            title=_("Beteiligungen"),
            description=_(
                "Die öffentlichen Beteiligungsverfahren mit ihren Phasen, Handlungsfeldern und Stadtbezirken."
            ),
            endpoint="api:consultation-list",
            keywords=("Beteiligung", "Integration"),
        ),
        api_dataset(
            views.ProposalViewSet,
            slug="vorschlaege",
            title=_("Vorschläge"),
            description=_(
                "Veröffentlichte Vorschläge mit Handlungsfeld, Stadtbezirk, Weg (online oder analog), Stimmen, "
                "der veröffentlichten Antwort der Verwaltung und den daraus entstandenen Maßnahmen."
            ),
            endpoint="api:proposal-list",
            keywords=("Beteiligung", "Vorschlag", "Integration"),
        ),
        api_dataset(
            views.CommentViewSet,
            slug="kommentare",
            title=_("Kommentare und Stellungnahmen"),
            description=_(
                "Veröffentlichte Kommentare zu Vorschlägen und zum Planentwurf sowie die Stellungnahmen der "
                "Integrationsbeiräte."
            ),
            endpoint="api:comment-list",
            keywords=("Beteiligung", "Kommentar", "Stellungnahme"),
        ),
        api_dataset(
            views.EventViewSet,
            slug="veranstaltungen",
            title=_("Veranstaltungen"),
            description=_(
                "Veranstaltungen der analogen Beteiligung (Workshops, Sitzungen, Infostände) mit der Zahl der dort "
                "gemachten Beiträge."
            ),
            endpoint="api:event-list",
            keywords=("Beteiligung", "Veranstaltung"),
        ),
    ]
