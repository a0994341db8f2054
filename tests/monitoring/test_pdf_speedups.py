"""The speed-ups of monitoring/pdf_speedups.py change nothing in the PDF: with the fast path for SVG <text>, the
charts' labels have the same text and stand at the same places; whatever the fast path does not handle still goes
to WeasyPrint's own function; WeasyPrint is left as it was after the block, and alone for versions the fast path was
not checked against; caching the page references writes the same bytes."""

import io
import re
import sys
from contextlib import contextmanager
from decimal import Decimal

import pydyf
import pytest
import weasyprint
import weasyprint.svg
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import ContentStream
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from monitoring import charts
from monitoring.formats import fmt_euro, fmt_value
from monitoring.pdf_speedups import fast_svg_text, faster_weasyprint, page_references_once

from . import pdfs

POSITION_TOLERANCE_PT = 0.01  # the fast path lays out with the same glyph advances: only float rounding differs


def render(html: str) -> bytes:
    """As monitoring/pdf.py renders the report: tagged PDF/UA-1, only data: URLs."""
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()
    return document.write_pdf(pdf_variant="pdf/ua-1")


def page(*figures: str) -> str:
    body = "".join(f"<figure>{figure}</figure>" for figure in figures)
    return f'<html lang="de"><head><title>Diagramme</title></head><body>{body}</body></html>'


def svg(content: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60" '
        f'font-family="{charts.FONT}" font-size="10">{content}</svg>'
    )


# Where the text of a PDF is drawn. pypdf's extract_text(visitor_text=...) gives the positions inside a form XObject
# without the transformation it is drawn with, and WeasyPrint draws every <text> with text-anchor="middle"/"end" in
# a form XObject moved by the anchor shift: so follow the content streams here.

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m, n):
    """The product of two PDF matrices (a, b, c, d, e, f), m applied first."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def to_unicode(font) -> dict[bytes, str]:
    """Glyph code -> text, from the ToUnicode map WeasyPrint writes for a font (bfchar entries only)."""
    cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
    entries = "".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, flags=re.DOTALL))
    return {
        bytes.fromhex(code): bytes.fromhex(text).decode("utf-16-be")
        for code, text in re.findall(r"<([0-9a-f]+)> <([0-9a-f]+)>", entries)
    }


def shown_text(data: bytes) -> list[tuple[str, float, float]]:
    """Every Tj/TJ of the PDF in drawing order: its text and where on the page it starts, in pt."""
    reader = PdfReader(io.BytesIO(data))
    shown: list[tuple[str, float, float]] = []

    def walk(content, resources, ctm):
        saved, text_matrix, glyphs = [], IDENTITY, {}
        for operands, operator in content.operations:
            if operator == b"q":
                saved.append(ctm)
            elif operator == b"Q":
                ctm = saved.pop()
            elif operator == b"cm":
                ctm = multiply(tuple(map(float, operands)), ctm)
            elif operator == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Form":
                    matrix = tuple(map(float, xobject.get("/Matrix", IDENTITY)))
                    walk(ContentStream(xobject, reader), xobject.get("/Resources", resources), multiply(matrix, ctm))
            elif operator == b"Tf":
                glyphs = to_unicode(resources["/Font"][operands[0]])
            elif operator == b"Tm":
                text_matrix = tuple(map(float, operands))
            elif operator in (b"Tj", b"TJ"):
                strings = operands[0] if operator == b"TJ" else operands
                codes = b"".join(s.original_bytes for s in strings if hasattr(s, "original_bytes"))
                text = "".join(glyphs.get(codes[i : i + 2], "\ufffd") for i in range(0, len(codes), 2))
                _, _, _, _, x, y = multiply(text_matrix, ctm)
                shown.append((text, x, y))

    for pdf_page in reader.pages:
        walk(ContentStream(pdf_page.get_contents(), reader), pdf_page["/Resources"], IDENTITY)
    return shown


def assert_same_places(whole: bytes, letter_by_letter: bytes):
    """The strings drawn in `whole` spell the letters drawn one by one in `letter_by_letter` (where spaces are not
    drawn), and each string starts where its first letter is."""
    letters = iter(shown_text(letter_by_letter))
    for text, x, y in shown_text(whole):
        spelled = [next(letters) for _ in text.replace(" ", "")]
        assert "".join(letter for letter, _, _ in spelled) == text.replace(" ", "")
        assert (x, y) == pytest.approx(spelled[0][1:], abs=POSITION_TOLERANCE_PT), text
    assert next(letters, None) is None


def font_names(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {str(font.get_object()["/BaseFont"]) for p in reader.pages for font in p["/Resources"]["/Font"].values()}


def text_functions():
    """Every place WeasyPrint looks up its SVG text function."""
    return weasyprint.svg.text, sys.modules["weasyprint.svg.text"].text, dict(weasyprint.svg.TAGS)


@contextmanager
def text_function_wrapped(wrap):
    """For the block, WeasyPrint's current SVG text function is replaced by wrap(function) wherever it is looked up
    (draw_node finds text nodes for text-anchor by comparing with it, so all places must agree)."""
    function, module = weasyprint.svg.text, sys.modules["weasyprint.svg.text"]
    tags = [tag for tag, value in weasyprint.svg.TAGS.items() if value is function]
    wrapper = wrap(function)
    weasyprint.svg.text = module.text = wrapper
    weasyprint.svg.TAGS.update(dict.fromkeys(tags, wrapper))
    try:
        yield
    finally:
        weasyprint.svg.text = module.text = function
        weasyprint.svg.TAGS.update(dict.fromkeys(tags, function))


@pytest.fixture
def original_calls():
    """WeasyPrint's own SVG text function records the text of every node it draws."""
    calls = []

    def recording(function):
        def text(svg_image, node, font_size):
            calls.append(node.text)
            return function(svg_image, node, font_size)

        return text

    with text_function_wrapped(recording):
        yield calls


