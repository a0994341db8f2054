"""Open data (issue 21): snapshots of the datasets as CSV and JSON, their download views, and the page
"Offene Daten"."""

import csv
import dataclasses
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from lip.api import tasks
from lip.api.opendata import snapshots
from lip.api.opendata.rows import csv_cell, flatten
from lip.models import District

from . import opendata_support
from .opendata_support import PUBLIC_NUMBERS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("opendata_media")]

# The fixtures shared with the other open-data tests.
opendata_media = opendata_support.opendata_media
registered_dataset = opendata_support.registered_dataset


def _csv_rows(snapshot) -> list[dict]:
    with default_storage.open(snapshot.files["csv"].name, "rb") as handle:
        raw = handle.read()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    assert b"\r\n" in raw  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_task_writes_csv_and_json_with_the_public_rows_only(registered_dataset):
    tasks.opendata_snapshot.delay()

    snapshot = snapshots.snapshot_latest("bezirke")
    assert snapshot.rows == len(PUBLIC_NUMBERS)
    with default_storage.open(snapshot.files["json"].name, "rb") as handle:
        rows = json.loads(handle.read())
    assert [row["number"] for row in rows] == [1, 2, 3]
    assert rows[0]["place"] == {"city": "Hannover", "district": {"number": 1}}
    assert rows[0]["url"].startswith("http://testserver/bezirke/")
    csv_rows = _csv_rows(snapshot)
    assert [row["number"] for row in csv_rows] == ["1", "2", "3"]
    names = set(District.objects.exclude(number__in=PUBLIC_NUMBERS).values_list("name", flat=True))
    assert names and not names & {row["name"] for row in csv_rows}


def test_csv_flattens_nested_fields_joins_lists_and_neutralises_formulas(registered_dataset):
    snapshot = snapshots.snapshot_write(dataset=registered_dataset)

    first, second = _csv_rows(snapshot)[:2]
    assert first["place.city"] == "Hannover"
    assert first["place.district.number"] == "1"
    assert first["tags"] == f"Bezirk; {District.objects.get(number=1).slug}"
    assert first["note"] == "'=HYPERLINK(1)"
    assert second["note"] == "-2.5"  # a number written as text stays a number


def test_flatten_and_cells():
    assert flatten({"a": {"b": None}, "c": [{"x": 1}], "d": {}}) == {"a.b": None, "c": '{"x":1}', "d": ""}
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(True) == "true"
    assert csv_cell(None) == ""


def test_a_new_snapshot_replaces_the_old_and_old_ones_are_pruned(registered_dataset):
    written = [snapshots.snapshot_write(dataset=registered_dataset) for _ in range(snapshots.KEEP + 2)]

    assert snapshots.snapshot_latest("bezirke").stamp == written[-1].stamp
    assert not default_storage.exists(written[0].files["csv"].name)
    assert default_storage.exists(written[-1].files["json"].name)


def test_download_serves_the_snapshot_with_headers(client, registered_dataset):
    snapshot = snapshots.snapshot_write(dataset=registered_dataset)

    response = client.get("/api/v1/downloads/bezirke.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bezirke.csv"'
    assert response["ETag"] == f'"{snapshot.files["csv"].sha256}"'
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert response["Link"] == '<http://dcat-ap.de/def/licenses/dl-by-de/2.0>; rel="license"'
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("number,name,slug,")

    json_response = client.get(reverse("api:opendata-download", kwargs={"slug": "bezirke", "fmt": "json"}))
    assert json_response["Content-Type"] == "application/json"
    assert len(json.loads(b"".join(json_response.streaming_content))) == 3


def test_download_answers_a_conditional_get_with_304(client, registered_dataset):
    snapshot = snapshots.snapshot_write(dataset=registered_dataset)

    response = client.get("/api/v1/downloads/bezirke.json", HTTP_IF_NONE_MATCH=f'"{snapshot.files["json"].sha256}"')

    assert response.status_code == 304


def test_first_download_without_snapshot_writes_one(client, registered_dataset):
    assert snapshots.snapshot_latest("bezirke") is None

    response = client.get("/api/v1/downloads/bezirke.json")

    assert response.status_code == 200
    assert snapshots.snapshot_latest("bezirke").rows == 3


def test_download_while_the_first_snapshot_is_written_gets_503(client, registered_dataset):
    from django.core.cache import cache

    cache.add("lip:opendata:writing:bezirke", True)

    response = client.get("/api/v1/downloads/bezirke.csv")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/downloads/unbekannt.csv",
        "/api/v1/downloads/bezirke.xlsx",
        "/api/v1/downloads/../x",
        "/api/v1/downloads/%2e%2e%2fsettings.csv",
        "/api/v1/downloads/bezirke",
    ],
)
def test_junk_download_paths_are_404(client, registered_dataset, path):
    assert client.get(path, follow=True).status_code == 404


def test_download_refuses_post(client, registered_dataset):
    assert client.post("/api/v1/downloads/bezirke.csv").status_code == 405


def test_licence_setting_changes_the_link_header(client, registered_dataset):
    from wagtail.models import Site

    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.open_data_license = "cc-by/4.0"
    site_settings.save()
    snapshots.snapshot_write(dataset=registered_dataset)

    response = client.get("/api/v1/downloads/bezirke.csv")

    assert response["Link"] == '<http://dcat-ap.de/def/licenses/cc-by/4.0>; rel="license"'


