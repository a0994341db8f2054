"""Spreadsheet exports for staff: proposals, comments and events as CSV and XLSX.

Written by the platform's one spreadsheet writer (`lip.exports.LipExportMixin`): CSV for German Excel (UTF-8 with
BOM, semicolons, formula-like cells neutralised), XLSX with real strings and local date-times.

Each export reads its rows with a fixed number of queries (joins and prefetches, counts from the stored counters or
subqueries), whatever the number of rows.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.exports import LipExportMixin

from ..models import AnalogTally, Comment, Event, Proposal, Response


def _text(value) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ExportColumn:
    """A column: its key, its heading, and how its value is read from a row (by default the attribute `key`)."""

    key: str
    heading: Any
    value: Callable[[Any], Any] | None = None

    def __post_init__(self):
        if self.value is None:
            object.__setattr__(self, "value", attrgetter(self.key))


def _in_consultation(qs: QuerySet, consultation_id: int | None, lookup: str = "consultation_id") -> QuerySet:
    """The rows of one consultation when `consultation_id` is given, else all."""
    return qs if consultation_id is None else qs.filter(**{lookup: consultation_id})


class Spreadsheet(LipExportMixin):
    """One export: its columns and its queryset; `as_spreadsheet(queryset, "csv" | "xlsx")` gives the response."""

    def __init__(self, *, name: str, title, columns: list[ExportColumn], queryset: Callable[..., QuerySet]):
        self.name = name
        self.title = title
        self.columns = columns
        self.build_queryset = queryset
        self.list_export = [column.key for column in columns]
        self.export_headings = {column.key: column.heading for column in columns}
        self.export_filename = f"lip-{name}"

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        return OrderedDict((column.key, column.value(item)) for column in self.columns)

    def queryset(self, *, consultation_id: int | None = None) -> QuerySet:
        return self.build_queryset(consultation_id=consultation_id)


# --- Proposals -------------------------------------------------------------------------------------------------


def _response(proposal: Proposal) -> Response | None:
    try:
        return proposal.response
    except Proposal.response.RelatedObjectDoesNotExist:
        return None


def _response_state(proposal: Proposal) -> str:
    response = _response(proposal)
    if response is None:
        return ""
    if not response.is_published:
        return _("%(state)s (Entwurf)") % {"state": response.get_state_display()}
    return response.get_state_display()


def _response_attr(name: str) -> Callable[[Proposal], Any]:
    def value(proposal: Proposal):
        response = _response(proposal)
        return getattr(response, name) if response is not None else ""

    return value


def proposal_export_queryset(*, consultation_id: int | None = None) -> QuerySet[Proposal]:
    qs = Proposal.objects.select_related(
        "consultation", "topic", "district", "event", "organisation", "author", "response"
    ).prefetch_related("tags")
    return _in_consultation(qs, consultation_id).order_by("consultation_id", "created_at", "pk")


PROPOSALS = Spreadsheet(
    name="vorschlaege",
    title=_("Vorschläge"),
    queryset=proposal_export_queryset,
    columns=[
        ExportColumn("reference", _("Nummer")),
        ExportColumn("title", _("Titel")),
        ExportColumn("text", _("Beschreibung")),
        ExportColumn("consultation", _("Beteiligung"), lambda p: p.consultation.title),
        ExportColumn("topic", _("Handlungsfeld"), lambda p: p.topic.name),
        ExportColumn("district", _("Stadtbezirk"), lambda p: p.district.name if p.district_id else _("stadtweit")),
        ExportColumn("tags", _("Schlagworte"), lambda p: ", ".join(sorted(tag.name for tag in p.tags.all()))),
        ExportColumn("channel", _("Weg"), lambda p: p.get_channel_display()),
        ExportColumn("event", _("Veranstaltung"), lambda p: _text(p.event)),
        ExportColumn("author", _("Eingereicht von"), lambda p: p.display_author),
        ExportColumn("created_at", _("eingereicht am")),
        ExportColumn("online_votes", _("Stimmen online")),
        ExportColumn("analog_votes", _("Stimmen analog")),
        ExportColumn("comment_count", _("Kommentare")),
        ExportColumn("statement_count", _("Stellungnahmen")),
        ExportColumn("state", _("Status"), lambda p: p.get_state_display()),
        ExportColumn("response_state", _("Antwort: Stand"), _response_state),
        ExportColumn("response_text", _("Antwort: Begründung"), _response_attr("text")),
        ExportColumn("response_department", _("Antwort: zuständige Stelle"), _response_attr("department")),
        ExportColumn(
            "response_published_at",
            _("Antwort veröffentlicht am"),
            lambda p: r.published_at if (r := _response(p)) is not None else None,
        ),
    ],
)


# --- Comments --------------------------------------------------------------------------------------------------


def comment_export_queryset(*, consultation_id: int | None = None) -> QuerySet[Comment]:
    """Comments on proposals only: those on the plan draft's paragraphs (and statements on its chapters) are listed,
    with their answers, by the Abwägungstabelle (consultation.plan.table), which has the columns they need (paragraph, amendment, answer)."""
    qs = Comment.objects.filter(proposal__isnull=False).select_related("proposal", "author", "statement_district")
    return _in_consultation(qs, consultation_id, "proposal__consultation_id").order_by(
        "proposal_id", "created_at", "pk"
    )


COMMENTS = Spreadsheet(
    name="kommentare",
    title=_("Kommentare"),
    queryset=comment_export_queryset,
    columns=[
        ExportColumn("id", _("Nummer des Kommentars"), lambda c: c.pk),
        ExportColumn("proposal", _("Vorschlag (Nummer)"), lambda c: c.proposal.reference),
        ExportColumn("proposal_title", _("Titel des Vorschlags"), lambda c: c.proposal.title),
        ExportColumn("parent", _("Antwort auf (Nummer des Kommentars)"), lambda c: c.parent_id),
        ExportColumn("author", _("Verfasser*in"), lambda c: _text(c.author)),
        ExportColumn(
            "statement",
            _("Stellungnahme des Integrationsbeirats"),
            lambda c: c.statement_district.name if c.statement_district_id else "",
        ),
        ExportColumn("text", _("Kommentar")),
        ExportColumn("state", _("Status"), lambda c: _("gelöscht") if c.is_deleted else c.get_state_display()),
        ExportColumn("created_at", _("geschrieben am")),
        ExportColumn("edited_at", _("bearbeitet am")),
    ],
)


# --- Events ----------------------------------------------------------------------------------------------------


def _per_event(model, total) -> Subquery:
    """A correlated count or sum as a subquery: joining proposals and tallies at once would multiply the rows."""
    return Subquery(
        model.objects.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=total).values("n"),
        output_field=IntegerField(),
    )


def event_export_queryset(*, consultation_id: int | None = None) -> QuerySet[Event]:
    qs = (
        Event.objects.select_related("consultation", "district")
        .prefetch_related("topics", "organisations")
        .annotate(
            proposal_total=Coalesce(_per_event(Proposal, Count("pk")), 0),
            tally_total=Coalesce(_per_event(AnalogTally, Sum("count")), 0),
        )
    )
    return _in_consultation(qs, consultation_id).order_by("consultation_id", "date", "pk")


EVENTS = Spreadsheet(
    name="veranstaltungen",
    title=_("Veranstaltungen"),
    queryset=event_export_queryset,
    columns=[
        ExportColumn("title", _("Titel")),
        ExportColumn("kind", _("Art"), lambda e: e.get_kind_display()),
        ExportColumn("consultation", _("Beteiligung"), lambda e: e.consultation.title),
        ExportColumn("date", _("Datum und Uhrzeit")),
        ExportColumn("place", _("Ort")),
        ExportColumn("district", _("Stadtbezirk"), lambda e: e.district.name if e.district_id else ""),
        ExportColumn("topics", _("Handlungsfelder"), lambda e: ", ".join(t.name for t in e.topics.all())),
        ExportColumn("attendees", _("Anzahl Teilnehmende")),
        ExportColumn(
            "organisations",
            _("Teilnehmende Organisationen"),
            lambda e: ", ".join(o.name for o in e.organisations.all()),
        ),
        ExportColumn("proposals", _("Vorschläge"), lambda e: e.proposal_total),
        ExportColumn("analog_votes", _("Stimmen analog"), lambda e: e.tally_total),
        ExportColumn("minutes", _("Protokoll")),
    ],
)

EXPORTS: dict[str, Spreadsheet] = {export.name: export for export in (PROPOSALS, COMMENTS, EVENTS)}
