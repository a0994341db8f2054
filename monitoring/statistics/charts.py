"""Charts as SVG drawn on the server, for the public pages, the admin dashboard and the PDF reports.

No script and no request to anyone: the SVG is part of the page. Every chart has a <title> (its text alternative,
which WeasyPrint also writes into the tagged PDF) and a <desc>, and the templates put the same numbers in a table
next to it. Series are told apart by pattern and by the legend, not by colour alone. The output depends only on the
arguments, so a report rendered twice from the same snapshot draws the same charts.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..formats import fmt_number

FONT = "Liberation Sans, Arial, DejaVu Sans, sans-serif"
INK = "#1b1b1b"
BLUE = "#00508c"
RED = "#a4000f"
GREY = "#6b6b6b"

Number = int | float | Decimal


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Number]
    style: str = "solid"  # solid (blue), hatched (red diagonal lines), grey


def _f(value: float) -> str:
    """Coordinates with one decimal place: short, and the same on every run."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _fill(chart_id: str, style: str) -> str:
    return {"solid": BLUE, "hatched": f"url(#{chart_id}-hatch)", "grey": GREY}.get(style, BLUE)


def _defs(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{RED}" stroke-width="3"/></pattern></defs>'
    )


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="10" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def wrap_label(label: str, limit: int = 30, longest: int = 34) -> list[str]:
    """A category label in lines of about `limit` characters, broken between words; a single word of up to `longest`
    characters (what the label column holds) stands on a line of its own, a longer one is split with a hyphen. The
    whole label, never cut off."""
    lines: list[str] = []
    for word in label.split():
        while len(word) > longest:
            lines.append(word[: longest - 1] + "-")
            word = word[longest - 1 :]
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _label(x: float, y: float, lines: Sequence[str], line_height: float) -> str:
    """A right-aligned label of one or more lines whose first line's baseline is `y`."""
    if len(lines) == 1:
        return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="end">{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{_f(x)}" y="{_f(y + n * line_height)}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return f'<text text-anchor="end">{spans}</text>'


def _legend(chart_id: str, series: Sequence[Series], y: float) -> str:
    parts, x = [], 0.0
    for s in series:
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(y - 9)}" width="12" height="12" fill="{_fill(chart_id, s.style)}" stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{_f(x + 17)}" y="{_f(y + 1)}">{escape(s.label)}</text>'
        )
        x += 30 + 6.5 * len(s.label)
    return "".join(parts)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Number], str] = fmt_number,
    width: int = 640,
) -> SafeString:
    """Horizontal bars, one per category; several series are stacked, with the total at the end of each bar."""
    label_width, value_width, row, bar, line_height = 190, 80, 20, 13, 11
    top = 26 if len(series) > 1 else 6
    labels = [wrap_label(category) for category in categories]
    rows = [max(row, bar + 7 + line_height * (len(lines) - 1)) for lines in labels]  # a long label wraps, never cut
    height = top + sum(rows) + 6
    scale_width = width - label_width - value_width
    totals = [sum(Decimal(str(s.values[i] or 0)) for s in series) for i in range(len(categories))]
    maximum = max(totals, default=Decimal(0)) or Decimal(1)
    parts = [_open(chart_id, title, description, width, height), _defs(chart_id)]
    if len(series) > 1:
        parts.append(_legend(chart_id, series, 12))
    y = top
    for i, lines in enumerate(labels):
        parts.append(_label(label_width - 6, y + bar - 2, lines, line_height))
        x = float(label_width)
        for s in series:
            value = Decimal(str(s.values[i] or 0))
            if value <= 0:
                continue
            w = float(value / maximum) * scale_width
            parts.append(
                f'<rect x="{_f(x)}" y="{y}" width="{_f(max(w, 1.0))}" height="{bar}" '
                f'fill="{_fill(chart_id, s.style)}" stroke="{INK}" stroke-width="0.5"/>'
            )
            x += w
        parts.append(f'<text x="{_f(x + 5)}" y="{_f(y + bar - 2)}">{escape(value_format(totals[i]))}</text>')
        y += rows[i]
    parts.append(
        f'<line x1="{label_width}" y1="{top - 3}" x2="{label_width}" y2="{height - 3}" stroke="{INK}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from numbers and escaped labels only


def tally_chart(
    chart_id: str,
    title: str,
    description: str,
    label: str,
    pairs: Iterable[tuple[str, Number]],
    value_format: Callable[[Number], str] = fmt_number,
) -> SafeString:
    """Bars of one series (called `label`), from (category, value) pairs."""
    pairs = list(pairs)
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        categories=[category for category, value in pairs],
        series=[Series(label, [value for category, value in pairs])],
        value_format=value_format,
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[tuple[str, Number]],
    baseline: Number | None = None,
    target: Number | None = None,
    baseline_label: str = "",
    target_label: str = "",
    value_format: Callable[[Number], str] = fmt_number,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """Measured values over time as a line with square markers; baseline (dashed) and target (dotted) as
    horizontal lines labelled on the right."""
    left, right, top, bottom = 60, 150, 12, 34
    values = [Decimal(str(v)) for _label, v in points]
    references = [Decimal(str(v)) for v in (baseline, target) if v is not None]
    low, high = min([*values, *references], default=Decimal(0)), max([*values, *references], default=Decimal(1))
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value: Decimal) -> float:
        return top + float((high - value) / (high - low)) * plot_h

    def x_of(index: int) -> float:
        return left + (plot_w * index / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    parts = [_open(chart_id, title, description, width, height), _defs(chart_id)]
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{INK}"/>'
    )
    for value in (high - pad, low + pad):
        parts.append(
            f'<text x="{left - 5}" y="{_f(y_of(value) + 4)}" text-anchor="end">{escape(value_format(value))}</text>'
        )
    for reference, label, dash in ((baseline, baseline_label, "6 4"), (target, target_label, "2 3")):
        if reference is None:
            continue
        y = y_of(Decimal(str(reference)))
        parts.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{left + plot_w}" y2="{_f(y)}" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="{dash}"/>'
            f'<text x="{left + plot_w + 6}" y="{_f(y + 4)}">{escape(label)}: {escape(value_format(reference))}</text>'
        )
    if points:
        coordinates = " ".join(f"{_f(x_of(i))},{_f(y_of(v))}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
        for i, v in enumerate(values):
            parts.append(f'<rect x="{_f(x_of(i) - 3)}" y="{_f(y_of(v) - 3)}" width="6" height="6" fill="{BLUE}"/>')
        shown = sorted({0, len(points) // 2, len(points) - 1})
        for i in shown:
            parts.append(
                f'<text x="{_f(x_of(i))}" y="{top + plot_h + 16}" text-anchor="middle">{escape(points[i][0])}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from numbers and escaped labels only
