"""Writes in monitoring: measures, indicators and their values (typed in or imported), report schedules, report runs,
issued reports.

Every service checks `permissions` itself and refuses with `PermissionDenied`; bad input is refused with a
`ValidationError` naming the field, and nothing is stored then. Report generation runs in steps (`run_prepare`,
`run_render_part` for the paper and for the annex, `run_issue`), called by the Celery tasks in `tasks.py` or one after
the other by `run_execute`; see its docstring for how a failed run leaves nothing half-written behind.
"""

import contextlib
import csv
import hashlib
import io
import json
import logging
import posixpath
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, CollectionViewRestriction

from lip.roles import Role, group_name

from . import permissions, selectors
from .models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Audience,
    Indicator,
    IndicatorValue,
    Measure,
    Report,
    ReportCounter,
    ReportRun,
    ReportSchedule,
    ReportSection,
    ReportStatus,
    report_filename,
)
from .periods import first_months, period_just_ended

logger = logging.getLogger(__name__)

REPORTS_COLLECTION = "Berichte"
SCHEDULE_TASK = "monitoring.tasks.issue_scheduled_report"
STALE_RUN = timedelta(minutes=30)  # a run "running" for longer than this was lost with its worker and may be taken over
CSV_MAX_ROWS = 5000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- Measures ------------------------------------------------------------------------------------------------------


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "massnahme"
    slug, n = base, 2
    while Measure.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def measure_save(*, measure: Measure, user, districts=None, proposals=None, projects=None) -> Measure:
    """Create or change a measure with its districts, the proposals it came from and the projects implementing it.

    Refused: progress outside 0–100, an end before the start, a second level of sub-measures, proposals whose
    published response did not adopt them, projects that were not funded.
    """
    _require(permissions.is_monitoring_staff(user))
    errors: dict[str, list[str]] = {}
    if measure.progress is not None and not PROGRESS_MIN <= measure.progress <= PROGRESS_MAX:
        errors.setdefault("progress", []).append(_("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."))
    parent = measure.parent
    if parent is not None:
        if measure.pk is not None and parent.pk == measure.pk:
            errors.setdefault("parent", []).append(_("Eine Maßnahme kann nicht Teil von sich selbst sein."))
        elif parent.parent_id is not None:
            errors.setdefault("parent", []).append(
                _("„%(parent)s“ ist selbst eine Teilmaßnahme. Es gibt nur eine Ebene von Teilmaßnahmen.")
                % {"parent": parent}
            )
        elif measure.pk is not None and measure.children.exists():
            errors.setdefault("parent", []).append(
                _("Diese Maßnahme hat Teilmaßnahmen und kann deshalb nicht selbst Teil einer anderen sein.")
            )
    if proposals is not None:
        allowed = set(
            selectors.adopted_proposals().filter(pk__in=[p.pk for p in proposals]).values_list("pk", flat=True)
        )
        refused = [p.reference for p in proposals if p.pk not in allowed]
        if refused:
            errors.setdefault("proposals", []).append(
                _("Diese Vorschläge wurden nicht per veröffentlichter Antwort übernommen: %(refs)s")
                % {"refs": ", ".join(refused)}
            )
    if projects is not None:
        allowed = set(selectors.awarded_projects().filter(pk__in=[a.pk for a in projects]).values_list("pk", flat=True))
        refused = [str(a) for a in projects if a.pk not in allowed]
        if refused:
            errors.setdefault("projects", []).append(
                _("Nur geförderte Projekte können eine Maßnahme umsetzen: %(titles)s") % {"titles": "; ".join(refused)}
            )
    if errors:
        raise ValidationError(errors)
    created = measure.pk is None
    if created or not measure.slug:
        measure.slug = _unique_slug(measure.title, exclude_pk=measure.pk)
    measure.updated_by = user
    measure.full_clean()
    measure.save()
    if districts is not None:
        measure.districts.set(districts)
    if proposals is not None:
        measure.proposals.set(proposals)
    if projects is not None:
        measure.projects.set(projects)
    log(instance=measure, action="wagtail.create" if created else "wagtail.edit", user=user)
    return measure


