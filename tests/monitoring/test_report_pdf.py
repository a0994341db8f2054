"""The report as PDFs: a council information paper (Informationsdrucksache) with cover, contents, charts with their
numbers, measures, indicators and the idea competition, and the traceability annex as a file of its own (Anlage 1);
"Seite X von Y" on every page of each; tagged PDF/UA with title and language. Rendered from the stored snapshot
alone, so issued reports never change."""

import re
from decimal import Decimal

import pytest
from wagtail.documents import get_document_model

from consultation.models import ResponseState
from lip.models import District, Topic
from monitoring.measures import services as measure_services
from monitoring.models import Measure, Report, ReportStatus
from monitoring.reports import generation, pdf

from . import pdfs
from .conftest import IN_Q1
from .factories import IndicatorFactory, IndicatorValueFactory, MeasureFactory, adopted_proposal, awarded_project


@pytest.fixture
def scenario(consultation, clock, staff):
    """Two adopted proposals leading to a measure with two sub-measures; a funded project; a key indicator of the
    field of action with values in Q1."""
    linden = District.objects.get(slug="linden-limmer")
    language = Topic.objects.get(slug="sprachfoerderung")
    cafe = adopted_proposal(
        consultation=consultation, title="Sprachcafés mit Kinderbetreuung", district=linden, created_at=IN_Q1
    )
    evening = adopted_proposal(
        consultation=consultation,
        title="Deutschkurse am Abend",
        state=ResponseState.PARTLY_ADOPTED,
        created_at=IN_Q1,
        analog=True,
    )
    project = awarded_project(title="Sprachcafé für Eltern in Linden", amount="3500.00", districts=[linden])
    parent = MeasureFactory(
        title="Sprachförderung im Stadtteil ausbauen", topic=language, districts=[linden], proposals=[cafe]
    )
    MeasureFactory(
        title="Sprachcafés in den Stadtteilzentren", parent=parent, weight=3, progress=20, projects=[project]
    )
    MeasureFactory(title="Abendkurse Deutsch", parent=parent, weight=1, progress=100, proposals=[evening])
    indicator = IndicatorFactory(
        name="Sprachförderangebote in Stadtteilzentren", unit="Angebote", measure=None, topic=language
    )
    for day, value in (("2026-01-31", 14), ("2026-02-28", 17), ("2026-03-31", 21)):
        IndicatorValueFactory(indicator=indicator, date=day, value=Decimal(value))
    return {"cafe": cafe, "evening": evening, "parent": parent}


@pytest.fixture
def issued(scenario, issue):
    run = issue()
    assert run.status == ReportStatus.DONE, run.error
    return run.report


def test_the_cover_is_a_council_information_paper(issued):
    cover = pdfs.page_texts(pdfs.read(issued))[0]

    assert "Landeshauptstadt Hannover" in cover
    assert "Informationsdrucksache" in cover
    assert "Nr. 0001/2026" in cover
    assert "Hannover / 05.04.2026" in cover
    assert "In den Ausschuss für Integration, Europa und Internationale Kooperation" in cover
    assert "In den Verwaltungsausschuss" in cover and "In die Ratsversammlung" in cover
    assert "Monitoring LIP 4.0 – Quartalsbericht" in cover
    assert "1. Quartal 2026" in cover
    assert "Anzahl der Anlagen 1" in cover


def test_the_contents_list_every_chapter_with_its_page(issued):
    contents = pdfs.page_texts(pdfs.read(issued))[1]

    assert contents.startswith("Inhalt")
    for title in (
        "1 Zusammenfassung",
        "2 Beteiligung in Zahlen",
        "3 Maßnahmen und ihr Fortschritt",
        "5 Ideenwettbewerb und Gesellschaftsfonds",
    ):
        assert re.search(re.escape(title) + r" \.+ +\d+", contents), title
    assert re.search(r"1 Zusammenfassung \.+ +3\b", contents)
    assert "Anlage 1: Vorschläge, Antworten und Maßnahmen (gesonderte Datei)" in contents


def test_every_page_says_seite_x_von_y(issued):
    pages = pdfs.page_texts(pdfs.read(issued))

    assert issued.page_count == len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in page


