"""The report to the council bodies as tagged PDFs (PDF/UA-1), rendered by WeasyPrint from a data snapshot.

`render_report(snapshot)` reads nothing but the snapshot (see `snapshot.py`) and the templates in
templates/monitoring/pdf/: the same snapshot gives the same text, whenever it is rendered. The layout follows a
council paper of the Landeshauptstadt Hannover (an Informationsdrucksache): a cover with city, kind of paper, the
bodies it goes to, number, date, number of annexes and subject; a table of contents whose page numbers WeasyPrint
fills in (`target-counter`); "Seite X von Y" on every page (`counter(page)`, `counter(pages)`); charts as SVG
(embedded as images) with their numbers in a table, numbered („Abbildung 3“) and referenced from the table's caption;
a report whose period had not ended when its data were taken says „vorläufig, Stand …“ on the cover and in every
footer (`status_label`). The traceability annex (the proposals with their responses and measures: a landscape
table whose rows never split and whose header repeats on every page) is, as with the city's council papers, a file
of its own, "Anlage 1 zur Informationsdrucksache Nr. …",
with its own page numbers; the two are rendered by Celery tasks of their own (`tasks.render_report_part`), which
may run at the same time on different workers. German, whatever language the
person who asked for it reads; title and language are set in the PDF. Nothing is fetched from outside: the
stylesheet is in the template and only `data:` URLs are allowed.
"""

import base64
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ..formats import fmt_date, fmt_euro, fmt_percent, fmt_value
from ..models import ReportSection, weighted_progress
from ..statistics import charts

REPORT_TEMPLATE = "monitoring/pdf/report.html"
ANNEX_TEMPLATE = "monitoring/pdf/annex.html"
PDF_VARIANT = "pdf/ua-1"  # tagged, accessible PDF with title and language
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    page_count: int


@dataclass(frozen=True)
class RenderedReport:
    """The council paper and its annex (None when the report has no annex section)."""

    paper: RenderedPDF
    annex: RenderedPDF | None

    @property
    def content(self) -> bytes:
        return self.paper.content

    @property
    def page_count(self) -> int:
        return self.paper.page_count


@dataclass(frozen=True)
class Chapter:
    key: str
    number: int
    title: str

    @property
    def anchor(self) -> str:
        return f"kapitel-{self.key}"


def _as_image(svg: str) -> str:
    """A chart for the PDF: an <img> with the SVG in a data: URL and the chart's title as its alternative text.
    WeasyPrint then reads the SVG with its XML parser, instead of running its HTML parser and the CSS cascade over
    every element of an inline <svg>: the same drawing, text and /Alt in the tagged PDF, about 0.25 s less for the
    16 charts of a quarterly report."""
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own chart (charts.py), not input from outside
    return format_html(
        '<img class="chart" src="data:image/svg+xml;base64,{}" alt="{}" width="{}" height="{}">',
        base64.b64encode(svg.encode("utf-8")).decode("ascii"),
        root.findtext(f"{{{SVG_NAMESPACE}}}title", ""),
        root.get("width"),
        root.get("height"),
    )


def _online_analog(rows: list[dict], *, chart_id: str, title: str, description: str) -> str:
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        categories=[r["label"] for r in rows],
        series=[
            charts.Series(_("online"), [r["proposals_online"] for r in rows]),
            charts.Series(_("analog"), [r["proposals_analog"] for r in rows], style="hatched"),
        ],
    )


