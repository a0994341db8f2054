"""E-mail to the recipients of a new report: the council members chosen for it (in their language) and the extra
addresses (in German), with the PDF attached and the link to the archive.

Each message is guarded by a key in the shared cache (Redis in production), set before sending and removed again if
the mail server fails: a task that is retried, or started twice, sends nobody the same report twice. Once all are
sent, the report notes it (`notified_at`) and later runs send nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lip.mail import once, site_url
from lip.roles import Role, group_name

from ..models import Report
from . import immutability


def _send(*, report: Report, address: str, language: str, name: str, pdfs: list[tuple[str, bytes]]) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "name": name,
            "meta": report.snapshot.get("meta", {}),
            "report_url": site_url(reverse("monitoring:report_detail", args=[report.pk])),
            "archive_url": site_url(reverse("monitoring:report_archive")),
        }
        subject = " ".join(render_to_string("monitoring/email/report_issued_subject.txt", context).split())
        body = render_to_string("monitoring/email/report_issued_body.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[address])
    for filename, content in pdfs:
        message.attach(filename, content, "application/pdf")
    message.send()


def report_issued_notify(*, report_id: int) -> int:
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("run", "document", "annex_document")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.notified_at is not None:
            return 0
        people = list(
            report.run.recipients.filter(is_active=True, groups__name=group_name(Role.COUNCIL_MEMBER))
            .distinct()
            .order_by("pk")
        )
        addresses = [a for a in report.run.extra_recipients.splitlines() if a.strip()]
        # the council paper and its annex; a PDF that is not the one issued is sent to nobody
        pdfs = [(file.filename, immutability.verified_pdf(report, file.part)) for file in report.files()]
        sent = 0
        for person in people:
            key = f"monitoring:report-mail:{report.pk}:user:{person.pk}"
            if once(
                key,
                lambda p=person: _send(
                    report=report, address=p.email, language=p.preferred_language, name=str(p), pdfs=pdfs
                ),
            ):
                sent += 1
        for address in addresses:
            key = f"monitoring:report-mail:{report.pk}:address:{address.strip().lower()}"
            if once(key, lambda a=address: _send(report=report, address=a.strip(), language="de", name="", pdfs=pdfs)):
                sent += 1
        report.notified_at = timezone.now()
        report.save(update_fields=["notified_at"])
    return sent
