"""The DCAT-AP.de catalogue of the open datasets (/api/v1/dcat.ttl, .jsonld), for the city's CKAN portal to harvest.

Built as an RDF graph with rdflib, which serializes Turtle and JSON-LD with correct escaping. One dcat:Catalog, one
dcat:Dataset per registered dataset, and per dataset a dcat:Distribution for the CSV download, the JSON download and
the API endpoint. Every address is absolute (SITE_URL); the licence, publisher and contact come from the site
settings (lip.api.licences.open_data_terms).
"""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from lip.mail import site_url

from .datasets import Dataset, all_datasets
from .licences import OpenDataTerms
from .opendata.snapshots import Snapshot, snapshot_latest

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
LANGUAGE = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"

DOWNLOADS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}


def _text(value) -> Literal:
    return Literal(str(value), lang="de")


def build_catalogue(terms: OpenDataTerms, datasets: list[Dataset] | None = None) -> Graph:
    """The catalogue as a graph; titles and descriptions in German, whatever the request's language."""
    datasets = all_datasets() if datasets is None else datasets
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("dcatde", DCATDE)):
        graph.bind(prefix, namespace)
    with translation.override("de"):
        catalogue = URIRef(site_url(reverse("api:dcat", kwargs={"fmt": "ttl"})))
        publisher = BNode("publisher")
        graph.add((publisher, RDF.type, FOAF.Agent))
        graph.add((publisher, FOAF.name, Literal(terms.publisher)))
        contact = BNode("contact")
        graph.add((contact, RDF.type, VCARD.Organization))
        graph.add((contact, VCARD.fn, Literal(terms.publisher)))
        if terms.contact_email:
            graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{terms.contact_email}")))

        graph.add((catalogue, RDF.type, DCAT.Catalog))
        graph.add((catalogue, DCTERMS.title, _text("Offene Daten des Lokalen Integrationsplans Hannover (LIP 4.0)")))
        graph.add(
            (
                catalogue,
                DCTERMS.description,
                _text(
                    "Ergebnisse des Beteiligungsprozesses zum Lokalen Integrationsplan der Landeshauptstadt "
                    "Hannover: Beteiligungen, Vorschläge, Kommentare, Veranstaltungen, geförderte Projekte, "
                    "Maßnahmen, Indikatoren und Berichte. Anonymisiert."
                ),
            )
        )
        graph.add((catalogue, DCTERMS.publisher, publisher))
        graph.add((catalogue, DCTERMS.language, LANGUAGE))
        graph.add((catalogue, DCTERMS.license, URIRef(terms.license_uri)))
        graph.add((catalogue, FOAF.homepage, URIRef(site_url(reverse("lip:open_data")))))
        newest = None
        for dataset in datasets:
            snapshot = snapshot_latest(dataset.slug)
            node = _add_dataset(graph, dataset, snapshot, terms, publisher, contact)
            graph.add((catalogue, DCAT.dataset, node))
            if snapshot and (newest is None or snapshot.created > newest):
                newest = snapshot.created
        if newest:
            graph.add((catalogue, DCTERMS.modified, Literal(newest, datatype=XSD.dateTime)))
    return graph


def _add_dataset(graph, dataset: Dataset, snapshot: Snapshot | None, terms, publisher, contact) -> URIRef:
    page = site_url(reverse("lip:open_data"))
    node = URIRef(f"{page}#{dataset.slug}")
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    graph.add((node, DCTERMS.title, _text(dataset.title)))
    graph.add((node, DCTERMS.description, _text(dataset.description)))
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, _text(keyword)))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, THEME[theme]))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.language, LANGUAGE))
    graph.add((node, DCAT.landingPage, URIRef(page)))
    if snapshot:
        graph.add((node, DCTERMS.modified, Literal(snapshot.created, datatype=XSD.dateTime)))

    for fmt, (file_type, media_type) in DOWNLOADS.items():
        url = URIRef(site_url(reverse("api:opendata-download", kwargs={"slug": dataset.slug, "fmt": fmt})))
        distribution = _add_distribution(graph, node, url, file_type, media_type, terms)
        graph.add((distribution, DCTERMS.title, _text(f"{dataset.title} ({file_type})")))
        graph.add((distribution, DCAT.downloadURL, url))
        if snapshot:
            graph.add((distribution, DCTERMS.modified, Literal(snapshot.created, datatype=XSD.dateTime)))
            graph.add((distribution, DCAT.byteSize, Literal(snapshot.files[fmt].size, datatype=XSD.nonNegativeInteger)))
    try:
        endpoint = URIRef(site_url(reverse(dataset.endpoint)))
    except NoReverseMatch:  # the app's API list is not registered (yet): no API distribution
        return node
    distribution = _add_distribution(graph, node, endpoint, "JSON", "application/json", terms)
    graph.add((distribution, DCTERMS.title, _text(f"{dataset.title} (API)")))
    graph.add((distribution, DCTERMS.description, _text("Lesende REST-API mit Filtern und Cursor-Seiten (OpenAPI 3).")))
    graph.add((distribution, DCTERMS.conformsTo, URIRef(site_url(reverse("api:schema")))))
    return node


def _add_distribution(graph, dataset_node, url, file_type, media_type, terms) -> URIRef:
    distribution = URIRef(f"{url}#distribution")
    graph.add((dataset_node, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCTERMS.format, FILE_TYPE[file_type]))
    graph.add((distribution, DCAT.mediaType, URIRef(MEDIA_TYPE + media_type)))
    graph.add((distribution, DCTERMS.license, URIRef(terms.license_uri)))
    graph.add((distribution, DCATDE.licenseAttributionByText, _text(terms.attribution)))
    return distribution


def serialize(graph: Graph, fmt: str) -> bytes:
    """Turtle ("ttl") or JSON-LD ("jsonld"), UTF-8."""
    return graph.serialize(format="turtle" if fmt == "ttl" else "json-ld", encoding="utf-8")
