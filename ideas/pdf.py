"""The award letter (Förderbescheid) as a tagged PDF, rendered by WeasyPrint from templates/ideas/pdf/award_letter.html.

Nothing is fetched from outside: the template carries its own styles, and the URL fetcher allows only `data:` URLs.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import Award

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
