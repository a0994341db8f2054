"""The report to the council bodies as a tagged PDF (PDF/UA-1), rendered by WeasyPrint from a data snapshot.

`render_report(snapshot)` reads nothing but the snapshot (see `snapshot.py`) and the templates in
templates/monitoring/pdf/: the same snapshot gives the same text, whenever it is rendered. The layout follows a
council paper of the Landeshauptstadt Hannover (an Informationsdrucksache): a cover with city, kind of paper, the
bodies it goes to, number, date and subject; a table of contents whose page numbers WeasyPrint fills in
(`target-counter`); "Seite X von Y" on every page (`counter(page)`, `counter(pages)`); charts as SVG with their
numbers in a table. German, whatever language the person who asked for it reads; title and language are set in the
PDF. Nothing is fetched from outside: the stylesheet is in the template and only `data:` URLs are allowed.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import pydyf
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import charts
from .formats import fmt_date, fmt_euro, fmt_percent, fmt_value
from .models import ReportSection, weighted_progress

REPORT_TEMPLATE = "monitoring/pdf/report.html"
PDF_VARIANT = "pdf/ua-1"  # tagged, accessible PDF with title and language


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    page_count: int


@dataclass(frozen=True)
class Chapter:
    key: str
    number: int
    title: str

    @property
    def anchor(self) -> str:
        return f"kapitel-{self.key}"


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
        "channels": charts.bar_chart(
            chart_id="chart-channels",
            title=_("Vorschläge nach Weg der Beteiligung"),
            description=_(
                "Balkendiagramm: Zahl der Vorschläge je Weg (online, Veranstaltung, Papierformular, E-Mail, Telefon, Sitzung eines Integrationsbeirats). Die Zahlen stehen in der Tabelle darunter."
            ),
            categories=[r["label"] for r in channels],
            series=[charts.Series(_("Vorschläge"), [r["proposals_online"] + r["proposals_analog"] for r in channels])],
        ),
        "events": charts.bar_chart(
            chart_id="chart-events",
            title=_("Teilnehmende an Veranstaltungen nach Art"),
            description=_(
                "Balkendiagramm: Zahl der Teilnehmenden je Art der Veranstaltung. Die Zahlen stehen in der Tabelle darunter."
            ),
            categories=[r["label"] for r in events],
            series=[charts.Series(_("Teilnehmende"), [r["attendees"] for r in events])],
        ),
        "organisations": charts.bar_chart(
            chart_id="chart-organisations",
            title=_("Beteiligte Organisationen nach Art"),
            description=_(
                "Balkendiagramm: Zahl der Organisationen je Art, die im Zeitraum Vorschläge gemacht, an Veranstaltungen teilgenommen oder Anträge gestellt haben. Die Zahlen stehen in der Tabelle darunter."
            ),
            categories=[r["label"] for r in organisations],
            series=[charts.Series(_("beteiligt"), [r["participating"] for r in organisations])],
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
    return charts.bar_chart(
        chart_id="chart-measures",
        title=_("Mittlerer Fortschritt der Maßnahmen nach Handlungsfeld"),
        description=_(
            "Balkendiagramm: mittlerer Fortschritt der Maßnahmen je Handlungsfeld in Prozent. Die Zahlen stehen in der Tabelle darunter."
        ),
        categories=[g["topic"] for g in groups],
        series=[charts.Series(_("Fortschritt"), [g["progress"] for g in groups])],
        value_format=fmt_percent,
    )


def _ideas_charts(data: dict) -> dict:
    districts = data["by_district"]
    funds = data["funds"]
    return {
        "districts": charts.bar_chart(
            chart_id="chart-ideas-districts",
            title=_("Bewilligte Fördersummen nach Stadtbezirk"),
            description=_(
                "Balkendiagramm: Summe der bewilligten Förderungen je Stadtbezirk in Euro. Die Zahlen stehen in der Tabelle darunter."
            ),
            categories=[r["label"] for r in districts],
            series=[charts.Series(_("bewilligt"), [Decimal(r["amount"]) for r in districts])],
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
        "has_annex": has_annex,
        "annex_title": _("Anlage 1: Vorschläge, Antworten und Maßnahmen"),
    }
    if "participation" in snapshot and "participation" in context["chapter"]:
        context["participation"] = snapshot["participation"]
        context["participation_charts"] = _participation_charts(snapshot["participation"])
    if "measures" in snapshot and "measures" in context["chapter"]:
        context["measures"] = snapshot["measures"]
        context["measure_groups"] = _measure_groups(snapshot["measures"])
        context["measure_chart"] = _measure_chart(context["measure_groups"])
    if "indicators" in snapshot and "indicators" in context["chapter"]:
        drawn = _indicator_charts(snapshot["indicators"])
        context["indicators"] = [dict(i, chart=drawn.get(n)) for n, i in enumerate(snapshot["indicators"])]
    if "ideas" in snapshot and "ideas" in context["chapter"]:
        context["ideas"] = snapshot["ideas"]
        context["ideas_charts"] = _ideas_charts(snapshot["ideas"])
    if has_annex:
        context["annex"] = snapshot["annex"]
    return context


def render_report_html(snapshot: dict) -> str:
    with translation.override("de"):  # a council paper: German, whatever language the person asking reads
        return render_to_string(REPORT_TEMPLATE, report_context(snapshot))


@contextmanager
def _page_references_once():
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


def render_report(snapshot: dict) -> RenderedReport:
    html = render_report_html(snapshot)
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()
    with _page_references_once():
        content = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedReport(content=content, page_count=len(document.pages))
