"""The Abwägungstabelle as XLSX, from the issued table's snapshot, through the platform's one spreadsheet writer
(`consultation.exports.spreadsheets.Spreadsheet`, built on `lip.exports.LipExportMixin`)."""

from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from consultation.exports.spreadsheets import ExportColumn, Spreadsheet

from ..models import ConsiderationTable


def _answer(name: str):
    def value(row: dict):
        return (row["answer"] or {}).get(name, "")

    return value


COLUMNS = [
    ExportColumn("number", _("Nr."), lambda r: r["number"]),
    ExportColumn(
        "chapter", _("Kapitel"), lambda r: f"{r['paragraph']['chapter_number']} {r['paragraph']['chapter_title']}"
    ),
    ExportColumn("paragraph", _("Absatz"), lambda r: r["paragraph"]["label"]),
    ExportColumn("kind", _("Art"), lambda r: r["kind_label"]),
    ExportColumn("who", _("Beitrag von"), lambda r: r["who"]),
    ExportColumn("channel", _("Weg"), lambda r: r["channel"]),
    ExportColumn("event", _("Veranstaltung"), lambda r: r["event"]),
    ExportColumn("date", _("Datum"), lambda r: parse_date(r["date"])),
    ExportColumn("text", _("Beitrag"), lambda r: r["text"]),
    ExportColumn("proposed_text", _("Vorgeschlagene Formulierung"), lambda r: r["proposed_text"]),
    ExportColumn(
        "outcome", _("Abwägung"), lambda r: r["answer"]["outcome_label"] if r["answer"] else _("noch nicht abgewogen")
    ),
    ExportColumn("reasoning", _("Begründung"), _answer("reasoning")),
    ExportColumn("resulting_version", _("Fassung"), lambda r: r["resulting_version"]),
    ExportColumn("resulting_text", _("Ergebnis: Text des Absatzes"), lambda r: r["resulting_text"]),
]


class TableSpreadsheet(Spreadsheet):
    def __init__(self, table: ConsiderationTable):
        super().__init__(name="abwaegungstabelle", title=table.title, columns=COLUMNS, queryset=lambda **kw: [])
        self.table = table

    def get_filename(self):
        return f"Abwaegungstabelle-{self.table.pk}"


def table_xlsx_response(table: ConsiderationTable):
    """The table's rows as an XLSX download (a FileResponse)."""
    return TableSpreadsheet(table).as_spreadsheet(table.snapshot.get("rows", []), "xlsx")
