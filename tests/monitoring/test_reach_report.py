"""The report's section „Wen haben wir erreicht, wen nicht“: in the PDF's chapter on participation, from the
snapshot, with small groups suppressed; snapshots from before render as they did."""

from datetime import date
from decimal import Decimal

import pytest

from consultation.models import Channel
from lip.models import District
from monitoring.models import PopulationDimension, PopulationFigure, ReachLanguage, ReachProfile, ReportSection

from . import pdfs


def _profiles(n, *, month, district=None, channel=Channel.ONLINE):
    created = ReachProfile.objects.bulk_create(
        ReachProfile(district=district, month=month, channel=channel) for _ in range(n)
    )
    ReachLanguage.objects.bulk_create(ReachLanguage(profile=p, language="de") for p in created)


@pytest.fixture
def reach(db):
    linden = District.objects.get(slug="linden-limmer")
    PopulationFigure.objects.create(
        dimension=PopulationDimension.DISTRICT, category="linden-limmer", share=Decimal("8.4"), year=2025, source="LHH"
    )
    _profiles(17, month=date(2026, 2, 1), district=linden)
    _profiles(2, month=date(2026, 3, 1), district=District.objects.get(slug="mitte"), channel=Channel.PAPER)
    _profiles(9, month=date(2026, 1, 1))
    _profiles(50, month=date(2025, 12, 1))  # before the period: not counted


def test_the_report_has_the_section_with_the_period_s_respondents(reach, issue):
    run = issue()
    assert run.status == "done", run.error
    snapshot = run.report.snapshot
    assert snapshot["reach"]["total"] == 28
    rows = {r["label"]: r for d in snapshot["reach"]["dimensions"] if d["key"] == "district" for r in d["rows"]}
    assert rows["Mitte"]["count"] is None  # 2 people: never in the snapshot
    text = pdfs.text(pdfs.read(run.report))
    assert "Wen haben wir erreicht, wen nicht" in text
    assert "28 Personen die freiwilligen Fragen zur Person beantwortet" in " ".join(text.split())
    assert "nicht ausgewiesen" in text
    assert "Anteil in Hannover (2025)" in text


def test_a_report_without_the_participation_chapter_has_no_section(reach, issue):
    run = issue(sections=[ReportSection.MEASURES])
    assert run.report.snapshot["reach"] is None
    assert "Wen haben wir erreicht" not in pdfs.text(pdfs.read(run.report))


def test_an_old_snapshot_without_the_key_still_renders(reach, issue):
    html = pdfs.html_from_before(issue().report, "reach")
    assert "Nach Stadtbezirk" in html
    assert "Wen haben wir erreicht" not in html
