import os
import socket

from celery import shared_task


@shared_task
def ping(payload: str) -> dict:
    """Answer with the payload and where it ran: used to prove a round trip through the broker."""
    return {"payload": payload, "pid": os.getpid(), "hostname": socket.gethostname()}


@shared_task(ignore_result=True)
def outbox_drain() -> int:
    """Send the outbox's queued tasks to the broker (every minute, CELERY_BEAT_SCHEDULE); returns how many went."""
    from lip.outbox.services import outbox_drain as drain

    return drain()


@shared_task(ignore_result=True)
def privacy_retention() -> dict:
    """Remove what is kept longer than needed (daily, CELERY_BEAT_SCHEDULE; lip.privacy.retention)."""
    from lip.privacy.retention import run_retention

    return run_retention()
