"""Report PDFs are private until released (issue 12, section 3): an unreleased report's paper and annex answer a login
redirect (anonymous) or 404 (signed in without the right to read it) at every URL — the archive's file views and
Wagtail's /dokumente/<id>/<name> — and they are stored under a path no one can guess."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import CollectionViewRestriction

from lip.roles import Role
from monitoring.models import ReportSection
from tests import factories


@pytest.fixture
def report(home_page, clock, issue):
    return issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX]).report


@pytest.fixture
def participant(db):
    return factories.UserFactory(roles=[Role.PARTICIPANT])


def _file_urls(report):
    return [
        reverse("monitoring:report_pdf", args=[report.pk]),
        reverse("monitoring:report_annex_pdf", args=[report.pk]),
        report.document.url,
        report.annex_document.url,
    ]


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/konto/login/" in response["Location"]


def _serves_no_pdf(response) -> bool:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return not body.startswith(b"%PDF") and "X-Accel-Redirect" not in response and "X-Sendfile" not in response


def test_an_unreleased_report_is_a_login_redirect_for_anonymous_visitors_at_every_url(client_for, report):
    for url in _file_urls(report):
        response = client_for(None).get(url)
        assert _is_login_redirect(response), url


def test_an_unreleased_report_is_404_or_a_login_redirect_for_a_participant_at_every_url(
    client_for, report, participant
):
    for url in _file_urls(report):
        response = client_for(participant).get(url)
        assert response.status_code == 404 or _is_login_redirect(response), url
        assert _serves_no_pdf(response)
    # the archive's own file views say nothing about the file
    assert client_for(participant).get(reverse("monitoring:report_pdf", args=[report.pk])).status_code == 404


def test_signed_in_people_without_access_get_404_at_the_document_url_not_a_login_loop(client_for, report, participant):
    council_member = factories.UserFactory(roles=[Role.COUNCIL_MEMBER])
    for person in (participant, council_member):  # the council member reads it through the monitoring views
        for url in (report.document.url, report.annex_document.url):
            response = client_for(person).get(url)
            assert response.status_code == 404, url
            assert _serves_no_pdf(response)


def test_wagtails_document_url_refuses_unreleased_reports_even_without_the_collection_restriction(
    client_for, report, participant
):
    CollectionViewRestriction.objects.filter(collection=report.document.collection).delete()

    for person in (None, participant):
        for url in (report.document.url, report.annex_document.url):
            response = client_for(person).get(url)
            assert response.status_code == 404, url
            assert _serves_no_pdf(response)


def test_the_pdfs_are_stored_under_a_random_folder_and_downloaded_under_their_readable_name(client_for, report, staff):
    folder, token, name = report.document.file.name.rsplit("/", 2)

    assert folder == "documents" and name == "Informationsdrucksache-0001-2026.pdf" and len(token) >= 20
    assert report.annex_document.file.name.endswith("/Informationsdrucksache-0001-2026-Anlage-1.pdf")
    assert report.annex_document.file.name.split("/")[1] != token
    assert report.document.url == f"/dokumente/{report.document.pk}/Informationsdrucksache-0001-2026.pdf"
    response = client_for(staff).get(reverse("monitoring:report_pdf", args=[report.pk]))
    assert response["Content-Disposition"] == 'inline; filename="Informationsdrucksache-0001-2026.pdf"'


def test_council_members_get_the_pdf_from_nginx_when_configured(client_for, report, council_reader, settings):
    settings.LIP_SENDFILE_BACKEND = "nginx"

    response = client_for(council_reader).get(reverse("monitoring:report_annex_pdf", args=[report.pk]))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{report.annex_document.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""


def test_a_released_reports_pdf_is_public_and_cacheable(client_for, report):
    type(report).objects.filter(pk=report.pk).update(released_at=timezone.now())

    response = client_for(None).get(reverse("monitoring:report_pdf", args=[report.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