@pytest.fixture
def chart_page():
    """A bar chart with two series (one hatched), long labels that are shortened and labels with kerning pairs (AV,
    Te, Vä, Yo) at text-anchor="end", amounts in euro; a line chart with baseline and target labels and dates at
    text-anchor="middle"."""
    with translation.override("de"):
        bars = charts.bar_chart(
            chart_id="chart-funds",
            title="Mittelbindung der Fonds",
            description="Balkendiagramm",
            categories=[
                "AVA Tagesstätte „Vielfalt“ für Väter und Töchter",
                "Kirchrode-Bemerode-Wülferode",
                "Yoga & Tee – Treffpunkt Vahrenwald",
                "Quartiersfonds",
            ],
            series=[
                charts.Series("bewilligt", [Decimal("12500.50"), Decimal("800"), Decimal("0"), Decimal("4711.11")]),
                charts.Series(
                    "verfügbar", [Decimal("7499.50"), Decimal("200"), Decimal("5000"), Decimal("0")], style="hatched"
                ),
            ],
            value_format=fmt_euro,
        )
        line = charts.line_chart(
            chart_id="chart-indicator-0",
            title="Verlauf: Sprachförderangebote (Angebote)",
            description="Liniendiagramm",
            points=[("01/2026", Decimal(14)), ("02/2026", Decimal("17.5")), ("03/2026", Decimal(21))],
            baseline=Decimal(10),
            target=Decimal(25),
            baseline_label="Ausgang",
            target_label="Ziel",
            value_format=fmt_value,
        )
    return page(bars, line)


