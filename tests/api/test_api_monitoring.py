"""Monitoring's open-data endpoints: measures with progress, origins and indicators; indicator values; released
reports only; the statistics as one object. Nothing personal, bad filters are a 400, queries do not grow."""

import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from consultation.models import ProposalState
from monitoring.models import Measure, Report, ReportRun
from tests.consultation.factories import ConsultationPageFactory, ProposalFactory
from tests.factories import DistrictFactory, UserFactory
from tests.helpers import assert_constant_queries
from tests.ideas.factories import CompetitionPageFactory
from tests.monitoring.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    adopted_proposal,
    awarded_project,
)

from .test_api_ideas import assert_nothing_personal

pytestmark = pytest.mark.django_db

MEASURES = "/api/v1/measures/"
INDICATORS = "/api/v1/indicators/"
VALUES = "/api/v1/indicator-values/"
REPORTS = "/api/v1/reports/"
STATISTICS = "/api/v1/statistics/"
PDF = b"%PDF-1.7\n"


def test_a_measure_shows_progress_links_and_indicators(client, home_page, district):
    proposal = adopted_proposal()
    hidden = ProposalFactory(state=ProposalState.HIDDEN)
    project = awarded_project()
    now = timezone.now()
    pending = awarded_project(
        competition=CompetitionPageFactory(
            submission_start=now - timedelta(days=60),
            submission_end=now - timedelta(days=30),
            results_published_at=now + timedelta(days=3),
        )
    )
    parent = MeasureFactory(
        title="Sprachcafés", districts=[district], proposals=[proposal, hidden], projects=[project, pending]
    )
    MeasureFactory(parent=parent, progress=40, weight=1)
    MeasureFactory(parent=parent, progress=100, weight=3)
    indicator = IndicatorFactory(measure=parent)

    response = client.get(f"{MEASURES}{parent.slug}/")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Sprachcafés"
    assert data["progress"] == "85.0"  # (1 × 40 + 3 × 100) / 4, the rule of the measure pages
    assert data["topic"]["slug"] == "sprachfoerderung"
    assert data["districts"] == [{"slug": district.slug, "name": district.name}]
    assert data["department"] == "Sachgebiet Integration"
    assert data["proposals"] == [proposal.reference]
    assert data["projects"] == [project.reference]  # not the one whose results are not public yet
    assert data["indicators"] == [indicator.pk]
    assert len(data["children"]) == 2
    assert data["url"] == f"http://testserver/monitoring/massnahmen/{parent.slug}/"
    assert_nothing_personal(data)


def test_measure_filters_refuse_bad_values_and_keep_matches(client, district):
    here = MeasureFactory(districts=[district])
    MeasureFactory(districts=[DistrictFactory()])
    child = MeasureFactory(parent=here)

    assert [m["slug"] for m in client.get(f"{MEASURES}?district={district.slug}").json()["results"]] == [here.slug]
    assert [m["slug"] for m in client.get(f"{MEASURES}?parent={here.slug}").json()["results"]] == [child.slug]
    assert len(client.get(f"{MEASURES}?top_level=true").json()["results"]) == 2
    for query in ("district=nirgendwo", "topic=nichts", "state=fertig", "top_level=vielleicht", "parent=keine"):
        assert client.get(f"{MEASURES}?{query}").status_code == 400, query


def test_indicators_show_every_value_and_no_one_who_entered_it(client):
    person = UserFactory(email="statistikstelle@example.org")
    indicator = IndicatorFactory(baseline_value=Decimal("40"), target_value=Decimal("120"))
    IndicatorValueFactory(indicator=indicator, date=date(2026, 3, 31), value=Decimal("60"), entered_by=person)
    IndicatorValueFactory(indicator=indicator, date=date(2026, 6, 30), value=Decimal("80"), comment="Halbjahr")

    data = client.get(f"{INDICATORS}{indicator.pk}/").json()
    values = client.get(f"{VALUES}?indicator={indicator.pk}&ordering=date").json()["results"]

    assert [v["value"] for v in data["values"]] == ["60.00", "80.00"]
    assert data["latest_value"] == {"date": "2026-06-30", "value": "80.00", "comment": "Halbjahr"}
    assert data["attainment"] == "50.0"
    assert data["measure"] == indicator.measure.slug
    assert [(v["date"], v["value"], v["indicator_name"]) for v in values] == [
        ("2026-03-31", "60.00", indicator.name),
        ("2026-06-30", "80.00", indicator.name),
    ]
    for payload in (data, values, client.get(INDICATORS).json()):
        assert_nothing_personal(payload)
    assert "statistikstelle@example.org" not in client.get(VALUES).content.decode()
    assert client.get(f"{VALUES}?date_after=gestern").status_code == 400
    assert client.get(f"{VALUES}?indicator=eins").status_code == 400
    assert client.get(f"{INDICATORS}?measure=keine").status_code == 400


@pytest.fixture
def document(db):
    document = get_document_model()(title="Bericht")
    document.file.save("bericht.pdf", ContentFile(PDF), save=True)
    return document


def make_report(document, i: int, *, released: bool) -> Report:
    run = ReportRun.objects.create(
        title=f"Bericht {i}",
        audiences=["ratsversammlung"],
        sections=["measures"],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        number=f"{i + 1:04d}/2026",
        status="done",
    )
    return Report.objects.create(
        run=run,
        number=run.number,
        title=run.title,
        period_start=run.period_start,
        period_end=run.period_end,
        audiences=run.audiences,
        snapshot={"meta": {}},
        snapshot_sha256="0" * 64,
        document=document,
        pdf_sha256=hashlib.sha256(PDF).hexdigest(),
        page_count=3,
        released_at=timezone.now() if released else None,
        released_by=UserFactory() if released else None,
    )