def test_charts_have_a_text_alternative_and_their_numbers_in_a_table(issued):
    data = pdfs.read(issued)
    content = pdfs.text(data)

    alternatives = pdfs.figure_alternatives(data)
    assert "Vorschläge nach Stadtbezirk, online und analog" in alternatives
    assert "Verlauf: Sprachförderangebote in Stadtteilzentren (Angebote)" in alternatives
    assert "Beiträge nach Stadtbezirk" in content
    assert re.search(r"Linden-Limmer 1 0 0 0 0", content)  # one online proposal, nothing else
    assert "Werte „Sprachförderangebote in Stadtteilzentren“ (Angebote)" in content
    assert re.search(r"31\.03\.2026 21", content)


def test_measures_indicators_and_the_idea_competition(issued):
    content = pdfs.text(pdfs.read(issued))

    assert "Sprachförderung im Stadtteil ausbauen" in content
    assert "40 %" in content  # (3 · 20 + 1 · 100) / 4
    assert "Gewicht 3 = 75 %" in content
    assert "Summe aus Gewicht mal Fortschritt" in content  # the rule, written down
    flat = " ".join(content.split())
    assert (
        "Sprachförderangebote in Stadtteilzentren (Angebote; Handlungsfeld: Sprachförderung): Ausgangswert 40 (12/2025)"
        " · aktuell 21 (03/2026) · Ziel 120 (12/2027) · Zielerreichung -23,8 %"
    ) in flat
    assert "Sprachcafé für Eltern in Linden" in content and "3.500,00 €" in content


def test_the_annex_traces_proposals_to_responses_and_measures(issued, scenario):
    annex = " ".join(pdfs.text(pdfs.read(issued, annex=True)).split())

    cafe, evening = scenario["cafe"], scenario["evening"]
    assert (
        f"{cafe.reference} Sprachcafés mit Kinderbetreuung Sprachförderung Linden-Limmer online "
        "in den LIP übernommen, 05.04.2026 Fachbereich Soziales Wird in den LIP übernommen. "
        "Sprachförderung im Stadtteil ausbauen (in Umsetzung, Fortschritt 40 %)"
    ) in annex
    assert f"{evening.reference} Deutschkurse am Abend" in annex
    assert "teilweise übernommen" in annex and "Abendkurse Deutsch (in Umsetzung, Fortschritt 100 %)" in annex
    assert "Lokaler Integrationsplan 4.0" in annex  # grouped by consultation
    assert "Sprachcafés mit Kinderbetreuung" not in pdfs.text(pdfs.read(issued))  # only in the annex


def test_the_annex_is_a_file_of_its_own_with_its_own_page_numbers(issued):
    data = pdfs.read(issued, annex=True)
    pages = pdfs.page_texts(data)

    first = " ".join(pages[0].split())
    assert first.startswith("Landeshauptstadt Hannover")
    assert "Anlage 1: Vorschläge, Antworten und Maßnahmen" in first
    assert "Monitoring LIP 4.0 – Quartalsbericht · Berichtszeitraum 1. Quartal 2026" in first
    assert issued.annex_page_count == len(pages) >= 1
    for number, page in enumerate(pages, start=1):
        assert "Anlage 1 zur Informationsdrucksache Nr. 0001/2026" in page
        assert f"Seite {number} von {len(pages)}" in page
    document = pdfs.reader(data)
    assert document.metadata.title == (
        "Anlage 1: Vorschläge, Antworten und Maßnahmen – Informationsdrucksache 0001/2026: "
        "Monitoring LIP 4.0 – Quartalsbericht"
    )
    root = document.trailer["/Root"]
    assert root["/Lang"] == "de" and "/StructTreeRoot" in root
    assert issued.annex_document.collection.name == "Berichte"
    assert issued.file("annex").filename == "Informationsdrucksache-0001-2026-Anlage-1.pdf"  # the download's name
    assert issued.annex_document.filename.startswith("Informationsdrucksache-0001-2026-Anlage-1")
    assert issued.annex_sha256 == generation._sha256(data)


