"""The CSV import of indicator values: parse and check every row, then store all rows or none."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lip import pagecache

from .. import permissions
from ..models import (
    Indicator,
    IndicatorValue,
)

CSV_COLUMNS = {
    "datum": "date",
    "date": "date",
    "wert": "value",
    "value": "value",
    "kommentar": "comment",
    "comment": "comment",
}

CSV_MAX_ROWS = 5000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def parse_decimal(text: str) -> Decimal:
    """„1.234,5“, „1234,5“ and „1234.5“ are all 1234.5; anything else is not a number (InvalidOperation)."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise InvalidOperation
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def parse_day(text: str) -> date | None:
    """„31.12.2026“ or „2026-12-31“; anything else (also digits like „²“ that int() refuses) is None."""
    field = forms.DateField(input_formats=["%d.%m.%Y", "%Y-%m-%d"])
    try:
        return field.clean(text.strip())
    except ValidationError:
        return None


@dataclass(frozen=True)
class ParsedRow:
    line: int
    date: date
    value: Decimal
    comment: str


def _read_csv(raw: bytes) -> list[dict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def indicator_values_parse(*, indicator: Indicator, raw: bytes) -> list[ParsedRow]:
    """Check a CSV file of values for `indicator`: a header row with the columns datum, wert and (optional)
    kommentar, then one value per row. Returns the rows, or raises a ValidationError listing every faulty row by its
    line number in the file (the header is line 1)."""
    rows = _read_csv(raw)
    if not rows:
        raise ValidationError(_("Die Datei ist leer."))
    header = [CSV_COLUMNS.get(cell.strip().lower()) for cell in rows[0]]
    if "date" not in header or "value" not in header:
        raise ValidationError(
            _("Zeile 1: Die Kopfzeile muss die Spalten „datum“ und „wert“ enthalten (optional „kommentar“).")
        )
    if len(rows) - 1 > CSV_MAX_ROWS:
        raise ValidationError(
            _("Die Datei hat mehr als %(max)s Zeilen. Bitte teilen Sie sie auf.") % {"max": CSV_MAX_ROWS}
        )
    existing = set(indicator.values.values_list("date", flat=True)) if indicator.pk else set()
    seen: dict[date, int] = {}
    today = timezone.localdate()
    parsed, errors = [], []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        record = {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header) if name}
        problems = []
        day = parse_day(record.get("date", ""))
        if day is None:
            problems.append(_("„%(text)s“ ist kein Datum (TT.MM.JJJJ).") % {"text": record.get("date", "")})
        try:
            value = parse_decimal(record.get("value", ""))
            if abs(value) >= Decimal("1e12"):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            value = None
            problems.append(_("„%(text)s“ ist keine Zahl.") % {"text": record.get("value", "")})
        comment = record.get("comment", "")
        if len(comment) > 500:
            problems.append(_("Der Kommentar ist länger als 500 Zeichen."))
        if day is not None and day > today:
            problems.append(
                _("Der %(date)s liegt in der Zukunft. Werte werden erst eingetragen, wenn sie gemessen sind.")
                % {"date": day.strftime("%d.%m.%Y")}
            )
        elif day is not None:
            if day in existing:
                problems.append(_("Für den %(date)s gibt es schon einen Wert.") % {"date": day.strftime("%d.%m.%Y")})
            elif day in seen:
                problems.append(
                    _("Der %(date)s steht schon in Zeile %(line)s.")
                    % {"date": day.strftime("%d.%m.%Y"), "line": seen[day]}
                )
            else:
                seen[day] = line
        if problems:
            errors.append(_("Zeile %(line)s: %(problems)s") % {"line": line, "problems": " ".join(problems)})
        else:
            parsed.append(ParsedRow(line, day, value, comment))
    if errors:
        raise ValidationError(errors)
    if not parsed:
        raise ValidationError(_("Die Datei enthält keine Werte."))
    return parsed


@transaction.atomic
def indicator_values_import(*, indicator: Indicator, user, raw: bytes) -> int:
    """Import a CSV file of values: all rows or none (one transaction). Returns how many were imported."""
    _require(permissions.can_enter_values(user))
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()  # one import per indicator at a time
    rows = indicator_values_parse(indicator=indicator, raw=raw)
    now = timezone.now()
    try:
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator,
                    date=row.date,
                    value=row.value,
                    comment=row.comment,
                    entered_by=user,
                    entered_at=now,
                    imported=True,
                )
                for row in rows
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Während des Imports wurden für diesen Indikator Werte eingetragen. Bitte versuchen Sie es erneut.")
        ) from exc
    log(instance=indicator, action="monitoring.values.import", user=user, data={"rows": len(rows)})
    pagecache.invalidate(pagecache.tags.MEASURES)
    return len(rows)
