"""The report archive: council members (login and role) and staff read every report; everyone else only released
ones — anonymous visitors are sent to log in, signed-in people without the role get 403 on the report's page
(404 on its PDFs) and see nothing. Staff
release a report to the public; then it is public."""

import pytest
from django.urls import reverse

from lip.roles import Role
from monitoring.models import ReportSection
from tests import factories

from . import pdfs


@pytest.fixture
def report(home_page, clock, issue):
    return issue(sections=[ReportSection.MEASURES]).report


PEOPLE = {
    "participant": [Role.PARTICIPANT],
    "integration council": [Role.PARTICIPANT, Role.COUNCIL],
    "jury": [Role.PARTICIPANT, Role.JURY],
    "council member": [Role.COUNCIL_MEMBER],
    "staff": [Role.MODERATOR],
}
READS_UNRELEASED = {"council member", "staff"}


@pytest.mark.parametrize("who", list(PEOPLE))
@pytest.mark.parametrize("url_name", ["monitoring:report_detail", "monitoring:report_pdf"])
def test_who_may_open_an_unreleased_report(client_for, report, who, url_name):
    person = factories.UserFactory(roles=PEOPLE[who])

    response = client_for(person).get(reverse(url_name, args=[report.pk]))

    if who in READS_UNRELEASED:
        assert response.status_code == 200
    else:
        # neither the page nor its file confirms to others that an unreleased report exists (issue 12, section 3)
        assert response.status_code == 404


@pytest.fixture
def annexed(home_page, clock, issue):
    return issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX]).report


@pytest.mark.parametrize("who", list(PEOPLE))
def test_who_may_open_the_annex_of_an_unreleased_report(client_for, annexed, who):
    person = factories.UserFactory(roles=PEOPLE[who])

    response = client_for(person).get(reverse("monitoring:report_annex_pdf", args=[annexed.pk]))

    if who in READS_UNRELEASED:
        assert response.status_code == 200
        text = " ".join(pdfs.text(b"".join(response.streaming_content)).split())
        assert "Anlage 1 zur Informationsdrucksache Nr. 0001/2026" in text
        assert 'filename="Informationsdrucksache-0001-2026-Anlage-1.pdf"' in response["Content-Disposition"]
    else:
        assert response.status_code == 404


def test_the_archive_and_the_report_page_offer_the_paper_and_its_annex(client_for, annexed, council_reader):
    client = client_for(council_reader)
    archive = client.get(reverse("monitoring:report_archive")).content.decode()
    detail = client.get(reverse("monitoring:report_detail", args=[annexed.pk])).content.decode()

    annex_url = reverse("monitoring:report_annex_pdf", args=[annexed.pk])
    pages = annexed.annex_page_count
    assert f'href="{annex_url}"' in archive and f"Anlage 1, {pages} {'Seite' if pages == 1 else 'Seiten'}" in archive
    assert f'href="{annex_url}"' in detail and "Anlage 1 öffnen" in detail
    assert "Anlage 1 (gesonderte Datei)" in detail


def test_a_report_without_an_annex_has_no_annex_link_and_its_annex_url_is_404(client_for, report, council_reader):
    client = client_for(council_reader)

    assert "Anlage 1" not in client.get(reverse("monitoring:report_detail", args=[report.pk])).content.decode()
    assert client.get(reverse("monitoring:report_annex_pdf", args=[report.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, report):
    response = client.get(reverse("monitoring:report_pdf", args=[report.pk]))

    assert response.status_code == 302 and response["Location"].startswith("/konto/login/?next=")


def test_the_archive_lists_unreleased_reports_only_to_council_members_and_staff(client_for, report, council_reader):
    url = reverse("monitoring:report_archive")

    assert report.number in client_for(council_reader).get(url).content.decode()
    assert report.number not in client_for(factories.UserFactory()).get(url).content.decode()
    assert report.number not in client_for(None).get(url).content.decode()


def test_the_pdf_is_served_to_council_members(client_for, report, council_reader):
    response = client_for(council_reader).get(reverse("monitoring:report_pdf", args=[report.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "Informationsdrucksache" in pdfs.text(b"".join(response.streaming_content))


def test_wagtails_document_url_does_not_serve_unreleased_reports_to_others(client_for, report, council_reader):
    for person in (None, council_reader):
        response = client_for(person).get(report.document.url)
        assert response.status_code != 200 or not b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_release_a_report_then_it_is_public(client_for, report, staff):
    detail = reverse("monitoring:report_detail", args=[report.pk])
    assert "Bericht öffentlich freigeben" in client_for(staff).get(detail).content.decode()

    response = client_for(staff).post(reverse("monitoring:report_release", args=[report.pk]))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.released_by == staff and report.is_released
    anonymous = client_for(None)
    assert anonymous.get(detail).status_code == 200
    assert anonymous.get(reverse("monitoring:report_pdf", args=[report.pk])).status_code == 200
    assert report.number in anonymous.get(reverse("monitoring:report_archive")).content.decode()


def test_council_members_cannot_release_reports(client_for, report, council_reader):
    client = client_for(council_reader)
    detail = reverse("monitoring:report_detail", args=[report.pk])

    assert "Bericht öffentlich freigeben" not in client.get(detail).content.decode()
    response = client.post(reverse("monitoring:report_release", args=[report.pk]))

    assert response.status_code == 403
    report.refresh_from_db()
    assert not report.is_released


def test_staff_release_in_the_admin(client_for, report, staff):
    client = client_for(staff)
    url = reverse("monitoring-reports:release", args=[report.pk])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_released
