"""Celery tasks of monitoring: thin wrappers that load by primary key and call one service.

- `generate_report(run_id)`: generates the report of a run (`services.run_execute`). Idempotent: a run that is done
  returns its report and makes nothing new. A failure marks the run failed with the error, leaves no report or
  document behind, and is retried with an increasing delay.
- `issue_scheduled_report(schedule_id)`: started by Celery beat (one django-celery-beat task per schedule, kept in
  step by `services.schedule_save`): the run for the period just ended, made once.
- `notify_report_issued(report_id)`: e-mails the recipients, each once; retried when the mail server fails.

Without a broker they run eagerly in-process (then a retry follows at once).
"""

from smtplib import SMTPException

from celery import shared_task

from . import pdf, services  # noqa: F401 - pdf: WeasyPrint is loaded when the worker starts, not by its first report
from .models import ReportSchedule

GENERATION_RETRY = {
    "autoretry_for": (services.ReportGenerationError,),
    "retry_backoff": 60,
    "retry_backoff_max": 60 * 30,
    "retry_jitter": True,
    "max_retries": 3,
}
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**GENERATION_RETRY)
def generate_report(run_id: int) -> int | None:
    report = services.run_execute(run_id=run_id)
    return report.pk if report else None


@shared_task
def issue_scheduled_report(schedule_id: int) -> int | None:
    schedule = ReportSchedule.objects.filter(pk=schedule_id, enabled=True).first()
    if schedule is None:
        return None
    run, _started = services.run_for_schedule(schedule=schedule)
    return run.pk


@shared_task(**MAIL_RETRY)
def notify_report_issued(report_id: int) -> int:
    return services.report_notify(report_id=report_id)