def test_chart_labels_keep_their_text_and_places_with_the_fast_path(chart_page, original_calls):
    letter_by_letter = render(chart_page)
    original_calls.clear()
    with fast_svg_text():
        whole = render(chart_page)

    assert original_calls == []  # every label took the fast path
    assert pdfs.page_texts(whole) == pdfs.page_texts(letter_by_letter)
    assert len(shown_text(whole)) == chart_page.count("<text")  # one string per label
    assert_same_places(whole, letter_by_letter)


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ('<text x="0" y="20">AVATAR Tee</text>', "AVATAR Tee"),
        ('<g transform="translate(10 20)"><text>Wolke</text></g>', "Wolke"),
        ('<text x="2em" y="50%">Einheiten</text>', "Einheiten"),
        ('<g text-anchor="middle"><text x="100" y="20">AVATAR „Wolke“ – 12 €</text></g>', "AVATAR „Wolke“ – 12 €"),
        (
            '<text x="190" y="20" text-anchor="end" font-family="DejaVu Serif">offizielle Auflage</text>',
            "offizielle Auflage",
        ),
        (
            '<text x="190" y="20" text-anchor="end" font-size="14" font-weight="bold" font-style="italic" '
            'transform="rotate(5)" opacity="0.5" stroke="red">Fett und schräg</text>',
            "Fett und schräg",
        ),
        (
            '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/>'
            '</linearGradient></defs><text x="190" y="20" text-anchor="end" fill="url(#g)">Verlauf</text>',
            "Verlauf",
        ),
        # A <text> inside another one starts where the outer one's dx left the cursor, unless it has its own x.
        ('<text x="10" y="20" dx="5">ab<text x="50" y="40">cd</text><text y="50">ef</text></text>', "cd"),
    ],
    ids=["x-zero", "no-x-y", "units", "inherited-anchor", "ligatures", "styled", "gradient", "after-dx"],
)
def test_plain_text_takes_the_fast_path_at_the_same_place(content, text, original_calls):
    html = page(svg(content))
    letter_by_letter = render(html)
    original_calls.clear()
    with fast_svg_text():
        whole = render(html)

    assert text not in original_calls
    assert text in [shown for shown, _, _ in shown_text(whole)]
    assert_same_places(whole, letter_by_letter)


def test_the_fast_path_leaves_cursor_and_bounding_box_as_weasyprint_does(original_calls):
    """draw_node shifts text-anchor="middle"/"end" by the bounding box; a following <tspan> would start at the
    cursor."""
    html = page(
        svg(
            '<text x="190" y="20" text-anchor="end">AVATAR Tee</text><text x="0" y="40">Wolke 7</text>'
            '<g transform="translate(5 5)"><text>ohne x und y</text></g>'
            '<text x="100" y="55" text-anchor="middle">12.500,50\u00a0€ und 1\u202f000</text>'
        )
    )

    def states():
        records = []

        def recording(function):
            def text(svg_image, node, font_size):
                function(svg_image, node, font_size)
                records.append(
                    (node.text, *svg_image.cursor_position, *svg_image.cursor_d_position, *node.text_bounding_box)
                )

            return text

        with text_function_wrapped(recording):
            render(html)
        return records

    letter_by_letter = states()
    original_calls.clear()
    with fast_svg_text():
        whole = states()

    assert original_calls == []
    assert [text for text, *_ in whole] == ["AVATAR Tee", "Wolke 7", "ohne x und y", "12.500,50\u00a0€ und 1\u202f000"]
    for state, expected in zip(whole, letter_by_letter, strict=True):
        assert state == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ('<text x="10 20 30" y="20">abc</text>', "abc"),
        ('<text x="10" y="20" dx="1 2 3">abc</text>', "abc"),
        ('<text x="10" y="20" rotate="30">abc</text>', "abc"),
        ('<text x="10" y="20" textLength="100">abc</text>', "abc"),
        ('<text x="10" y="20" letter-spacing="2">abc</text>', "abc"),
        ('<text x="10" y="20" dominant-baseline="middle">abc</text>', "abc"),
        ('<text x="100" y="20" direction="rtl">abc:</text>', "abc:"),
        ('<text x="100" y="20" text-anchor="middle">ab<tspan fill="red">cd</tspan></text>', "ab"),
        # In a font that has them, so that the whole line would be one run in the font of a space:
        ('<text x="10" y="20" font-family="DejaVu Sans">مرحبا</text>', "مرحبا"),
        ('<text x="10" y="20" font-family="DejaVu Sans">Cafe\u0301</text>', "Cafe\u0301"),
    ],
    ids=["x-list", "dx", "rotate", "textLength", "letter-spacing", "baseline", "rtl", "tspan", "arabic", "combining"],
)
def test_text_the_fast_path_does_not_handle_goes_to_weasyprint(content, text, original_calls):
    html = page(svg(content))
    letter_by_letter = render(html)
    original_calls.clear()
    with fast_svg_text():
        fallback = render(html)

    assert text in original_calls
    assert shown_text(fallback)
    assert shown_text(fallback) == shown_text(letter_by_letter)