def measure_delete(*, measure: Measure, user) -> None:
    _require(permissions.is_monitoring_staff(user) and user.has_perm("monitoring.delete_measure"))
    if measure.children.exists():
        raise ValidationError(_("Diese Maßnahme hat Teilmaßnahmen. Bitte löschen oder verschieben Sie zuerst diese."))
    log(instance=measure, action="wagtail.delete", user=user)
    measure.delete()


# --- Indicators and values -----------------------------------------------------------------------------------------


@transaction.atomic
def indicator_save(*, indicator: Indicator, user) -> Indicator:
    _require(permissions.is_monitoring_staff(user))
    created = indicator.pk is None
    indicator.full_clean()
    indicator.save()
    log(instance=indicator, action="wagtail.create" if created else "wagtail.edit", user=user)
    return indicator


@transaction.atomic
def indicator_value_save(*, value: IndicatorValue, user) -> IndicatorValue:
    """Enter (or correct) one value; who did it and when is recorded with it."""
    _require(permissions.can_enter_values(user))
    created = value.pk is None
    if value.date and value.date > timezone.localdate():  # a future value would count as "current" in reports
        raise ValidationError({"date": _("Das Datum kann nicht in der Zukunft liegen.")})
    value.entered_by = user
    value.entered_at = timezone.now()
    value.full_clean()
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as exc:
        raise ValidationError({"date": _("Für diesen Indikator gibt es an diesem Datum schon einen Wert.")}) from exc
    log(instance=value, action="wagtail.create" if created else "wagtail.edit", user=user)
    return value


CSV_COLUMNS = {
    "datum": "date",
    "date": "date",
    "wert": "value",
    "value": "value",
    "kommentar": "comment",
    "comment": "comment",
}


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
    return len(rows)


# --- Who receives reports ------------------------------------------------------------------------------------------


def council_members():
    """People in the group „Ratsmitglied“: who may be a recipient of a report."""
    return get_user_model().objects.filter(groups__name=group_name(Role.COUNCIL_MEMBER), is_active=True).distinct()


def parse_addresses(text: str) -> list[str]:
    """One address per line (commas and semicolons also separate); each checked; the same address once."""
    addresses: list[str] = []
    for chunk in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        address = chunk.strip().lower()
        if not address:
            continue
        validate_email(address)
        if address not in addresses:
            addresses.append(address)
    return addresses


def _check_order(*, audiences, district, sections, recipients, extra_recipients) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    audiences = list(audiences or [])
    if not audiences:
        errors["audiences"] = [_("Bitte wählen Sie mindestens ein Gremium.")]
    elif set(audiences) - set(Audience.values):
        errors["audiences"] = [_("Dieses Gremium gibt es nicht.")]
    elif set(audiences) & Audience.district_bodies() and district is None:
        errors["district"] = [_("Für einen Stadtbezirksrat oder Integrationsbeirat wählen Sie bitte den Stadtbezirk.")]
    if not sections or set(sections) - set(ReportSection.values):
        errors["sections"] = [_("Bitte wählen Sie mindestens ein Kapitel.")]
    if recipients:
        allowed = set(council_members().filter(pk__in=[r.pk for r in recipients]).values_list("pk", flat=True))
        refused = [str(r) for r in recipients if r.pk not in allowed]
        if refused:
            errors["recipients"] = [
                _("Nur Personen in der Gruppe „Ratsmitglied“ können Empfänger*innen sein: %(names)s")
                % {"names": ", ".join(refused)}
            ]
    try:
        parse_addresses(extra_recipients)
    except ValidationError:
        errors["extra_recipients"] = [_("Bitte geben Sie gültige E-Mail-Adressen an, eine je Zeile.")]
    return errors


# --- Schedules -----------------------------------------------------------------------------------------------------


def _task_name(schedule: ReportSchedule) -> str:
    return f"Monitoring-Bericht #{schedule.pk}: {schedule.title}"[:200]


