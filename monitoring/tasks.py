"""Celery tasks of monitoring: thin wrappers that load by primary key and call one service.

- `generate_report(run_id)`: claims the run and builds its data snapshot (`generation.run_prepare`), then starts a
  chord: the council paper and its annex are rendered by two `render_report_part` tasks, which may run at the same
  time on different workers and write their PDFs to temporary files (only the files' names and page counts travel
  through the result backend); when both are done, `issue_report` stores the documents and the report in one
  transaction (`generation.run_issue`) and deletes the temporary files. Both PDFs or neither: a render task that gives
  up marks the run failed with its error, and the chord's callback then never runs; a failure while issuing leaves
  no report or document either. Staff start a failed run again from the admin. Idempotent: a run that is done (or
  being generated right now) is left alone, and a report is issued once.
- `issue_scheduled_report(schedule_id)`: started by Celery beat (one django-celery-beat task per schedule, kept in
  step by `reports.services.schedule_save`): the run for the period just ended, made once.
- `notify_report_issued(report_id)`: e-mails the recipients, each once; retried when the mail server fails.

Without a broker they run eagerly in-process: the chord runs its two renders one after the other and then the
callback, in the process that called `generate_report` (no result backend needed); a retry follows at once. With a
broker the chord needs the result backend (CELERY_RESULT_BACKEND, by default the broker's URL).
"""

from celery import Task, chord, group, shared_task
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError

from lip.mail import MAIL_RETRY

from .models import Report, ReportSchedule
from .reports import generation, pdf, services  # noqa: F401 - pdf: WeasyPrint is loaded when the worker starts

GENERATION_RETRY = {
    "autoretry_for": (generation.ReportGenerationError,),
    "retry_backoff": 60,
    "retry_backoff_max": 60 * 30,
    "retry_jitter": True,
    "max_retries": 3,
}
# A render that fails for a passing reason (the storage or the database out of reach) is tried again a few times;
# anything else (a template or font error) fails the run at once.
RENDER_RETRY = {
    "autoretry_for": (OSError, InterfaceError, OperationalError),
    "retry_backoff": 10,
    "retry_backoff_max": 60 * 2,
    "retry_jitter": True,
    "max_retries": 2,
}


def _report_id(run_id: int) -> int | None:
    return Report.objects.filter(run_id=run_id).values_list("pk", flat=True).first()


@shared_task(bind=True, **GENERATION_RETRY)
def generate_report(self, run_id: int) -> int | None:
    """Returns the report's primary key when it is issued by the time this task ends (a run that was done already,
    or eager mode), else None (the chord issues it later)."""
    run = generation.run_prepare(run_id=run_id)
    if run is None:
        return _report_id(run_id)
    attempt = run.attempts
    parts = group(render_report_part.si(run.pk, attempt, part) for part in generation.RUN_PARTS)
    try:
        chord(parts, issue_report.s(run.pk, attempt)).apply_async()
    except Exception as exc:
        # Eager: the chord ran here and failed (its tasks marked the run failed already; a retry cannot wait for later
        # here, so it is the error it was asked for with). With a broker: the chord could not be sent; the run fails,
        # and this task is retried later.
        if isinstance(exc, Retry) and isinstance(exc.exc, Exception):
            exc = exc.exc
        generation.run_part_failed(run_id=run.pk, attempt=attempt, exc=exc)
        if self.request.is_eager:
            return None
        raise generation.ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    return _report_id(run_id)


class RenderPartTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """The render gave up (no retry left, or an error that is not retried): the run fails with the error."""
        run_id, attempt, _part = args
        generation.run_part_failed(run_id=run_id, attempt=attempt, exc=exc)


@shared_task(base=RenderPartTask, **RENDER_RETRY)
def render_report_part(run_id: int, attempt: int, part: str) -> dict | None:
    return generation.run_render_part(run_id=run_id, attempt=attempt, part=part)


@shared_task
def issue_report(parts: list[dict | None], run_id: int, attempt: int) -> int | None:
    report = generation.run_issue(run_id=run_id, attempt=attempt, parts=parts)
    return report.pk if report else None


@shared_task
def issue_scheduled_report(schedule_id: int) -> int | None:
    schedule = ReportSchedule.objects.filter(pk=schedule_id, enabled=True).first()
    if schedule is None:
        return None
    run, _started = services.run_for_schedule(schedule=schedule)
    return run.pk


@shared_task(**RENDER_RETRY)
def render_consideration_table(table_id: int) -> int | None:
    """The PDF of an issued Abwägungstabelle (`consideration.services.table_render`; idempotent)."""
    from .consideration import services as consideration

    table = consideration.table_render(table_id=table_id)
    return table.pk if table else None


@shared_task(**MAIL_RETRY)
def notify_report_issued(report_id: int) -> int:
    return services.report_notify(report_id=report_id)


@shared_task(**MAIL_RETRY)
def notify_report_draft(run_id: int) -> int:
    """A scheduled report waits as a draft: tell the report editors (`review.run_draft_notify`)."""
    from .reports import review

    return review.run_draft_notify(run_id=run_id)
