"""Two speed-ups for writing the report PDF with WeasyPrint. Both are pure speed-ups: the PDF has the same text, and
the chart labels stand at the same places within rounding (tests/monitoring/test_pdf_speedups.py compares both ways).

`page_references_once()`: pydyf rebuilds the tuple of all page references on every access, and WeasyPrint's tagging
(PDF/UA) reads it once per tagged element, which is quadratic in the pages. A 60-page report is written about 0.5 s
faster.

`fast_svg_text()`: WeasyPrint 70 lays out and draws every letter of an SVG <text> on its own with Pango, so that it
can place and rotate each letter (x/y/dx/dy/rotate lists, textLength, letter-spacing). Our charts (charts.py) only
write `<text x=".." y=".." [text-anchor="middle|end"]>label</text>` in the font of the root <svg>. For such a text the
fast path lays out and draws the whole label once. The 16 charts of a report have about 190 labels: rendering and
writing a page with only these charts took 0.53 s of CPU, 0.31 s with the fast path (median of 5 runs).

To give the same result, the whole label is laid out as the letters were one by one: without kerning and ligatures,
in one font (the font of a lone space, which is what the original uses for every space), and only for Latin letters,
digits, punctuation and spaces (no combining marks, joiners or right-to-left text, which shape differently as a
whole). Anything else goes to WeasyPrint's own function: several x or y values, dx, dy, rotate, textLength,
letter-spacing, baseline and anchor alignment attributes, direction="rtl", <tspan>, <textPath> and <a>, a <text>
with child elements, an empty text, a text that needs more than one font.

The fast path replaces a function inside WeasyPrint and relies on its internals. It is only installed for the
WeasyPrint versions it was checked against (VERIFIED_WEASYPRINT_VERSIONS); with any other version `fast_svg_text()`
does nothing, so an upgrade makes the charts slower, never wrong. WeasyPrint's internals are imported inside the
functions that use them, so that importing this module works with any version. After an upgrade, compare
weasyprint/svg/text.py with `_text` below and run the tests of this module before adding the version to the set.
"""

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from math import inf

import pydyf
import weasyprint

VERIFIED_WEASYPRINT_VERSIONS = frozenset({"70.0"})

# Characters that Pango shapes the same alone and within a line once kerning and ligatures are off: printable Latin
# (without the soft hyphen U+00AD), spaces, dashes, quotes, ellipsis and the like, currency signs. Not: combining
# marks (from U+0300), zero-width and bidirectional controls (U+200B-U+200F, U+202A-U+202E, U+2060-U+206F), other
# scripts, emoji.
_PLAIN_TEXT = re.compile(
    r"[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2000-\u200a\u2010-\u2027\u202f-\u205f\u20a0-\u20c0]+"
)

# Attributes the fast path does not implement: per-letter positions and spacing, vertical alignment.
_PER_LETTER_ATTRIBUTES = (
    "dx",
    "dy",
    "rotate",
    "textLength",
    "letter-spacing",
    "display-anchor",
    "dominant-baseline",
    "alignment-baseline",
)

_patch_lock = threading.Lock()
_patch_users = 0
_replaced = {}  # set by _install(): the functions it replaced, for _uninstall() and for the fallback


@contextmanager
def fast_svg_text() -> Iterator[None]:
    """While active, WeasyPrint draws a plain SVG <text> as one string instead of letter by letter (see the module
    docstring for what counts as plain). Does nothing for a WeasyPrint version not in VERIFIED_WEASYPRINT_VERSIONS.

    The replacement is process-wide (it patches WeasyPrint's module), so it may be nested and used from several
    threads: it is installed when the first user enters and removed when the last one leaves, also on an exception.
    """
    if weasyprint.__version__ not in VERIFIED_WEASYPRINT_VERSIONS:
        yield
        return
    global _patch_users
    with _patch_lock:
        if _patch_users == 0:
            _install()
        _patch_users += 1
    try:
        yield
    finally:
        with _patch_lock:
            _patch_users -= 1
            if _patch_users == 0:
                _uninstall()