def schedule_sync_task(*, schedule: ReportSchedule) -> PeriodicTask:
    """Create or update the schedule's Celery beat task: on `run_day` at `run_hour` of the first month of each period,
    it issues the report for the period just ended. Django-celery-beat's signals tell a running beat."""
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour=str(schedule.run_hour),
        day_of_month=str(schedule.run_day),
        month_of_year=first_months(schedule.period),
        day_of_week="*",
        timezone="Europe/Berlin",
    )
    task = schedule.periodic_task or PeriodicTask(task=SCHEDULE_TASK)
    task.name = _task_name(schedule)
    task.task = SCHEDULE_TASK
    task.crontab = crontab
    task.interval = task.solar = task.clocked = None
    task.kwargs = json.dumps({"schedule_id": schedule.pk})
    task.enabled = schedule.enabled
    task.description = _("Erstellt den Bericht „%(title)s“ für den abgelaufenen Zeitraum (Berichtsplan %(pk)s).") % {
        "title": schedule.title,
        "pk": schedule.pk,
    }
    task.save()
    if schedule.periodic_task_id != task.pk:
        schedule.periodic_task = task
        ReportSchedule.objects.filter(pk=schedule.pk).update(periodic_task=task)
    return task


@transaction.atomic
def schedule_save(*, schedule: ReportSchedule, user, recipients=None) -> ReportSchedule:
    _require(permissions.can_plan_reports(user))
    errors = _check_order(
        audiences=schedule.audiences,
        district=schedule.district,
        sections=schedule.sections,
        recipients=recipients,
        extra_recipients=schedule.extra_recipients,
    )
    if errors:
        raise ValidationError(errors)
    created = schedule.pk is None
    if created:
        schedule.created_by = user
    schedule.extra_recipients = "\n".join(parse_addresses(schedule.extra_recipients))
    if not set(schedule.audiences) & Audience.district_bodies():
        schedule.district = None  # a district only makes a report the district's when it goes to a district body
    schedule.full_clean()
    schedule.save()
    if recipients is not None:
        schedule.recipients.set(recipients)
    schedule_sync_task(schedule=schedule)
    log(instance=schedule, action="wagtail.create" if created else "wagtail.edit", user=user)
    return schedule


@transaction.atomic
def schedule_delete(*, schedule: ReportSchedule, user) -> None:
    _require(permissions.can_plan_reports(user) and user.has_perm("monitoring.delete_reportschedule"))
    task = schedule.periodic_task
    log(instance=schedule, action="wagtail.delete", user=user)
    schedule.delete()
    if task is not None:
        task.delete()


# --- Report runs ---------------------------------------------------------------------------------------------------


def _enqueue(run_id: int) -> None:
    from lip.outbox.services import outbox_enqueue

    from . import tasks

    # Stored in the outbox with the run and sent once it commits; with the broker down the outbox's drain sends it
    # when the broker is back. Staff can also start a stale run again (`run_can_be_retried`).
    outbox_enqueue(tasks.generate_report, run_id)


@transaction.atomic
def run_request(
    *,
    user,
    title: str,
    audiences: list[str],
    sections: list[str],
    period_start: date,
    period_end: date,
    district=None,
    recipients=None,
    extra_recipients: str = "",
    schedule: ReportSchedule | None = None,
) -> ReportRun:
    """Ask for a report on any period; it is generated in the background (Celery). Refused: a period that ends
    before it starts, no body, a district body without its district, recipients who are not council members."""
    _require(permissions.can_issue_report(user))
    errors = _check_order(
        audiences=audiences,
        district=district,
        sections=sections,
        recipients=recipients,
        extra_recipients=extra_recipients,
    )
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten.")]
    if not (title or "").strip():
        errors["title"] = [_("Bitte geben Sie einen Betreff an.")]
    if errors:
        raise ValidationError(errors)
    run = ReportRun(
        schedule=schedule,
        title=title.strip(),
        audiences=[a for a in Audience.values if a in audiences],
        district=district if set(audiences) & Audience.district_bodies() else None,
        sections=[s for s in ReportSection.values if s in sections],
        period_start=period_start,
        period_end=period_end,
        extra_recipients="\n".join(parse_addresses(extra_recipients)),
        requested_by=user,
    )
    run.full_clean(validate_unique=False)
    run.save()
    if recipients:
        run.recipients.set(recipients)
    log(instance=run, action="monitoring.report.request", user=user)
    _enqueue(run.pk)
    return run


