"""Private files of the idea competition (issue 12, section 3): application attachments and award letters are served
only to the applicant and the fund's staff (attachments also to assigned jurors); anyone else signed in gets 404,
anonymous visitors are sent to log in. No /media/ URL reaches them and their stored paths cannot be guessed."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ideas.models import ApplicationAttachment, ApplicationState, Award
from tests import factories

from .conftest import PDF_BYTES


@pytest.fixture
def awarded(make_application, fund):
    application = make_application(title="Nachbarschaftsfest", state=ApplicationState.AWARDED)
    award = Award(application=application, fund=fund, amount=Decimal("1000.00"))
    award.letter.save("Foerderbescheid.pdf", ContentFile(PDF_BYTES), save=False)
    award.save()
    return award


@pytest.fixture
def attachment(make_application):
    application = make_application(title="Sprachcafé", state=ApplicationState.SUBMITTED)
    item = ApplicationAttachment(application=application, name="kostenvoranschlag.pdf")
    item.file.save("kostenvoranschlag.pdf", ContentFile(PDF_BYTES), save=False)
    item.save()
    return item


def _letter_url(award):
    return reverse("ideas:award_letter", args=[award.application_id])


def _attachment_url(item):
    return reverse("ideas:attachment", args=[item.application_id, item.pk])


def test_another_persons_award_letter_is_404(client_for, awarded):
    assert client_for(factories.UserFactory()).get(_letter_url(awarded)).status_code == 404


def test_another_persons_application_attachment_is_404(client_for, attachment):
    assert client_for(factories.UserFactory()).get(_attachment_url(attachment)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_for_either_file(client_for, awarded, attachment):
    for url in (_letter_url(awarded), _attachment_url(attachment)):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/?next=")


def test_the_applicant_downloads_the_letter_privately(client_for, awarded, representative):
    response = client_for(representative).get(_letter_url(awarded))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Foerderbescheid.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_staff_download_the_attachment_through_nginx_when_configured(client_for, attachment, moderator, settings):
    settings.LIP_SENDFILE_BACKEND = "nginx"

    response = client_for(moderator).get(_attachment_url(attachment))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{attachment.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="kostenvoranschlag.pdf"'
    assert response.content == b""


def test_letters_and_attachments_are_stored_under_unguessable_paths(awarded, attachment):
    for name, folder, filename in (
        (awarded.letter.name, "ideas/bescheide", "Foerderbescheid.pdf"),
        (attachment.file.name, "ideas/antraege", "kostenvoranschlag.pdf"),
    ):
        stored_folder, token, stored_name = name.rsplit("/", 2)
        assert (stored_folder, stored_name) == (folder, filename) and len(token) >= 20
