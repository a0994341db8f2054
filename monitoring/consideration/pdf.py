"""The Abwägungstabelle as a tagged PDF, in the council-paper layout of the reports (templates/monitoring/pdf/): a
landscape table per chapter whose header repeats on every page and whose rows are never split, „Seite X von Y“ in
the footer. Read from the table's snapshot alone (`services.table_snapshot`), rendered by WeasyPrint as the reports
are (`monitoring.reports.pdf`), in German whatever language the person who issued it reads.
"""

from itertools import groupby

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..reports.pdf import RenderedPDF, _render_pdf

TEMPLATE = "monitoring/pdf/consideration.html"


def counts_sentence(counts: dict) -> str:
    """„12 Beiträge: 8 Kommentare, 3 Änderungsvorschläge und 1 Stellungnahme; 2 davon analog, 9 abgewogen.“"""
    parts = [
        ngettext("%(n)s Kommentar", "%(n)s Kommentare", counts["comments"]) % {"n": counts["comments"]},
        ngettext("%(n)s Änderungsvorschlag", "%(n)s Änderungsvorschläge", counts["amendments"])
        % {"n": counts["amendments"]},
        ngettext("%(n)s Stellungnahme", "%(n)s Stellungnahmen", counts["statements"]) % {"n": counts["statements"]},
    ]
    return _("%(total)s: %(kinds)s; davon %(analog)s analog eingegangen, %(answered)s abgewogen.") % {
        "total": ngettext("%(n)s Beitrag", "%(n)s Beiträge", counts["rows"]) % {"n": counts["rows"]},
        "kinds": _("%(first)s und %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]},
        "analog": counts["analog"],
        "answered": counts["answered"],
    }


def table_context(snapshot: dict, *, table_id: int | None = None) -> dict:
    meta = snapshot["meta"]
    rows = snapshot["rows"]
    chapters = [
        {"number": number, "title": title, "rows": list(group)}
        for (number, title), group in groupby(
            rows, key=lambda r: (r["paragraph"]["chapter_number"], r["paragraph"]["chapter_title"])
        )
    ]
    reference = _("Abwägungstabelle Nr. %(number)s") % {"number": table_id} if table_id else meta["title"]
    return {
        "meta": meta,
        "date": parse_date(meta["date"]),
        "plan_version_date": parse_date(meta["plan_version_date"]) if meta.get("plan_version_date") else None,
        "chapters": chapters,
        "counts": counts_sentence(meta["counts"]),
        "reference": reference,
        "footer": f"{reference} · {meta['draft']}",
    }


def render_table_html(snapshot: dict, *, table_id: int | None = None) -> str:
    with translation.override("de"):
        return render_to_string(TEMPLATE, table_context(snapshot, table_id=table_id))


def render_table(snapshot: dict, *, table_id: int | None = None) -> RenderedPDF:
    return _render_pdf(render_table_html(snapshot, table_id=table_id))