def run_for_schedule(*, schedule: ReportSchedule, today: date | None = None, user=None) -> tuple[ReportRun, bool]:
    """The run of `schedule` for the period just ended, made once (a beat that fires twice finds it). A failed run
    is started again; a queued, running or done one is left alone. Returns (run, started)."""
    period = period_just_ended(schedule.period, today or timezone.localdate())
    with transaction.atomic():
        run, created = ReportRun.objects.get_or_create(
            schedule=schedule,
            period_start=period.start,
            period_end=period.end,
            defaults={
                "title": schedule.title,
                "audiences": schedule.audiences,
                "district": schedule.district if set(schedule.audiences) & Audience.district_bodies() else None,
                "sections": schedule.sections,
                "extra_recipients": schedule.extra_recipients,
                "requested_by": user,
            },
        )
        if created:
            run.recipients.set(schedule.recipients.all())
            log(instance=run, action="monitoring.report.request", user=user)
            _enqueue(run.pk)
            return run, True
        if run.status == ReportStatus.FAILED:
            ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.QUEUED)
            _enqueue(run.pk)
            return run, True
    return run, False


def schedule_issue_now(*, schedule: ReportSchedule, user) -> tuple[ReportRun, bool]:
    """„Jetzt erstellen“: the report of the schedule for the period just ended, at once."""
    _require(permissions.can_issue_report(user))
    return run_for_schedule(schedule=schedule, user=user)


def run_can_be_retried(run: ReportRun) -> bool:
    """Failed runs, and runs that never started or whose worker was lost (the task is idempotent either way)."""
    if run.status == ReportStatus.FAILED:
        return True
    since = (run.started_at if run.status == ReportStatus.RUNNING else None) or run.requested_at
    return run.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) and timezone.now() - since >= STALE_RUN


@transaction.atomic
def run_retry(*, run: ReportRun, user) -> ReportRun:
    _require(permissions.can_issue_report(user))
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if not run_can_be_retried(run):
        raise ValidationError(_("Nur fehlgeschlagene oder hängengebliebene Läufe können neu gestartet werden."))
    run.status = ReportStatus.QUEUED
    run.save(update_fields=["status"])
    log(instance=run, action="monitoring.report.retry", user=user)
    _enqueue(run.pk)
    return run


def _next_number(year: int) -> str:
    counter, _created = ReportCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last:04d}/{year}"


