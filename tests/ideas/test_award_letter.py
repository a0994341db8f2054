"""The award letter: a PDF rendered by WeasyPrint, stored with the award and mailed to the applicant, once."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from ideas import tasks
from ideas.decisions import services as decision_services
from ideas.models import Award


@pytest.fixture
def granted(eligible, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        award = decision_services.award_grant(
            application=eligible,
            user=moderator,
            amount=Decimal("1750.50"),
            conditions="Die Kinderbetreuung ist sicherzustellen.\nFotos nur mit Einwilligung.",
        )
    award.refresh_from_db()
    return award


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_the_letter_names_reference_amount_and_conditions(granted):
    with granted.letter.open("rb") as handle:
        data = handle.read()
    text = pdf_text(data)
    reader = PdfReader(io.BytesIO(data))

    reference = granted.application.reference
    assert reference.startswith("GFZ-2026-")
    assert reference in text
    assert "1.750,50 €" in text
    assert "Landeshauptstadt Hannover" in text
    assert "Die Kinderbetreuung ist sicherzustellen." in text and "Fotos nur mit Einwilligung." in text
    assert "Seite 1 von" in text
    assert reader.metadata.title == f"Förderbescheid {reference}"
    assert reader.trailer["/Root"].get("/Lang") == "de"  # tagged PDF/UA with its language


def test_the_letter_is_mailed_to_the_applicant_as_an_attachment(granted, representative):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [representative.email]
    assert granted.application.reference in message.subject
    assert "1.750,50\xa0€" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name == f"Foerderbescheid-{granted.application.reference}.pdf"
    assert mimetype == "application/pdf"
    assert "1.750,50 €" in pdf_text(content)
    assert Award.objects.get().letter_sent_at is not None


def test_running_the_task_again_neither_renders_nor_sends_twice(granted):
    letter = granted.letter.name

    assert tasks.issue_award_letter.delay(granted.pk).get() is False

    granted.refresh_from_db()
    assert granted.letter.name == letter
    assert len(mail.outbox) == 1


def test_the_applicant_and_staff_download_the_letter_others_do_not(
    client_for, granted, representative, moderator, user
):
    url = reverse("ideas:award_letter", args=[granted.application_id])

    for person in (representative, moderator):
        response = client_for(person).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert granted.application.reference in pdf_text(b"".join(response.streaming_content))
    assert client_for(user).get(url).status_code == 404


def test_the_applicant_sees_the_award_and_the_letter(client_for, granted, representative):
    page = (
        client_for(representative)
        .get(reverse("ideas:application_detail", args=[granted.application_id]))
        .content.decode()
    )

    assert "gefördert" in page and "1.750,50\xa0€" in page
    assert "Förderbescheid herunterladen (PDF)" in page