def test_page_lists_the_datasets_with_links_and_licence(client, registered_dataset):
    snapshot = snapshots.snapshot_write(dataset=registered_dataset)

    response = client.get("/offene-daten/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Offene Daten</h1>" in html
    assert "Die Stadtbezirke &lt;Hannover&gt; &amp; mehr" in html
    assert 'href="/api/v1/downloads/bezirke.csv"' in html
    assert 'href="/api/v1/downloads/bezirke.json"' in html
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/api/v1/dcat.ttl"' in html
    assert "https://www.govdata.de/dl-de/by-2-0" in html
    assert f'datetime="{timezone.localtime(snapshot.created).isoformat()}"' in html


def test_page_in_arabic_is_right_to_left(client, registered_dataset):
    client.cookies["lip_language"] = "ar"

    response = client.get("/offene-daten/")

    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html
    assert "<h1>Offene Daten</h1>" not in html
    assert 'href="/api/v1/downloads/bezirke.csv"' in html


def test_page_lists_every_registered_dataset(client, registered_dataset):
    from lip.api.datasets import all_datasets

    html = client.get("/offene-daten/").content.decode()

    for dataset in all_datasets():
        assert f'<li class="card" id="{dataset.slug}">' in html
        assert f'href="/api/v1/downloads/{dataset.slug}.json"' in html


def test_footer_links_to_the_page(client, registered_dataset):
    response = client.get("/offene-daten/")

    assert 'href="/offene-daten/"' in response.content.decode()


def test_page_queries_stay_flat(client, registered_dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/offene-daten/").status_code == 200


def test_snapshot_of_the_real_proposals_holds_published_ones_only_and_no_email(home_page):
    from lip.api.datasets import get_dataset
    from tests.consultation.factories import ConsultationPageFactory, ProposalFactory

    dataset = get_dataset("vorschlaege")
    if dataset is None:
        pytest.skip("the consultation's datasets are not registered")
    consultation = ConsultationPageFactory(title="Sprache und Bildung", slug="sprache")
    shown = ProposalFactory(consultation=consultation, title='Sprachcafé "am Abend"')
    ProposalFactory(consultation=consultation, title="Verborgener Vorschlag", hidden=True)
    ProposalFactory(consultation=consultation, title="Zurückgezogener Vorschlag", withdrawn=True)

    snapshot = snapshots.snapshot_write(dataset=dataset)

    with default_storage.open(snapshot.files["json"].name, "rb") as handle:
        raw_json = handle.read().decode()
    assert [row["title"] for row in json.loads(raw_json)] == ['Sprachcafé "am Abend"']
    csv_rows = _csv_rows(snapshot)
    assert [row["title"] for row in csv_rows] == ['Sprachcafé "am Abend"']
    assert shown.author.email not in raw_json
    assert "Verborgener" not in raw_json and "Zurückgezogener" not in raw_json


def test_snapshot_task_covers_every_registered_dataset(registered_dataset, home_page):
    from lip.api.datasets import all_datasets

    counts = tasks.opendata_snapshot.delay().get()

    assert set(counts) == {dataset.slug for dataset in all_datasets()}
    assert counts["bezirke"] == 3
    for slug in counts:
        assert snapshots.snapshot_latest(slug) is not None


def test_snapshot_of_many_rows_keeps_queries_per_chunk(home_page, django_assert_max_num_queries):
    from lip.api.datasets import get_dataset
    from tests.consultation.factories import ConsultationPageFactory, ProposalFactory

    dataset = get_dataset("vorschlaege")
    if dataset is None:
        pytest.skip("the consultation's datasets are not registered")
    consultation = ConsultationPageFactory(title="Sprache und Bildung", slug="sprache")
    ProposalFactory.create_batch(30, consultation=consultation)

    with django_assert_max_num_queries(15):
        assert snapshots.snapshot_write(dataset=dataset).rows == 30


def test_empty_dataset_gives_a_header_row_and_an_empty_list(registered_dataset):
    empty = dataclasses.replace(registered_dataset, queryset=District.objects.none)

    snapshot = snapshots.snapshot_write(dataset=empty)

    assert snapshot.rows == 0
    with default_storage.open(snapshot.files["json"].name, "rb") as handle:
        assert json.loads(handle.read()) == []
    with default_storage.open(snapshot.files["csv"].name, "rb") as handle:
        assert handle.read().decode("utf-8-sig") == "number,name,slug,place,tags,note,url\r\n"


def test_the_nightly_schedule_names_the_snapshot_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["lip-opendata-snapshot"]

    assert entry["task"] == tasks.opendata_snapshot.name == "lip.api.tasks.opendata_snapshot"


def test_csv_columns_keep_one_shape_when_a_nested_object_is_null_in_some_rows():
    from lip.api.opendata.rows import csv_columns, flatten

    first = flatten({"reference": "A", "district": None, "title": "x"})
    second = flatten({"reference": "B", "district": {"slug": "linden", "name": "Linden"}, "title": "y"})
    columns = csv_columns([*first, *second], ["reference", "title", "district"])
    assert columns == ["reference", "title", "district.slug", "district.name"]
