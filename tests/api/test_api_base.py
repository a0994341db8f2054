"""The API's common behaviour (lip.api): caching, conditional GET, CORS, read-only, throttling, errors, schema, docs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings

from tests.consultation.factories import ConsultationPageFactory, ProposalFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def proposal():
    return ProposalFactory(consultation=ConsultationPageFactory(slug="sprache"))


def test_get_is_public_cacheable_with_an_etag_and_answers_304(client, proposal):
    response = client.get("/api/v1/proposals/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v1/proposals/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    ProposalFactory(consultation=proposal.consultation)
    assert client.get("/api/v1/proposals/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_api_answers_set_no_cookie_and_do_not_vary_on_it(client, proposal, user, settings):
    settings.LIP_PAGE_CACHE = True  # its anonymity check reads the session
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        response = client.get(f"/api/v1/proposals/{proposal.reference}/")
        assert response.status_code == 200
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies
        assert "private" not in response["Cache-Control"]


def test_cors_allows_any_origin_on_the_api_only(client, proposal):
    api = client.get("/api/v1/proposals/", HTTP_ORIGIN="https://opendata.example")
    assert api["Access-Control-Allow-Origin"] == "*"
    page = client.get("/suche/", HTTP_ORIGIN="https://opendata.example")
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused(client, proposal, method):
    assert getattr(client, method)("/api/v1/proposals/").status_code == 405
    assert getattr(client, method)(f"/api/v1/proposals/{proposal.reference}/").status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        "created_after=gestern",
        "topic=gibt-es-nicht",
        "channel=brieftaube",
        "has_response=vielleicht",
        "cursor=kaputt",
        "cursor=cD0yMDI2",  # base64 of "p=2026": a well-formed but forged position
        "response_state=%00",
    ],
)
def test_bad_parameters_are_400_with_a_message(client, proposal, query):
    response = client.get(f"/api/v1/proposals/?{query}")
    assert response.status_code == 400, response.content
    assert response.json()


def test_unknown_ordering_and_huge_ids_are_not_errors(client, proposal):
    assert client.get("/api/v1/proposals/?ordering=author__email").status_code == 200
    assert client.get("/api/v1/consultations/99999999999999999999999/").status_code == 404
    missing = client.get("/api/v1/proposals/LIP-2026-9999/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Nicht gefunden."}  # translated, and names no model
    assert client.get("/api/v1/proposals/?consultation=99999999999999999999999").status_code == 200


def test_anonymous_rate_limit_gives_429(client, proposal, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/min"})
    statuses = [client.get("/api/v1/proposals/").status_code for _ in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]


def test_schema_describes_only_the_open_data_api(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = list(schema["paths"])
    assert "/api/v1/proposals/" in paths and "/api/v1/proposals/{reference}/" in paths
    assert all(path.startswith("/api/v1/") for path in paths), paths
    parameters = {p["name"] for p in schema["paths"]["/api/v1/proposals/"]["get"]["parameters"]}
    assert {"cursor", "ordering", "consultation", "topic", "has_response", "q"} <= parameters


def test_schema_generates_without_warnings(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(tmp_path / "schema.yaml"),
            "--settings",
            "lip.settings.test",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/api/v1/proposals/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/docs/?script="])
def test_docs_reference_no_other_host(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    foreign = [u for u in re.findall(r"https?://[^\s\"'<>)]+", html) if not u.startswith("http://testserver")]
    assert foreign == []
    if "script" not in url:
        assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
        assert "<style" not in html and "<script>" not in html  # nothing inline: CSP script-src/style-src 'self'
        assert re.search(
            r"style-src 'self'(;|$)", response["Content-Security-Policy"]
        )  # strict: Swagger UI needs no more
