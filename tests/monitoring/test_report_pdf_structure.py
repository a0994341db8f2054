"""Issue 18, items 3, 4 and 6: the annex is a table (number, title, district, channel, the official response with
its reasoning, the measures with their progress) whose rows are never split and whose header repeats on every page;
a report taken before its period ended says "vorläufig, Stand <date>" on the cover and in every footer; figures are
numbered and referenced; chart labels wrap instead of being cut; the PDFs are tagged (headings, tables with header
cells, figures with alternative text, language)."""

import re
from datetime import date

from monitoring.models import ReportStatus
from monitoring.reports import pdf
from monitoring.statistics import charts

from . import pdfs
from .test_report_pdf import issued, scenario  # noqa: F401 - fixtures

ANNEX_COLUMNS = (
    "Nr.",
    "Vorschlag",
    "Stadtbezirk",
    "Weg",
    "Antwort der Verwaltung",
    "Begründung",
    "Maßnahme und Fortschritt",
)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_snapshot_keeps_the_reasoning_and_the_progress_of_the_measures(issued, scenario):  # noqa: F811
    rows = {row["reference"]: row for row in issued.snapshot["annex"]}

    cafe = rows[scenario["cafe"].reference]
    assert cafe["response"]["reasoning"] == "Wird in den LIP übernommen."
    assert cafe["response"]["date"] == "2026-04-05"
    # The parent measure's progress is the weighted mean of its sub-measures: (3 · 20 + 1 · 100) / 4.
    assert cafe["measures"] == [
        {"title": "Sprachförderung im Stadtteil ausbauen", "state": "in Umsetzung", "progress": "40.0"}
    ]
    evening = rows[scenario["evening"].reference]
    assert [(m["title"], m["progress"]) for m in evening["measures"]] == [("Abendkurse Deutsch", "100.0")]


def test_the_annex_is_a_table_with_reasoning_and_progress(issued, scenario):  # noqa: F811
    data = pdfs.read(issued, annex=True)
    annex = flat(pdfs.text(data))

    assert " ".join(ANNEX_COLUMNS) in annex
    cafe = scenario["cafe"].reference
    assert re.search(
        re.escape(cafe)
        + r" Sprachcafés mit Kinderbetreuung .*Linden-Limmer online in den LIP übernommen, 05\.04\.2026",
        annex,
    )
    assert "Wird in den LIP übernommen." in annex  # the reasoning
    assert "Sprachförderung im Stadtteil ausbauen (in Umsetzung, Fortschritt 40 %)" in annex
    assert "Abendkurse Deutsch (in Umsetzung, Fortschritt 100 %)" in annex
    types = pdfs.structure_types(data)
    assert "/Table" in types and types.count("/TH") >= len(ANNEX_COLUMNS) + 2  # the header cells and a row header each


def test_the_annex_header_repeats_on_every_page_and_no_row_is_split(issued):  # noqa: F811
    """Sixty proposals with a reasoning of several lines: the annex runs over several pages; every page starts with the
    table header, and each proposal's number and the end of its reasoning stand on the same page."""
    template = issued.snapshot["annex"][0]
    reasoning = "Die Verwaltung prüft den Vorschlag mit dem Fachbereich und berichtet im nächsten Quartal. " * 4
    rows = [
        dict(
            template,
            reference=f"LIP-2026-{n:04d}",
            response=dict(template["response"], reasoning=f"{reasoning}Ende {n:04d}."),
        )
        for n in range(1, 61)
    ]
    rendered = pdf.render_annex(dict(issued.snapshot, annex=rows))

    pages = [flat(page) for page in pdfs.page_texts(rendered.content)]
    assert len(pages) >= 3
    for page in pages:
        assert " ".join(ANNEX_COLUMNS) in page
    for n in range(1, 61):
        page = next(p for p in pages if f"LIP-2026-{n:04d}" in p)
        assert f"Ende {n:04d}." in page


def test_an_unfinished_period_is_labelled_provisional_on_the_cover_and_every_footer(scenario, issue):  # noqa: F811
    run = issue(period_start=date(2026, 4, 1), period_end=date(2026, 6, 30))  # today is 5 April 2026

    assert run.status == ReportStatus.DONE, run.error
    assert run.report.snapshot["meta"]["period_complete"] is False
    paper = pdfs.page_texts(pdfs.read(run.report))
    assert "vorläufig, Stand 05.04.2026: Der Berichtszeitraum war bei Erstellung noch nicht abgeschlossen" in flat(
        paper[0]
    )
    for page in paper + pdfs.page_texts(pdfs.read(run.report, annex=True)):
        assert "vorläufig, Stand 05.04.2026" in flat(page)


