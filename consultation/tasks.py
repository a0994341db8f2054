"""Celery tasks of the consultation: thin wrappers that load by primary key and call one service.

Each is idempotent (the services note what they sent and send nothing twice) and is enqueued with
`transaction.on_commit`. Without a broker they run eagerly in-process. A mail server that fails (SMTP error, network
error) makes the task retry with an increasing delay; what caused the e-mail is already stored by then.
"""

from datetime import date

from celery import shared_task

from lip.mail import MAIL_RETRY

from . import notifications
from .moderation import mail as moderation_mail


@shared_task(**MAIL_RETRY)
def notify_response_published(response_id: int, signature: str, is_update: bool = False) -> int:
    return notifications.response_notify(response_id=response_id, signature=signature, is_update=is_update)


@shared_task
def send_council_digests(day: str | None = None) -> int:
    """Run daily by Celery beat (see migration 0004_digest_schedule): one digest task per council member."""
    return notifications.digests_enqueue(day=date.fromisoformat(day) if day else None)


@shared_task(**MAIL_RETRY)
def send_council_digest(user_id: int, day: str) -> bool:
    return notifications.digest_send(user_id=user_id, day=date.fromisoformat(day))


# --- Moderation (consultation.moderation.mail) --------------------------------------------------------------------


@shared_task(**MAIL_RETRY)
def notify_moderators_of_report(report_id: int, token: str) -> int:
    """One task per report: every moderator who wants it gets one e-mail; a retry skips those already reached."""
    return moderation_mail.report_notify(report_id=report_id, token=token)


@shared_task(**MAIL_RETRY)
def send_moderation_notice(entry_id: int) -> bool:
    """Tell the author (or the blocked person) about the moderation decision recorded in audit log entry `entry_id`."""
    return moderation_mail.notice_send(entry_id=entry_id)
