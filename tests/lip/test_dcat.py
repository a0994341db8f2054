"""The DCAT-AP.de catalogue of the open data (/api/v1/dcat.ttl, .jsonld): parsed as a harvester would."""

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from wagtail.models import Site

from lip.api.datasets import all_datasets
from lip.api.opendata import snapshots

from . import opendata_support
from .opendata_support import district_dataset, registered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("opendata_media")]

# The fixtures shared with the other open-data tests.
opendata_media = opendata_support.opendata_media
registered_dataset = opendata_support.registered_dataset


DCATDE = "http://dcat-ap.de/def/dcatde/"
DL_DE = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
CC_BY = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")


def _catalogue(client, fmt="ttl") -> Graph:
    response = client.get(f"/api/v1/dcat.{fmt}")
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content, format="turtle" if fmt == "ttl" else "json-ld")
    return graph


def test_catalogue_is_turtle_with_cache_headers(client, registered_dataset):
    response = client.get("/api/v1/dcat.ttl")

    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert client.get("/api/v1/dcat.ttl", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def all_datasets_with(datasets):
    """Every registered dataset (the apps' own too) while `datasets` are registered as well."""
    with registered(*datasets):
        return all_datasets()


def test_catalogue_has_one_dataset_per_registered_dataset(client, db):
    datasets = [district_dataset(slug="bezirke"), district_dataset(title="Andere", slug="andere")]
    with registered(*datasets):
        graph = _catalogue(client)

    catalogues = list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert catalogues == [URIRef("http://testserver/api/v1/dcat.ttl")]
    listed = set(graph.objects(catalogues[0], ns.DCAT.dataset))
    assert listed == set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    slugs = {dataset.slug for dataset in all_datasets_with(datasets)}
    assert {"bezirke", "andere"} <= slugs
    assert {str(node).rsplit("#", 1)[1] for node in listed} == slugs


def test_dataset_describes_title_keywords_theme_publisher_and_distributions(client, registered_dataset):
    snapshot = snapshots.snapshot_write(dataset=registered_dataset)

    graph = _catalogue(client)

    dataset = URIRef("http://testserver/offene-daten/#bezirke")
    # Quotes and a line break in the title survive the round trip: the literal is escaped correctly.
    assert graph.value(dataset, ns.DCTERMS.title) == Literal('Bezirke "Test"\nzweite Zeile', lang="de")
    assert graph.value(dataset, ns.DCTERMS.description) == Literal("Die Stadtbezirke <Hannover> & mehr", lang="de")
    assert set(graph.objects(dataset, ns.DCAT.keyword)) == {
        Literal("Bezirk", lang="de"),
        Literal("Hannover", lang="de"),
    }
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI") in set(
        graph.objects(dataset, ns.DCAT.theme)
    )
    assert graph.value(dataset, ns.DCTERMS.modified).toPython() == snapshot.created
    publisher = graph.value(dataset, ns.DCTERMS.publisher)
    assert graph.value(publisher, ns.FOAF.name) == Literal("Landeshauptstadt Hannover")
    assert graph.value(dataset, ns.DCAT.contactPoint) is not None

    distributions = list(graph.objects(dataset, ns.DCAT.distribution))
    downloads = {str(graph.value(d, ns.DCAT.downloadURL)) for d in distributions}
    assert downloads == {
        "http://testserver/api/v1/downloads/bezirke.csv",
        "http://testserver/api/v1/downloads/bezirke.json",
    }
    formats = {str(graph.value(d, ns.DCTERMS.format)).rsplit("/", 1)[1] for d in distributions}
    assert formats == {"CSV", "JSON"}
    for distribution in distributions:
        assert graph.value(distribution, ns.DCTERMS.license) == DL_DE
        assert graph.value(distribution, URIRef(DCATDE + "licenseAttributionByText")) is not None
        assert str(graph.value(distribution, ns.DCAT.mediaType)).startswith(
            "https://www.iana.org/assignments/media-types/"
        )


def test_licence_follows_the_site_setting(client, registered_dataset):
    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.open_data_license = "cc-by/4.0"
    site_settings.open_data_publisher = 'Stadt "Hannover"'
    site_settings.open_data_contact_email = "opendata@example.org"
    site_settings.save()

    graph = _catalogue(client)

    licences = set(graph.objects(None, ns.DCTERMS.license))
    assert licences == {CC_BY}  # the catalogue's and every distribution's
    assert Literal('Stadt "Hannover"') in set(graph.objects(None, ns.FOAF.name))
    assert URIRef("mailto:opendata@example.org") in set(graph.objects())


def test_jsonld_has_the_same_statements(client, registered_dataset):
    turtle = _catalogue(client, "ttl")
    jsonld = _catalogue(client, "jsonld")

    assert set(jsonld.subjects(ns.RDF.type, ns.DCAT.Dataset)) == set(turtle.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(jsonld) == len(turtle)


def test_api_distribution_when_the_endpoint_exists(client, db, django_assert_max_num_queries):
    dataset = dataclasses.replace(district_dataset(), endpoint="api:schema")
    with registered(dataset), django_assert_max_num_queries(6):  # the site settings; no query per dataset
        graph = _catalogue(client)

    access = {str(url) for url in graph.objects(None, ns.DCAT.accessURL)}
    assert "http://testserver/api/v1/schema/" in access


def test_unknown_catalogue_format_is_404(client, db):
    assert client.get("/api/v1/dcat.xml").status_code == 404