def test_a_report_without_the_annex_section_has_no_annex_file(scenario, issue):
    run = issue(sections=["participation", "measures"])

    report = run.report
    assert report.annex_document is None and report.annex_page_count is None and report.annex_sha256 == ""
    assert [f.part for f in report.files()] == ["paper"]
    assert "Anzahl der Anlagen 0" in pdfs.page_texts(pdfs.read(report))[0]


def test_title_language_and_tags_are_set(issued):
    document = pdfs.reader(pdfs.read(issued))

    assert document.metadata.title == "Informationsdrucksache 0001/2026: Monitoring LIP 4.0 – Quartalsbericht"
    root = document.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_the_pdf_is_a_document_in_the_restricted_collection(issued):
    assert issued.document.collection.name == "Berichte"
    assert issued.document.collection.get_view_restrictions().exists()


def test_rendering_the_stored_snapshot_again_yields_the_same_text(issued):
    again = pdf.render_report(issued.snapshot)

    assert pdfs.text(again.content) == pdfs.text(pdfs.read(issued))
    assert again.page_count == issued.page_count
    assert pdfs.text(again.annex.content) == pdfs.text(pdfs.read(issued, annex=True))
    assert again.annex.page_count == issued.annex_page_count


def issue_failing(issue, monkeypatch, renderer: str, error: Exception):
    """Issue a report while `pdf.<renderer>` raises `error`; the run failed and left no report and no document."""

    def broken(snapshot):
        raise error

    monkeypatch.setattr(pdf, renderer, broken)
    documents_before = get_document_model().objects.count()

    run = issue()

    assert run.status == ReportStatus.FAILED
    assert not Report.objects.exists()
    assert get_document_model().objects.count() == documents_before
    return run


def test_a_failing_annex_fails_the_run_and_leaves_no_report_or_document(scenario, issue, monkeypatch):
    run = issue_failing(issue, monkeypatch, "render_annex", OSError("Kein Speicherplatz für die Anlage"))

    assert "Kein Speicherplatz für die Anlage" in run.error


def test_later_edits_do_not_change_an_issued_report_but_show_in_the_next(issued, scenario, staff, issue):
    before = pdfs.text(pdfs.read(issued))
    snapshot_before = issued.snapshot
    measure = Measure.objects.get(title="Sprachcafés in den Stadtteilzentren")
    measure.title = "Sprachcafés in allen Stadtteilzentren"
    measure.progress = 60
    measure_services.measure_save(measure=measure, user=staff)

    second = issue().report

    issued.refresh_from_db()
    assert issued.snapshot == snapshot_before
    assert pdfs.text(pdfs.read(issued)) == before
    assert pdfs.text(pdf.render_report(issued.snapshot).content) == before
    assert "Sprachcafés in allen Stadtteilzentren" not in before
    new = pdfs.text(pdfs.read(second))
    assert second.number == "0002/2026"
    assert "Sprachcafés in allen Stadtteilzentren" in new
    assert "70 %" in new  # (3 · 60 + 1 · 100) / 4


def test_a_failing_render_marks_the_run_failed_and_leaves_no_report_or_document(scenario, issue, monkeypatch, settings):
    run = issue_failing(issue, monkeypatch, "render_paper", RuntimeError("Schriftart nicht gefunden"))

    assert "RuntimeError: Schriftart nicht gefunden" in run.error
    assert run.snapshot is not None and run.number == "0001/2026"  # the data was taken, the number reserved

    monkeypatch.undo()
    report = generation.run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ReportStatus.DONE and report.number == "0001/2026"


def test_a_failure_while_storing_removes_the_written_file(scenario, issue, monkeypatch, settings, tmp_path):
    from pathlib import Path

    settings.MEDIA_ROOT = str(tmp_path)

    def broken_create(**kwargs):
        raise RuntimeError("Datenbank voll")

    monkeypatch.setattr(Report.objects, "create", broken_create)

    run = issue()

    assert run.status == ReportStatus.FAILED and "Datenbank voll" in run.error
    assert not Report.objects.exists()
    assert not get_document_model().objects.filter(collection__name="Berichte").exists()
    folder = Path(settings.MEDIA_ROOT) / "documents"
    assert not folder.exists() or not list(folder.iterdir())