def _claim(run_id: int) -> ReportRun | None:
    """Mark the run as running (and reserve its number) unless it is done or another worker is on it."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == ReportStatus.DONE:
            return None
        now = timezone.now()
        if run.status == ReportStatus.RUNNING and run.started_at and now - run.started_at < STALE_RUN:
            return None
        if not run.number:
            run.number = _next_number(timezone.localdate(now).year)
        run.status = ReportStatus.RUNNING
        run.started_at = now
        run.finished_at = None
        run.error = ""
        run.attempts += 1
        run.save(update_fields=["number", "status", "started_at", "finished_at", "error", "attempts"])
    return run


class ReportGenerationError(Exception):
    """A report could not be generated; the run is marked failed with the message, and nothing else was stored."""


def reports_collection() -> Collection:
    """The restricted document collection „Berichte“ (made by migration 0002; made again here if it was removed)."""
    collection = Collection.objects.filter(name=REPORTS_COLLECTION, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=REPORTS_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(
            Group.objects.filter(name__in=[group_name(Role.MODERATOR), group_name(Role.ADMINISTRATOR)])
        )
    return collection


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_digest(snapshot: dict) -> str:
    return _sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _store(run: ReportRun, rendered) -> Report:
    """Save the PDFs (the council paper and its annex) as Wagtail documents in „Berichte“ and the report, in one
    transaction. If anything fails, the transaction is rolled back and the files already written to storage are
    deleted again."""
    Document = get_document_model()
    snapshot = run.snapshot
    meta = snapshot["meta"]
    collection = reports_collection()
    title = _("Informationsdrucksache %(number)s: %(title)s") % {"number": run.number, "title": meta["title"]}
    stored_names = []

    def save_document(title: str, filename: str, content: bytes):
        document = Document(title=title, collection=collection)
        # documents/<random>/<filename>: the stored path cannot be guessed; `document.filename` (the URL's and the
        # download's name) stays the readable one.
        document.file.save(f"{secrets.token_urlsafe(16)}/{filename}", ContentFile(content), save=False)
        stored_names.append((document.file.storage, document.file.name))
        document._set_document_file_metadata()
        document.file.close()
        document.save()
        return document

    try:
        with transaction.atomic():
            document = save_document(title, report_filename(run.number), rendered.paper.content)
            annex = rendered.annex
            annex_document = (
                save_document(
                    _("Anlage 1 zur %(title)s") % {"title": title},
                    report_filename(run.number, annex=True),
                    annex.content,
                )
                if annex is not None
                else None
            )
            report = Report.objects.create(
                run=run,
                number=run.number,
                title=meta["title"],  # a district's report names the district (`snapshot.build_snapshot`)
                period_start=run.period_start,
                period_end=run.period_end,
                audiences=run.audiences,
                issued_at=timezone.now(),
                snapshot=snapshot,
                snapshot_sha256=snapshot_digest(snapshot),
                document=document,
                pdf_sha256=_sha256(rendered.paper.content),
                page_count=rendered.paper.page_count,
                annex_document=annex_document,
                annex_sha256=_sha256(annex.content) if annex is not None else "",
                annex_page_count=annex.page_count if annex is not None else None,
            )
            ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.DONE, finished_at=timezone.now(), error="")
            log(instance=report, action="monitoring.report.issue", user=run.requested_by, data={"date": meta["date"]})
    except BaseException:
        for storage, name in stored_names:
            storage.delete(name)
            with contextlib.suppress(OSError):
                storage.delete(posixpath.dirname(name))  # the (now empty) random folder the file was stored in
        raise
    return report


def _fail(run_id: int, exc: BaseException, *, attempt: int | None = None) -> bool:
    """Mark the run failed with the error (only the given attempt, when one is given, and only while it runs).
    True if this call marked it."""
    message = f"{type(exc).__name__}: {exc}"[:4000]
    runs = ReportRun.objects.filter(pk=run_id)
    if attempt is not None:
        runs = runs.filter(status=ReportStatus.RUNNING, attempts=attempt)
    marked = bool(runs.update(status=ReportStatus.FAILED, error=message, finished_at=timezone.now()))
    if marked:
        logger.error("Report run %s failed", run_id, exc_info=exc)
    return marked


# The PDFs of a run between its render tasks and its issue: private files (nothing under MEDIA_URL serves them) in the
# default storage, a folder per run and attempt, deleted when the report is issued or the run fails.
RUN_PARTS = ("paper", "annex")
RUNS_FOLDER = "monitoring/runs"


def _parts_folder(run_id: int, attempt: int | None = None) -> str:
    folder = f"{RUNS_FOLDER}/{int(run_id)}"
    return folder if attempt is None else f"{folder}/{int(attempt)}"


def _delete_folder(folder: str) -> None:
    """Delete a folder of the default storage with everything in it (nothing happens if it does not exist)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(posixpath.join(folder, name))
    for name in folders:
        _delete_folder(posixpath.join(folder, name))
    with contextlib.suppress(OSError):
        default_storage.delete(folder)