def test_only_released_reports_are_listed_with_their_public_pdf_address(client, document):
    released = make_report(document, 0, released=True)
    unreleased = make_report(document, 1, released=False)

    rows = client.get(REPORTS).json()["results"]

    assert [r["number"] for r in rows] == [released.number]
    row = rows[0]
    assert row["pdf"]["url"] == f"http://testserver/monitoring/berichte/{released.pk}/pdf/"
    assert row["pdf"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert row["annex"] is None
    assert row["audiences"][0]["key"] == "ratsversammlung"
    assert_nothing_personal(rows)
    assert released.released_by.email not in client.get(REPORTS).content.decode()
    assert client.get(f"{REPORTS}{unreleased.pk}/").status_code == 404
    assert client.get(f"{REPORTS}{released.pk}/").status_code == 200
    assert client.get(f"{REPORTS}?period_after=Q1").status_code == 400
    # The PDF address is the one the site serves to anyone.
    assert client.get(row["pdf"]["url"].removeprefix("http://testserver")).status_code == 200


def test_the_statistics_are_one_object_with_the_pages_figures(client, home_page):
    awarded_project("1200.00")

    response = client.get(STATISTICS)

    assert response.status_code == 200
    data = response.json()
    assert data["awarded"] == 1
    assert data["awarded_amount"] == "1200.00"
    assert data["total"]["key"] == "total"
    assert {row["key"] for row in data["by_channel"]} >= {"online"}
    assert_nothing_personal(data)
    assert client.get(f"{STATISTICS}?year=2026").status_code == 200
    assert client.get(f"{STATISTICS}?year=zwanzig").status_code == 400
    assert client.get(f"{STATISTICS}?year=1800").status_code == 400


def test_lists_cost_the_same_queries_for_few_and_many(client, home_page, document, district):
    consultation = ConsultationPageFactory()
    now = timezone.now()
    results = CompetitionPageFactory(
        submission_start=now - timedelta(days=60),
        submission_end=now - timedelta(days=30),
        results_published_at=now - timedelta(days=1),
    )

    def build(n):
        while Measure.objects.filter(parent__isnull=True).count() < n:
            measure = MeasureFactory(districts=[district], proposals=[adopted_proposal(consultation=consultation)])
            measure.projects.set([awarded_project(competition=results)])
            MeasureFactory(parent=measure)
            indicator = IndicatorFactory(measure=measure)
            IndicatorValueFactory(indicator=indicator, date=date(2026, 1, 1))
            IndicatorValueFactory(indicator=indicator, date=date(2026, 2, 1))
            make_report(document, Report.objects.count(), released=True)

    budgets = {MEASURES: 12, INDICATORS: 6, VALUES: 6, REPORTS: 6}
    for url, budget in budgets.items():

        def build_and_warm(n, url=url):
            build(n)
            client.get(url)  # writes empty the cached root paths of the site: one query once, whatever the rows

        count = assert_constant_queries(build_and_warm, lambda url=url: client.get(url), sizes=(2, 6))
        assert count <= budget, url


def test_the_datasets_are_registered_and_serialise_the_public_rows(home_page, document):
    from lip.api.datasets import all_datasets

    measure = MeasureFactory(projects=[awarded_project()])
    IndicatorValueFactory(indicator=IndicatorFactory(measure=measure), date=date(2026, 5, 1), value=Decimal("7"))
    make_report(document, 0, released=True)
    make_report(document, 1, released=False)

    datasets = {d.slug: d for d in all_datasets()}

    assert {"projekte", "massnahmen", "indikatoren", "berichte"} <= set(datasets)
    rows = {slug: datasets[slug].serializer(datasets[slug].queryset(), many=True).data for slug in datasets}
    assert [r["slug"] for r in rows["massnahmen"]] == [measure.slug]
    assert [(r["date"], r["value"]) for r in rows["indikatoren"]] == [("2026-05-01", "7.00")]
    assert [r["number"] for r in rows["berichte"]] == ["0001/2026"]
    assert [r["reference"] for r in rows["projekte"]] == list(measure.projects.values_list("reference", flat=True))
    assert str(datasets["massnahmen"].title) == "Maßnahmen des Lokalen Integrationsplans"
    assert_nothing_personal([rows[slug] for slug in ("projekte", "massnahmen", "indikatoren", "berichte")])


def test_the_schema_describes_the_statistics_as_one_object_and_the_filters(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    statistics = schema["paths"][STATISTICS]["get"]
    assert statistics["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Statistics"
    }
    assert [p["name"] for p in statistics["parameters"]] == ["year"]
    measure_filters = {p["name"] for p in schema["paths"][MEASURES]["get"]["parameters"]}
    assert {"topic", "district", "state", "parent", "top_level", "cursor", "ordering"} <= measure_filters
    for path in (f"{MEASURES}{{slug}}/", f"{INDICATORS}{{id}}/", f"{VALUES}{{id}}/", f"{REPORTS}{{id}}/"):
        assert path in schema["paths"], path
    assert "/api/v1/projects/{reference}/" in schema["paths"]