def _participation_charts(data: dict) -> dict:
    districts, topics = data["by_district"], data["by_topic"]
    channels = data["by_channel"]
    events = data["events_by_kind"]
    organisations = data["organisations_by_type"]
    return {
        "districts": _online_analog(
            districts,
            chart_id="chart-districts",
            title=_("Vorschläge nach Stadtbezirk, online und analog"),
            description=_(
                "Balkendiagramm: Zahl der Vorschläge je Stadtbezirk, geteilt in online (voll) und analog (schraffiert). Die Zahlen stehen in der Tabelle darunter."
            ),
        ),
        "topics": _online_analog(
            topics,
            chart_id="chart-topics",
            title=_("Vorschläge nach Handlungsfeld, online und analog"),
            description=_(
                "Balkendiagramm: Zahl der Vorschläge je Handlungsfeld, geteilt in online (voll) und analog (schraffiert). Die Zahlen stehen in der Tabelle darunter."
            ),
        ),
        "channels": charts.tally_chart(
            "chart-channels",
            _("Vorschläge nach Weg der Beteiligung"),
            _(
                "Balkendiagramm: Zahl der Vorschläge je Weg (online, Veranstaltung, Papierformular, E-Mail, Telefon, Sitzung eines Integrationsbeirats). Die Zahlen stehen in der Tabelle darunter."
            ),
            _("Vorschläge"),
            [(r["label"], r["proposals_online"] + r["proposals_analog"]) for r in channels],
        ),
        "events": charts.tally_chart(
            "chart-events",
            _("Teilnehmende an Veranstaltungen nach Art"),
            _(
                "Balkendiagramm: Zahl der Teilnehmenden je Art der Veranstaltung. Die Zahlen stehen in der Tabelle darunter."
            ),
            _("Teilnehmende"),
            [(r["label"], r["attendees"]) for r in events],
        ),
        "organisations": charts.tally_chart(
            "chart-organisations",
            _("Beteiligte Organisationen nach Art"),
            _(
                "Balkendiagramm: Zahl der Organisationen je Art, die im Zeitraum Vorschläge gemacht, an Veranstaltungen teilgenommen oder Anträge gestellt haben. Die Zahlen stehen in der Tabelle darunter."
            ),
            _("beteiligt"),
            [(r["label"], r["participating"]) for r in organisations],
        ),
    }


def _indicator_charts(indicators: list[dict]) -> dict[int, str]:
    result = {}
    for index, indicator in enumerate(indicators):
        if not indicator["key"] or not indicator["series"]:
            continue
        unit = indicator["unit"]
        result[index] = charts.line_chart(
            chart_id=f"chart-indicator-{index}",
            title=_("Verlauf: %(name)s (%(unit)s)") % {"name": indicator["name"], "unit": unit},
            description=_(
                "Liniendiagramm der gemessenen Werte im Berichtszeitraum mit Ausgangswert (gestrichelt) und Zielwert (gepunktet). Die Werte stehen in der Tabelle darunter."
            ),
            points=[(fmt_date(day, "m/Y"), Decimal(value)) for day, value in indicator["series"]],
            baseline=Decimal(indicator["baseline"]["value"]),
            target=Decimal(indicator["target"]["value"]),
            baseline_label=_("Ausgang"),
            target_label=_("Ziel"),
            value_format=fmt_value,
        )
    return result


def _measure_groups(measures: list[dict]) -> list[dict]:
    """The measures by field of action, in the snapshot's order, with the mean progress of each field (every
    top-level measure counted once)."""
    groups: dict[str, dict] = {}
    for measure in measures:
        groups.setdefault(measure["topic"], {"topic": measure["topic"], "measures": []})["measures"].append(measure)
    for group in groups.values():
        group["progress"] = weighted_progress((1, Decimal(m["progress"])) for m in group["measures"])
    return list(groups.values())


def _measure_chart(groups: list[dict]) -> str:
    return charts.tally_chart(
        "chart-measures",
        _("Mittlerer Fortschritt der Maßnahmen nach Handlungsfeld"),
        _(
            "Balkendiagramm: mittlerer Fortschritt der Maßnahmen je Handlungsfeld in Prozent. Die Zahlen stehen in der Tabelle darunter."
        ),
        _("Fortschritt"),
        [(g["topic"], g["progress"]) for g in groups],
        value_format=fmt_percent,
    )


