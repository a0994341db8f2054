"""Celery tasks of the idea competition: thin wrappers that load by primary key and call one service.

Each is idempotent (the services note what they sent and send nothing twice) and is enqueued by the services with
`transaction.on_commit`. Without a broker they run eagerly in-process.
"""

from celery import shared_task

from . import notifications
from .decisions import letters


@shared_task
def send_submission_confirmation(application_id: int) -> bool:
    return notifications.application_confirmation_send(application_id=application_id)


@shared_task
def send_eligibility_notice(application_id: int) -> bool:
    return notifications.eligibility_notice_send(application_id=application_id)


@shared_task
def send_decline_notice(application_id: int) -> bool:
    return notifications.decline_notice_send(application_id=application_id)


@shared_task
def issue_award_letter(award_id: int) -> bool:
    return letters.award_letter_deliver(award_id=award_id)
