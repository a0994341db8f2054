"""The one spreadsheet writer of the platform: every CSV and XLSX export goes through `LipExportMixin`.

Built on Wagtail's `SpreadsheetExportMixin` (the machinery behind `list_export`), made to open correctly in German
Excel and LibreOffice:

- CSV: UTF-8 with a byte order mark (without it, Excel reads the file as Windows-1252 and breaks umlauts) and
  semicolons between the cells (German Excel's list separator). A text cell that a spreadsheet would read as a
  formula (starting with = + - @, or a tab or carriage return that some programs strip first) gets a leading
  apostrophe (OWASP, "CSV injection").
- XLSX: text cells are real strings (a string cell is never a formula, so no apostrophe), without the control
  characters the format cannot hold (openpyxl refuses them); date-times are local (Europe/Berlin) wall-clock times
  without zone and without microseconds, written as real dates.
"""

import csv
import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.encoding import force_str
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from .formfields import clean_text

BOM = "\ufeff"
CSV_DELIMITER = ";"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula, made plain text by a leading apostrophe (CSV only)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold: line-like separators as newlines, other control characters removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", clean_text(value))


def local_datetime(moment: datetime.datetime) -> datetime.datetime:
    """Local wall-clock time without zone and microseconds."""
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment)
    return moment.replace(microsecond=0)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return local_datetime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date | datetime.time | int):  # bool is an int
        return value
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")  # German Excel's decimal separator, as its list separator is ";"
    if isinstance(value, list | tuple):
        value = ", ".join(force_str(v) for v in value)
    return neutralise(clean_text(force_str(value)))


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return local_datetime(value)
    if value is None or isinstance(value, datetime.date | datetime.time | int | float | Decimal):
        return value
    if isinstance(value, list | tuple):
        value = ", ".join(force_str(v) for v in value)
    if not isinstance(value, str):
        value = force_str(value)
    return xlsx_text(value)


class LipExportMixin(SpreadsheetExportMixin):
    """Put first in the bases of an export view (or in place of SpreadsheetExportMixin) to write our formats.

    Numbers stay numbers in XLSX; in CSV decimals are written with a decimal comma, as German Excel reads them.
    """

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail's preprocessing first (field-specific functions of the view), then the format's rules.
        format_dict = self.custom_field_preprocess.get(field, {})
        if format_dict.get(export_format) is not None:
            value = format_dict[export_format](value)
        if export_format == self.FORMAT_CSV:
            return _csv_value(value)
        return _xlsx_value(value)

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield BOM.encode("utf-8")
        yield writer.writerow({field: _csv_value(self.get_heading(queryset, field)) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