@contextmanager
def page_references_once() -> Iterator[None]:
    """pydyf rebuilds the tuple of all page references on every access, and WeasyPrint's tagging (PDF/UA) reads it
    once per tagged element: quadratic in the pages. While writing, compute it once per page count instead (the
    output is the same; a 60-page report is written about 0.5 s faster)."""
    original = pydyf.PDF.page_references

    def page_references(pdf_object):
        count = len(pdf_object.pages["Kids"])
        cached = pdf_object.__dict__.get("_lip_page_references")
        if cached is None or cached[0] != count:
            cached = (count, original.fget(pdf_object))
            pdf_object.__dict__["_lip_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@contextmanager
def faster_weasyprint() -> Iterator[None]:
    """Both speed-ups: wrap the rendering and the writing of a PDF in it."""
    with fast_svg_text(), page_references_once():
        yield


def _install():
    """Put _text in every place WeasyPrint 70 looks up its SVG text function: weasyprint.svg.text.text, the name
    `text` in weasyprint.svg (draw_node compares `TAGS.get(node.tag) == text` to find text nodes for text-anchor)
    and the entries of weasyprint.svg.TAGS."""
    import weasyprint.svg

    svg_package = weasyprint.svg
    text_module = sys.modules["weasyprint.svg.text"]  # `import weasyprint.svg.text` gives the function
    original = svg_package.text
    tags = {tag: function for tag, function in svg_package.TAGS.items() if function is original}
    _replaced.update(package_text=original, module_text=text_module.text, tags=tags)
    svg_package.text = text_module.text = _text
    svg_package.TAGS.update(dict.fromkeys(tags, _text))


def _uninstall():
    import weasyprint.svg

    weasyprint.svg.text = _replaced["package_text"]
    sys.modules["weasyprint.svg.text"].text = _replaced["module_text"]
    weasyprint.svg.TAGS.update(_replaced["tags"])
    _replaced.clear()


def _text(svg, node, font_size):
    """Draw a text node like weasyprint.svg.text.text (70.0), with one layout for the whole string when that gives
    the same result as one layout per letter."""
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox

    original = _replaced["package_text"]
    position = _plain_text_position(svg, node, font_size)
    if position is None:
        return original(svg, node, font_size)
    style = _style(svg, node, font_size)
    layout, width, height, baseline = _line(svg, node.text, style)
    if _fonts(layout) != [_space_font(svg, style)]:
        return original(svg, node, font_size)
    x, y = position

    # Cursor and bounding box as the original leaves them after the last letter: with no dx/dy, the offsets in
    # cursor_d_position only change where x or y is given and not zero (the original tests `if x:`).
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position, y_position = x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]
    points = ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height))
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)

    # Set the graphical state after the bounding box (gradients and patterns need it), then draw.
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _plain_text_position(svg, node, font_size):
    """(x, y) of a plain text node, each None when not given; None for a node the fast path leaves to the original."""
    from weasyprint.svg.utils import normalize, size

    attributes = node.attrib
    plain = (
        node.tag == "text"
        and node.text
        and _PLAIN_TEXT.fullmatch(node.text)
        and not any(name in attributes for name in _PER_LETTER_ATTRIBUTES)
        and attributes.get("direction", "ltr") == "ltr"
        and next(iter(node), None) is None  # no <tspan> or other child: their text follows on from this one
    )
    if not plain:
        return None
    position = []
    for name, reference in (("x", svg.inner_width), ("y", svg.inner_height)):
        if name not in attributes:
            position.append(None)
            continue
        values = normalize(attributes[name]).strip().split(" ")  # as the original splits them
        if len(values) > 1:
            return None
        position.append(size(values[0], font_size, reference))
    return tuple(position)


def _style(svg, node, font_size):
    """The style the original builds, plus no kerning and no ligatures: letters laid out alone have neither."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    weight = node.get("font-weight", 400)
    if weight == "normal":
        style["font_weight"] = 400
    elif weight == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(weight)
        except ValueError:
            style["font_weight"] = 400
    style["font_kerning"] = "none"
    style["font_variant_ligatures"] = "none"
    return style


def _line(svg, string, style):
    """A Pango layout of `string` on one line, ready to draw, with its width, height and baseline."""
    from weasyprint.text.line_break import split_first_line

    layout, _, _, width, height, baseline = split_first_line(string, style, svg.context, inf, 0)
    layout.reactivate(style)  # split_first_line releases the Pango layout; drawing needs it
    return layout, width, height, baseline


def _fonts(layout):
    """The Pango fonts of the runs of the layout's first line, in order."""
    from weasyprint.text.ffi import ffi

    line, _ = layout.get_first_line()
    fonts, run = [], line.runs
    while run != ffi.NULL:
        fonts.append(run.data.item.analysis.font)
        run = run.next
    return fonts


def _space_font(svg, style):
    """The font Pango gives a lone space in this style, as the original lays out each space. Cached on the SVG image
    together with its layout: the layout holds a reference to the font, so its address stays unique to it."""
    key = (tuple(style["font_family"]), style["font_style"], style["font_weight"], style["font_size"])
    cache = svg.__dict__.setdefault("_lip_space_fonts", {})
    if key not in cache:
        layout = _line(svg, " ", style)[0]
        fonts = _fonts(layout)
        cache[key] = (layout, fonts[0] if fonts else None)
    return cache[key][1]