def test_a_finished_period_is_not_labelled_provisional(issued):  # noqa: F811
    assert issued.snapshot["meta"]["period_complete"] is True
    assert "vorläufig" not in pdfs.report_text(issued)


def test_a_snapshot_without_the_flag_is_provisional_when_taken_before_the_period_ended(issued):  # noqa: F811
    meta = {key: value for key, value in issued.snapshot["meta"].items() if key != "period_complete"}

    assert pdf.status_label(meta) == ""
    assert pdf.status_label(dict(meta, generated_at="2026-03-31T18:00:00+02:00")) == "vorläufig, Stand 31.03.2026"


def test_figures_are_numbered_in_order_and_referenced_from_the_text(issued):  # noqa: F811
    data = pdfs.read(issued)
    content = flat(pdfs.text(data))

    numbers = [int(n) for n in re.findall(r"Abbildung (\d+): ", content)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == len(pdfs.figure_alternatives(data)) >= 8
    assert "Abbildung 1: Vorschläge nach Stadtbezirk" in content
    assert "Beiträge nach Stadtbezirk (siehe Abbildung 1)" in content
    assert "Werte „Sprachförderangebote in Stadtteilzentren“ (Angebote) (siehe Abbildung" in content
    for n in numbers:
        assert f"(siehe Abbildung {n})" in content


def test_a_districts_report_numbers_its_figures_without_gaps(scenario, issue):  # noqa: F811
    """A district's report has no chart of the districts: its figures still count 1, 2, 3 …"""
    from lip.models import District
    from monitoring.models import Audience

    run = issue(audiences=[Audience.DISTRICT_COUNCIL], district=District.objects.get(slug="linden-limmer"))

    assert run.status == ReportStatus.DONE, run.error
    content = flat(pdfs.text(pdfs.read(run.report)))
    numbers = [int(n) for n in re.findall(r"Abbildung (\d+): ", content)]
    assert numbers == list(range(1, len(numbers) + 1)) and numbers
    assert "Abbildung 1: Vorschläge nach Handlungsfeld" in content


def test_long_chart_labels_wrap_and_are_never_cut():
    svg = charts.tally_chart(
        "chart-test",
        "Titel",
        "Beschreibung",
        "Vorschläge",
        [
            ("Politische und gesellschaftliche Teilhabe", 3),
            ("Gesellschaftsfonds Zusammenleben 2026", 1),
            ("Bildung", 2),
        ],
    )

    assert "…" not in svg
    assert ">Politische und<" in svg and ">gesellschaftliche Teilhabe<" in svg
    assert ">Gesellschaftsfonds<" in svg and ">Zusammenleben 2026<" in svg
    assert charts.wrap_label("Migrant*innenselbstorganisation") == ["Migrant*innenselbstorganisation"]
    assert charts.wrap_label("Donaudampfschifffahrtsgesellschaftskapitänsmütze", 20, 20) == [
        "Donaudampfschifffah-",
        "rtsgesellschaftskap-",
        "itänsmütze",
    ]


def test_no_chart_label_in_the_report_is_cut(issued):  # noqa: F811
    content = pdfs.text(pdfs.read(issued))

    assert "…" not in content
    assert "Politische und gesellschaftliche Teilhabe" in flat(content)


def test_the_paper_is_tagged_with_headings_tables_figures_and_language(issued):  # noqa: F811
    data = pdfs.read(issued)
    root = pdfs.reader(data).trailer["/Root"]
    types = pdfs.structure_types(data)

    assert root["/Lang"] == "de" and root["/MarkInfo"]["/Marked"]
    assert types.count("/H1") == 1 and types.count("/H2") >= 6 and "/H3" in types
    assert types.index("/H1") < types.index("/H2")
    assert types.count("/Table") >= 10 and "/THead" in types and types.count("/TH") >= 50
    assert "/Caption" in types
    figures = [e for e in pdfs.structure_elements(data) if e["/S"] == "/Figure"]
    assert figures and all(str(e.get("/Alt", "")).strip() for e in figures)


def test_the_annex_is_tagged_with_a_heading_and_a_table(issued):  # noqa: F811
    data = pdfs.read(issued, annex=True)
    root = pdfs.reader(data).trailer["/Root"]
    types = pdfs.structure_types(data)

    assert root["/Lang"] == "de"
    assert "/H1" in types and "/H2" in types and "/Table" in types and "/THead" in types
    elements = pdfs.structure_elements(data)
    header_ids = {str(e["/ID"]) for e in elements if e["/S"] == "/TH"}
    cells = [e for e in elements if e["/S"] == "/TD"]
    # Every data cell names its column header and its row header (the proposal's number): /Headers → /ID.
    assert cells and all(len(c["/A"]["/Headers"]) == 2 for c in cells)
    assert all({str(h) for h in c["/A"]["/Headers"]} <= header_ids for c in cells)
