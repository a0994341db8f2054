"""Celery task of the data export: a thin wrapper that calls the service (idempotent: builds once, mails once)."""

from smtplib import SMTPException

from celery import shared_task


@shared_task(autoretry_for=(SMTPException, ConnectionError), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def build_data_export(export_id: int) -> bool:
    """Build the archive (once) and e-mail the person (once); a failing mail server retries only the e-mail."""
    from .export import export_build

    return export_build(export_id=export_id)
