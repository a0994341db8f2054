"""The award letter (Förderbescheid): a tagged PDF rendered by WeasyPrint from templates/ideas/pdf/award_letter.html,
stored once and mailed once.

Nothing is fetched from outside: the template carries its own styles, and the URL fetcher allows only `data:` URLs.
"""

import os

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ..models import Award
from ..notifications import mail

LETTER_TEMPLATE = "ideas/pdf/award_letter.html"
PDF_VARIANT = "pdf/ua-1"  # tagged, accessible PDF with title and language


def award_letter_context(award: Award) -> dict:
    application = award.application
    return {
        "award": award,
        "application": application,
        "competition": application.competition,
        "organisation": application.organisation,
        "fund": award.fund,
        "contact": application.submitted_by or application.created_by,
        "letter_date": timezone.localdate(award.decided_at),
        "signatory": award.decided_by,
    }


def render_award_letter(award: Award) -> bytes:
    with translation.override("de"):  # an official letter: German, whatever language the staff member reads
        html = render_to_string(LETTER_TEMPLATE, award_letter_context(award))
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def award_letter_issue(*, award: Award) -> Award:
    """Render and store the award letter PDF unless it exists. Idempotent."""
    if award.letter:
        return award
    pdf = render_award_letter(award)
    award.letter.save(f"Foerderbescheid-{award.application.reference}.pdf", ContentFile(pdf), save=False)
    award.save(update_fields=["letter"])
    return award


def award_letter_deliver(*, award_id: int) -> bool:
    """Make the award letter (once) and mail it to the applicant (once)."""
    with transaction.atomic():
        award = (
            Award.objects.select_for_update(of=("self",))
            .select_related(
                "fund",
                "decided_by",
                "application",
                "application__competition",
                "application__organisation",
                "application__created_by",
                "application__submitted_by",
            )
            .filter(pk=award_id)
            .first()
        )
        if award is None:
            return False
        award_letter_issue(award=award)
        if award.letter_sent_at is not None:
            return False
        with award.letter.open("rb") as handle:
            content = handle.read()
        sent = mail(
            "award_letter",
            award.application,
            context={"award": award},
            attachments=[(os.path.basename(award.letter.name), content, "application/pdf")],
        )
        if sent:
            award.letter_sent_at = timezone.now()
            award.save(update_fields=["letter_sent_at"])
        return sent