def _ideas_charts(data: dict) -> dict:
    districts = data["by_district"]
    funds = data["funds"]
    return {
        "districts": charts.tally_chart(
            "chart-ideas-districts",
            _("Bewilligte Fördersummen nach Stadtbezirk"),
            _(
                "Balkendiagramm: Summe der bewilligten Förderungen je Stadtbezirk in Euro. Die Zahlen stehen in der Tabelle darunter."
            ),
            _("bewilligt"),
            [(r["label"], Decimal(r["amount"])) for r in districts],
            value_format=fmt_euro,
        ),
        "funds": charts.bar_chart(
            chart_id="chart-funds",
            title=_("Mittelbindung der Fonds"),
            description=_(
                "Balkendiagramm: je Fonds die bewilligten Mittel (voll) und die noch verfügbaren Mittel (schraffiert); die ganze Länge ist das Budget. Die Zahlen stehen in der Tabelle darunter."
            ),
            categories=[f"{f['name']}" for f in funds],
            series=[
                charts.Series(_("bewilligt"), [Decimal(f["committed"]) for f in funds]),
                charts.Series(
                    _("verfügbar"), [max(Decimal(f["remaining"]), Decimal(0)) for f in funds], style="hatched"
                ),
            ],
            value_format=fmt_euro,
        ),
    }


def _annex_title() -> str:
    return _("Anlage 1: Vorschläge, Antworten und Maßnahmen")


def _number_figures(context: dict) -> dict[str, int]:
    """The numbers of the figures („Abbildung 3“), in the order the template shows them: a figure the report does not
    show (a district's report has no map of districts, a report without funds no chart of them) gets none."""
    keys = []
    if "participation_charts" in context:
        if not context["meta"].get("scope"):
            keys.append("districts")
        keys += ["topics", "channels", "events", "organisations"]
    if context.get("measures"):
        keys.append("measures")
    keys += [f"indicator_{n}" for n, i in enumerate(context.get("indicators") or []) if i["chart"]]
    if "ideas_charts" in context:
        if not context["meta"].get("scope"):
            keys.append("ideas_districts")
        if context["ideas"]["funds"]:
            keys.append("funds")
    return {key: number for number, key in enumerate(keys, start=1)}


def status_label(meta: dict) -> str:
    """„vorläufig, Stand <date>“ when the report's data were taken before its period had ended, else empty: printed on
    the cover and in every page's footer of the paper and its annex. Snapshots taken before `period_complete` was
    recorded tell it by the date they were taken."""
    taken = parse_datetime(meta["generated_at"]).date() if meta.get("generated_at") else parse_date(meta["date"])
    complete = meta.get("period_complete", taken > parse_date(meta["period"]["end"]))
    return "" if complete else _("vorläufig, Stand %(date)s") % {"date": fmt_date(taken)}


def _footer(text: str, meta: dict) -> str:
    status = status_label(meta)
    return f"{text} · {status}" if status else text