def run_prepare(*, run_id: int) -> ReportRun | None:
    """The first step of generating a report: claim the run (status running, number reserved at the first attempt)
    and build its data snapshot, stored on the run before anything is rendered (a later attempt reuses it). Returns
    the run, or None when it is done or another worker is on it. A failure marks the run failed and raises
    `ReportGenerationError`."""
    from . import snapshot

    run = _claim(run_id)
    if run is None:
        return None
    try:
        _delete_folder(_parts_folder(run.pk))  # what an earlier, failed attempt may have left
        if run.snapshot is None:
            run.snapshot = snapshot.build_snapshot(run=run, issued_on=timezone.localdate(run.started_at))
            ReportRun.objects.filter(pk=run.pk).update(snapshot=run.snapshot)
    except Exception as exc:
        _fail(run.pk, exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    return run


def run_render_part(*, run_id: int, attempt: int, part: str) -> dict | None:
    """Render one PDF of a run ("paper" or "annex") from the run's stored snapshot alone and write it to the storage
    under a temporary name. Returns what `run_issue` needs ({"part", "name", "page_count"}), or None when the report
    has no such part (no annex section). Only small values go through Celery's result backend, never the PDF."""
    from . import pdf

    if part not in RUN_PARTS:
        raise ValueError(f"unknown part of a report: {part!r}")
    run = ReportRun.objects.only("snapshot").get(pk=run_id)
    rendered = pdf.render_paper(run.snapshot) if part == "paper" else pdf.render_annex(run.snapshot)
    if rendered is None:
        return None
    name = default_storage.save(
        f"{_parts_folder(run_id, attempt)}/{uuid.uuid4().hex}-{part}.pdf", ContentFile(rendered.content)
    )
    if not ReportRun.objects.filter(pk=run_id, status=ReportStatus.RUNNING, attempts=attempt).exists():
        default_storage.delete(name)  # the run failed (or was taken over) meanwhile: no one will issue this file
    return {"part": part, "name": name, "page_count": rendered.page_count}


def run_part_failed(*, run_id: int, attempt: int, exc: BaseException) -> None:
    """A render task of the run gave up: the run fails with its error, and the PDFs of this attempt are deleted."""
    _fail(run_id, exc, attempt=attempt)
    _delete_folder(_parts_folder(run_id, attempt))


def _read_part(part: dict | None):
    from .pdf import RenderedPDF

    if part is None:
        return None
    with default_storage.open(part["name"], "rb") as file:
        return RenderedPDF(content=file.read(), page_count=part["page_count"])


def run_issue(*, run_id: int, attempt: int, parts: list[dict | None]) -> Report | None:
    """The last step: store the rendered PDFs (`run_render_part`) as Wagtail documents and the report, in one
    transaction (`_store`); the run becomes done and council members are e-mailed. The temporary files are deleted
    whatever happens. A run that is done already keeps its report (returned); a run that failed meanwhile issues
    nothing (None). A failure marks the run failed and raises `ReportGenerationError`: no report or document
    remains."""
    from .pdf import RenderedReport

    by_part = {part["part"]: part for part in parts if part}
    try:
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
            if run is None or run.status != ReportStatus.RUNNING:
                return Report.objects.filter(run_id=run_id).first()
            if "paper" not in by_part:
                raise ReportGenerationError(_("Der Bericht wurde nicht erzeugt."))
            rendered = RenderedReport(paper=_read_part(by_part["paper"]), annex=_read_part(by_part.get("annex")))
            report = _store(run, rendered)
    except Exception as exc:
        _fail(run_id, exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        _delete_folder(_parts_folder(run_id, attempt))

    from lip.outbox.services import outbox_enqueue

    from . import tasks

    outbox_enqueue(tasks.notify_report_issued, report.pk)
    return report


def run_execute(*, run_id: int) -> Report | None:
    """Generate the report of a run in this process, the steps one after the other (the Celery task
    `tasks.generate_report` runs the same steps, the two renders as tasks of their own). Idempotent: a run that is
    done (or being generated right now) is left alone and its report, if any, returned.

    1. `run_prepare`: the run is claimed and its data snapshot built and stored.
    2. `run_render_part`: the council paper and its annex are rendered from the snapshot alone (outside any
       transaction: it takes a moment) and written to temporary files.
    3. `run_issue`: documents and report are stored in one transaction; the run becomes done.
    If any step fails, the run is marked failed with the error and no report or document remains; staff can start
    it again from the admin. Council members are e-mailed once it is done.
    """
    run = run_prepare(run_id=run_id)
    if run is None:
        return Report.objects.filter(run_id=run_id).first()
    parts = []
    try:
        for part in RUN_PARTS:
            parts.append(run_render_part(run_id=run.pk, attempt=run.attempts, part=part))
    except Exception as exc:
        run_part_failed(run_id=run.pk, attempt=run.attempts, exc=exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    return run_issue(run_id=run.pk, attempt=run.attempts, parts=parts)


# --- Issued reports ------------------------------------------------------------------------------------------------


@transaction.atomic
def report_release(*, report: Report, user) -> Report:
    """Make a report public (the archive and its PDF open to everyone). Cannot be undone."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    decision = permissions.can_release_report(user, report)
    if not decision:
        raise PermissionDenied(decision.reason)
    report.released_at = timezone.now()
    report.released_by = user
    report.save(update_fields=["released_at", "released_by"])
    log(instance=report, action="monitoring.report.release", user=user)
    return report


def report_notify(*, report_id: int) -> int:
    """E-mail the recipients of a new report (the council members of its run, and the extra addresses), each once.
    Returns how many were sent. See `notifications`."""
    from . import notifications

    return notifications.report_issued_notify(report_id=report_id)
