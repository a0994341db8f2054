"""Query budgets of the public monitoring pages and of the report snapshot: the same number of queries for few and
for many measures, indicators, values and proposals."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from lip.models import District, Topic
from monitoring.models import Measure, ReportRun, ReportSection
from monitoring.reports.snapshot import build_snapshot
from tests.helpers import assert_constant_queries

from .factories import IndicatorFactory, IndicatorValueFactory, MeasureFactory, adopted_proposal, awarded_project

SIZES = (4, 16)


def build_measures(n):
    districts = list(District.objects.all()[:3])
    topics = list(Topic.objects.all()[:3])
    for i in range(Measure.objects.filter(parent__isnull=True).count(), n):
        parent = MeasureFactory(topic=topics[i % 3], districts=districts[: i % 3], proposals=[adopted_proposal()])
        MeasureFactory(
            parent=parent, topic=parent.topic, districts=districts[:1], progress=i, projects=[awarded_project()]
        )
        indicator = IndicatorFactory(measure=parent)
        for month in range(1, 4):
            IndicatorValueFactory(indicator=indicator, date=date(2026, month, 28), value=Decimal(i + month))


def test_the_measure_overview(client, home_page):
    url = reverse("monitoring:measure_list")
    client.get(url)

    count = assert_constant_queries(build_measures, lambda: client.get(url), sizes=SIZES)
    assert count <= 7  # topics and districts for the filters from the cache (lip.reference); menu and footer too


def test_a_measure_page(client, home_page):
    parent = MeasureFactory(title="Sprachförderung")
    url = reverse("monitoring:measure_detail", args=[parent.slug])
    topic = parent.topic

    def build(n):
        for i in range(parent.children.count(), n):
            MeasureFactory(parent=parent, topic=topic, progress=i)
            parent.proposals.add(adopted_proposal())
            parent.projects.add(awarded_project())
            indicator = IndicatorFactory(measure=parent)
            IndicatorValueFactory(indicator=indicator, date=date(2026, 1, 1) + timedelta(days=i), value=Decimal(i))

    client.get(url)
    count = assert_constant_queries(build, lambda: client.get(url), sizes=SIZES)
    assert count <= 13


def test_the_report_archive(client_for, council_reader, home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from monitoring.models import Report

    document = get_document_model()(title="Bericht")
    document.file.save("bericht.pdf", ContentFile(b"%PDF-1.7\n"), save=True)

    def build(n):
        for i in range(Report.objects.count(), n):
            run = ReportRun.objects.create(
                title=f"Bericht {i}",
                audiences=["ratsversammlung"],
                sections=["measures"],
                period_start=date(2026, 1, 1),
                period_end=date(2026, 3, 31),
                number=f"{i + 1:04d}/2026",
                status="done",
            )
            Report.objects.create(
                run=run,
                number=run.number,
                title=run.title,
                period_start=run.period_start,
                period_end=run.period_end,
                snapshot={"meta": {}},
                snapshot_sha256="0" * 64,
                document=document,
                pdf_sha256="0" * 64,
                page_count=3,
            )

    url = reverse("monitoring:report_archive")
    client = client_for(council_reader)
    client.get(url)

    count = assert_constant_queries(build, lambda: client.get(url), sizes=SIZES)
    assert count <= 7


def test_the_report_snapshot(home_page, staff):
    run = ReportRun(
        title="Bericht",
        audiences=["ratsversammlung"],
        sections=list(ReportSection.values),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        number="0001/2026",
    )

    count = assert_constant_queries(build_measures, lambda: build_snapshot(run=run), sizes=SIZES)
    assert count <= 35  # 16 for the statistics, 14 for measures (with their origins), indicators, projects, annex;
    # up to 3 for who took part (`monitoring.reach.report`: profiles, languages, population figures);
    # 1 for survey responses in the statistics and 1 for the surveys section (none here; with surveys 5)