def report_context(snapshot: dict) -> dict:
    """Everything the template shows, from the snapshot alone."""
    meta = snapshot["meta"]
    sections = meta["sections"]
    titles = dict(ReportSection.choices)
    chapters = [Chapter("summary", 1, _("Zusammenfassung"))]
    for key in ReportSection.values:
        if key in sections and key in snapshot and key != ReportSection.ANNEX:
            chapters.append(Chapter(key, len(chapters) + 1, str(titles[key])))
    has_annex = ReportSection.ANNEX in sections and "annex" in snapshot
    context = {
        "meta": meta,
        "date": parse_date(meta["date"]),
        "period_start": parse_date(meta["period"]["start"]),
        "period_end": parse_date(meta["period"]["end"]),
        "summary": snapshot["summary"],
        "chapters": chapters,
        "chapter": {c.key: c for c in chapters},
        # The administration's words and who signs (`texts`); older snapshots have neither and render as they did.
        "texts": snapshot.get("texts") or {},
        "signature": snapshot.get("signature"),
        "has_annex": has_annex,
        "annex_title": _annex_title(),
        # Further „Anlagen“: issued Abwägungstabellen, numbered after the annex of proposals (older snapshots: none).
        "attachments": [
            {**entry, "label": _("Anlage %(n)s") % {"n": number}}
            for number, entry in enumerate(snapshot.get("attachments") or [], start=2 if has_annex else 1)
        ],
        "attachment_count": int(has_annex) + len(snapshot.get("attachments") or []),
        "status": status_label(meta),
        "footer": _footer(f"{meta['kind']} Nr. {meta['number']}", meta),
    }
    if "participation" in snapshot and "participation" in context["chapter"]:
        context["participation"] = snapshot["participation"]
        context["reach"] = snapshot.get("reach")  # who took part (voluntary); older snapshots have none
        context["surveys"] = snapshot.get("surveys") or []  # surveys (consultation.surveys.report); older: none
        drawn = _participation_charts(snapshot["participation"])
        context["participation_charts"] = {key: _as_image(svg) for key, svg in drawn.items()}
    if "measures" in snapshot and "measures" in context["chapter"]:
        context["measures"] = snapshot["measures"]
        context["measure_groups"] = _measure_groups(snapshot["measures"])
        context["measure_chart"] = _as_image(_measure_chart(context["measure_groups"]))
    if "indicators" in snapshot and "indicators" in context["chapter"]:
        drawn = _indicator_charts(snapshot["indicators"])
        context["indicators"] = [
            dict(i, chart=_as_image(drawn[n]) if n in drawn else None) for n, i in enumerate(snapshot["indicators"])
        ]
    if "ideas" in snapshot and "ideas" in context["chapter"]:
        context["ideas"] = snapshot["ideas"]
        context["ideas_charts"] = {key: _as_image(svg) for key, svg in _ideas_charts(snapshot["ideas"]).items()}
    context["figures"] = _number_figures(context)
    for n, indicator in enumerate(context.get("indicators") or []):
        indicator["figure"] = context["figures"].get(f"indicator_{n}")
    return context


def _annex_row(row: dict) -> dict:
    """An annex row; snapshots taken before the annex became a table name the measures by title only."""
    measures = [m if isinstance(m, dict) else {"title": m} for m in row["measures"]]
    return dict(row, measures=measures)


def annex_context(snapshot: dict) -> dict | None:
    """What the annex (Anlage 1) shows, or None when the report has none."""
    meta = snapshot["meta"]
    if ReportSection.ANNEX not in meta["sections"] or "annex" not in snapshot:
        return None
    return {
        "meta": meta,
        "annex": [_annex_row(row) for row in snapshot["annex"]],
        "annex_title": _annex_title(),
        "status": status_label(meta),
        "footer": _footer(
            _("Anlage 1 zur %(kind)s Nr. %(number)s") % {"kind": meta["kind"], "number": meta["number"]}, meta
        ),
    }


def render_report_html(snapshot: dict) -> str:
    """The council paper itself (without its annex), as HTML."""
    with translation.override("de"):  # a council paper: German, whatever language the person asking reads
        return render_to_string(REPORT_TEMPLATE, report_context(snapshot))


def render_annex_html(snapshot: dict) -> str | None:
    """Anlage 1 as HTML, or None when the report has no annex."""
    with translation.override("de"):
        context = annex_context(snapshot)
        return None if context is None else render_to_string(ANNEX_TEMPLATE, context)


def _render_pdf(html: str) -> RenderedPDF:
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()
    return RenderedPDF(content=document.write_pdf(pdf_variant=PDF_VARIANT), page_count=len(document.pages))


def render_paper(snapshot: dict) -> RenderedPDF:
    """The council paper (without its annex) as a tagged PDF."""
    return _render_pdf(render_report_html(snapshot))


def render_annex(snapshot: dict) -> RenderedPDF | None:
    """Anlage 1 as a tagged PDF with its own page numbers, or None when the report has no annex."""
    html = render_annex_html(snapshot)
    return None if html is None else _render_pdf(html)


def render_report(snapshot: dict) -> RenderedReport:
    """The council paper and its annex (Anlage 1) as two tagged PDFs, each with its own page numbers, as Hannover's
    council papers carry their annexes, rendered one after the other in this process. A report run renders the two
    as Celery tasks of their own instead (`generation.run_render_part`), so that they can run at the same time."""
    return RenderedReport(paper=render_paper(snapshot), annex=render_annex(snapshot))