@pytest.mark.parametrize("label", ["Zahlung ₿ 12", "ɐ ɑ ɒ"], ids=["two-fonts", "fallback-font"])
def test_a_label_not_in_the_font_of_a_space_goes_to_weasyprint(label, original_calls):
    """Laid out alone, a space gets the first font of the list; within a line, the font of the letter before it: the
    widths would differ."""
    html = page(svg(f'<text x="190" y="20" text-anchor="end">{label}</text>'))
    letter_by_letter = render(html)
    if font_names(letter_by_letter) == font_names(render(page(svg('<text x="10" y="20">a b</text>')))):
        pytest.skip(f"the first font has every letter of {label!r} here")
    original_calls.clear()
    with fast_svg_text():
        fallback = render(html)

    assert original_calls == [label]
    assert shown_text(fallback) == shown_text(letter_by_letter)


def test_weasyprint_gets_its_text_function_back_after_the_block():
    before = text_functions()
    with fast_svg_text():
        package_text, module_text, tags = text_functions()
        assert package_text is not before[0]
        assert module_text is package_text
        assert tags["text"] is tags["tspan"] is tags["textPath"] is tags["a"] is package_text
    assert text_functions() == before


def test_weasyprint_gets_its_text_function_back_after_an_exception():
    before = text_functions()
    with pytest.raises(RuntimeError), fast_svg_text():
        raise RuntimeError("rendering failed")
    assert text_functions() == before


def test_nested_blocks_keep_the_fast_path_until_the_outer_one_ends():
    before = text_functions()
    with fast_svg_text():
        with fast_svg_text():
            pass
        assert text_functions() != before
    assert text_functions() == before


def test_an_unverified_weasyprint_version_is_left_alone(monkeypatch, original_calls):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    before = text_functions()
    with fast_svg_text():
        assert text_functions() == before
        render(page(svg('<text x="10" y="20">Hallo</text>')))
    assert original_calls == ["Hallo"]


@pytest.fixture
def long_document():
    sections = "".join(f"<h2>Abschnitt {n}</h2><p>{'Wort ' * 400}</p>" for n in range(8))
    html = f'<html lang="de"><head><title>Bericht</title></head><body>{sections}</body></html>'
    return HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()


def test_page_references_once_writes_the_same_pdf(long_document):
    assert len(long_document.pages) > 3
    plain = long_document.write_pdf(pdf_variant="pdf/ua-1")
    with page_references_once():
        cached = long_document.write_pdf(pdf_variant="pdf/ua-1")
    assert cached == plain


def test_page_references_once_builds_the_references_once_per_page_count(long_document, monkeypatch):
    built = []
    original = pydyf.PDF.page_references

    def counting(pdf):
        built.append(pdf)
        return original.fget(pdf)

    monkeypatch.setattr(pydyf.PDF, "page_references", property(counting))
    long_document.write_pdf(pdf_variant="pdf/ua-1")
    without = len(built)
    built.clear()
    with page_references_once():
        long_document.write_pdf(pdf_variant="pdf/ua-1")
    assert len(built) <= len(long_document.pages) < without
    assert pydyf.PDF.page_references.fget is counting  # put back after the block


def test_faster_weasyprint_enters_both_speed_ups():
    references, before = pydyf.PDF.page_references, text_functions()
    with faster_weasyprint():
        assert pydyf.PDF.page_references is not references
        assert text_functions() != before
    assert pydyf.PDF.page_references is references
    assert text_functions() == before
