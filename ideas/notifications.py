"""Mail to applicants (called by the tasks), and how services hand work to the tasks after their commit.

Each mail goes out once: the application notes when it was sent, under a row lock.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Application, ApplicationState


def after_commit(task_name: str, pk: int) -> None:
    """Store the task in the outbox with this transaction; it is sent once the transaction commits (lip/outbox)."""
    from lip.outbox.services import outbox_enqueue

    from . import tasks

    outbox_enqueue(getattr(tasks, task_name), pk)


def _recipients(application: Application) -> list:
    people = [p for p in (application.created_by, application.submitted_by) if p is not None and p.email]
    unique = {p.pk: p for p in people}
    return list(unique.values())


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def mail(template: str, application: Application, *, context: dict | None = None, attachments=()) -> bool:
    recipients = _recipients(application)
    if not recipients:
        return False
    language = recipients[0].preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = {
            "application": application,
            "competition": application.competition,
            "organisation": application.organisation,
            "application_url": _site_url(reverse("ideas:application_detail", args=[application.pk])),
            "my_applications_url": _site_url(reverse("ideas:my_applications")),
            **(context or {}),
        }
        subject = " ".join(render_to_string(f"ideas/email/{template}_subject.txt", ctx).split())
        body = render_to_string(f"ideas/email/{template}_body.txt", ctx)
    message = EmailMessage(subject=subject, body=body, to=[p.email for p in recipients])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
    return True


def send_once(application_id: int, flag: str, template: str, *, states: Sequence[str]) -> bool:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("competition", "organisation", "created_by", "submitted_by")
            .filter(pk=application_id)
            .first()
        )
        if application is None or getattr(application, flag) is not None or application.state not in states:
            return False
        sent = mail(template, application)
        if sent:
            setattr(application, flag, timezone.now())
            application.save(update_fields=[flag])
        return sent


def application_confirmation_send(*, application_id: int) -> bool:
    return send_once(
        application_id, "confirmation_sent_at", "submission_confirmation", states=ApplicationState.submitted_states()
    )


def eligibility_notice_send(*, application_id: int) -> bool:
    return send_once(
        application_id,
        "eligibility_notice_sent_at",
        "eligibility_notice",
        states=[ApplicationState.ELIGIBLE, ApplicationState.NOT_ELIGIBLE],
    )


def decline_notice_send(*, application_id: int) -> bool:
    return send_once(application_id, "decline_notice_sent_at", "decline_notice", states=[ApplicationState.DECLINED])
