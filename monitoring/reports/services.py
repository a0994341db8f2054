"""Writes on reports to the council bodies: who receives them, schedules (with their Celery beat task), runs on
request or by schedule and their retry, and the release of an issued report. The generation of a report itself is in
`generation`.

As in `monitoring.measures.services`, each service checks `permissions` itself (else `PermissionDenied`) and refuses
bad input with a `ValidationError` naming the field, storing nothing.
"""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from wagtail.log_actions import log

from lip import pagecache
from lip.roles import Role, group_name

from .. import permissions
from ..models import (
    Audience,
    Report,
    ReportRun,
    ReportSchedule,
    ReportSection,
    ReportStatus,
)
from .generation import STALE_RUN
from .periods import first_months, period_just_ended

SCHEDULE_TASK = "monitoring.tasks.issue_scheduled_report"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


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

    from .. import tasks

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
    """Ask for a report on any period: a draft, whose texts staff write and which a second person approves before it
    is generated in the background (`review`). Refused: a period that ends before it starts, no body, a district
    body without its district, recipients who are not council members."""
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
        status=ReportStatus.DRAFT,
    )
    run.full_clean(validate_unique=False)
    run.save()
    if recipients:
        run.recipients.set(recipients)
    log(instance=run, action="monitoring.report.request", user=user)
    return run


def run_for_schedule(*, schedule: ReportSchedule, today: date | None = None, user=None) -> tuple[ReportRun, bool]:
    """The run of `schedule` for the period just ended, made once (a beat that fires twice finds it), as a draft:
    the report editors are e-mailed to write its texts and have it reviewed (`review`), like any other report. A
    failed run is started again; a draft, or a queued, running or done run is left alone. Returns (run, created or
    started)."""
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
                "status": ReportStatus.DRAFT,
                "signer_name": schedule.signer_name,
                "signer_function": schedule.signer_function,
                "signer_formula": schedule.signer_formula,
            },
        )
        if created:
            from lip.outbox.services import outbox_enqueue

            from .. import tasks

            run.recipients.set(schedule.recipients.all())
            log(instance=run, action="monitoring.report.request", user=user)
            outbox_enqueue(tasks.notify_report_draft, run.pk)
            return run, True
        if run.status == ReportStatus.FAILED:
            ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.QUEUED)
            _enqueue(run.pk)
            return run, True
    return run, False


def schedule_issue_now(*, schedule: ReportSchedule, user) -> tuple[ReportRun, bool]:
    """„Jetzt erstellen“: the draft of the schedule's report for the period just ended, at once."""
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
    pagecache.invalidate(pagecache.tags.REPORTS)
    return report


def report_notify(*, report_id: int) -> int:
    """E-mail the recipients of a new report (the council members of its run, and the extra addresses), each once.
    Returns how many were sent. See `notifications`."""
    from . import notifications

    return notifications.report_issued_notify(report_id=report_id)
