"""Enqueue Celery tasks through the database, so that a write never fails or waits because the broker is down.

- `outbox_enqueue(task, *args, **kwargs)`, called inside the write's transaction, stores an `OutboxMessage`. Once the
  transaction commits it is sent to the broker at once, with short timeouts (`FAST_FAIL`: a dead broker costs well
  under a second). If the broker cannot take it, the row stays unsent and the request goes on as if it had been sent.
- `outbox_drain()` sends every unsent row, oldest first. Celery beat runs it every minute (`lip.tasks.outbox_drain`,
  CELERY_BEAT_SCHEDULE); beat needs the broker too, so `manage.py outbox_drain` from cron is the fallback. On
  PostgreSQL parallel drains skip each other's rows (`SELECT ... FOR UPDATE SKIP LOCKED`).
- Without a broker (CELERY_TASK_ALWAYS_EAGER) the task runs in-process right after the commit, as `.delay` did; the
  row is claimed (marked sent) as it starts, so it runs once; a task that fails is logged and noted on the row, not
  repeated (its own retries apply). This is the development setup: there is no broker to hand the work to.

Delivery is at least once: a process that dies between the broker's acceptance and the commit of `sent_at` sends the
row again later. Every task is idempotent (the services note what they sent and send nothing twice).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from lip.celery import app as celery_app

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# Options of the connection the outbox publishes on: fail at the first refused or timed-out connect, no retry loop.
FAST_FAIL = {
    "connect_timeout": 1,
    "transport_options": {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 2},
}
BATCH_SIZE = 100
KEEP_SENT = timedelta(days=14)
MAX_BACKOFF = timedelta(hours=1)
# What a broker that cannot be reached raises (kombu wraps the transport's connection errors in OperationalError).
BROKER_ERRORS = (OperationalError, OSError)


def outbox_enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Store `task(*args, **kwargs)` with the current transaction and send it to the broker once that commits."""
    message = OutboxMessage.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)
    message_id = message.pk
    # robust: whatever happens while sending, the caller's write is committed and its response goes out.
    transaction.on_commit(lambda: outbox_send(message_id=message_id), robust=True)
    return message


def _eager() -> bool:
    return bool(celery_app.conf.task_always_eager)


def _connection():
    return celery_app.connection_for_write(**FAST_FAIL)


def outbox_send(*, message_id: int) -> bool:
    """Send one message now (after the commit of the write that stored it). True if it went out."""
    if _eager():
        return _run_in_process(message_id)
    with transaction.atomic(), _connection() as connection:
        message = _pending().filter(pk=message_id).first()
        if message is None:  # sent already, or a drain holds it right now
            return False
        try:
            return _publish(message, connection)
        except BROKER_ERRORS as exc:
            logger.warning("Outbox message %s stays queued: broker unreachable (%s)", message_id, exc)
            return False


def outbox_drain(*, limit: int | None = None) -> int:
    """Send unsent messages, oldest first, until the broker refuses one; delete old sent rows. Returns how many went."""
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    sent = 0
    if _eager():
        ids = list(_pending(lock=False).values_list("pk", flat=True)[:limit])
        return sum(_run_in_process(message_id) for message_id in ids)
    with _connection() as connection:
        while limit is None or sent < limit:
            with transaction.atomic():
                batch = list(_pending()[: BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - sent)])
                if not batch:
                    break
                try:
                    for message in batch:
                        sent += _publish(message, connection)
                except BROKER_ERRORS as exc:
                    logger.warning("Outbox drain stopped after %s messages: broker unreachable (%s)", sent, exc)
                    break
    return sent


def outbox_pending_count() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()


def _pending(*, lock: bool = True):
    qs = OutboxMessage.objects.filter(sent_at__isnull=True, available_at__lte=timezone.now()).order_by(
        "created_at", "pk"
    )
    # No effect on SQLite (writers are serialised there); on PostgreSQL two drains never hold the same row.
    return qs.select_for_update(skip_locked=True) if lock else qs


def _publish(message: OutboxMessage, connection) -> bool:
    """Hand one locked message to the broker and mark it sent.

    A broker that cannot be reached is noted on the row and raised (the caller stops); any other failure (a task
    that no longer exists, ...) is noted, the row waits longer each time, and False is returned.
    """
    try:
        task = _task(message.task_name)
        task.apply_async(
            args=message.args,
            kwargs=message.kwargs,
            connection=connection,
            retry=False,
            ignore_result=True,  # nobody waits for a result; a down result backend must not hold up the send
            task_id=f"lip-outbox-{message.pk}",
        )
    except BROKER_ERRORS as exc:
        _note_failure(message, exc, backoff=False)
        raise
    except Exception as exc:
        _note_failure(message, exc, backoff=True)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=message.attempts + 1)
    return True


def _note_failure(message: OutboxMessage, exc: Exception, *, backoff: bool) -> None:
    attempts = message.attempts + 1
    update = {"attempts": attempts, "last_error": f"{type(exc).__name__}: {exc}"[:2000]}
    if backoff:
        update["available_at"] = timezone.now() + min(timedelta(minutes=2**attempts), MAX_BACKOFF)
        logger.error("Outbox message %s (%s) could not be sent: %s", message.pk, message.task_name, exc)
    OutboxMessage.objects.filter(pk=message.pk).update(**update)


def _task(name: str):
    """The registered task of that name. A process that imported only part of the code (a management command run
    from cron) has not registered every task yet: Celery's autodiscovery of the apps' task modules runs first."""
    if name not in celery_app.tasks:
        celery_app.loader.import_default_modules()
    return celery_app.tasks[name]


def _run_in_process(message_id: int) -> bool:
    """Without a broker: claim the row (so that it runs once) and run its task here, as `.delay` does in eager mode."""
    message = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).first()
    if message is None:
        return False
    try:
        task = _task(message.task_name)
    except Exception as exc:  # NotRegistered: the row waits (longer each time) instead of being lost
        _note_failure(message, exc, backoff=True)
        return False
    claimed = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(sent_at=timezone.now())
    if not claimed:
        return False
    try:
        task.apply(args=message.args, kwargs=message.kwargs, throw=True)
    except Exception as exc:
        # Like a failed `.delay` in eager mode inside a robust on_commit: logged, the write stays. Not run again.
        logger.exception("Outbox task %s (message %s) failed in-process", message.task_name, message_id)
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=message.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
    else:
        OutboxMessage.objects.filter(pk=message_id).update(attempts=message.attempts + 1)
    return True
