"""Issued reports are immutable: their PDF (a Wagtail document in „Berichte“) cannot be edited, replaced, moved or
deleted through Wagtail's document library — by staff or by a superuser — and the rest of the library works as
before; no code path can swap the file or delete the report; and the PDF is served only while its checksum matches.
Every refusal shows staff a German message naming the report, and nothing changes."""

import hashlib
import logging

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.documents import get_document_model
from wagtail.models import Collection

from lip.roles import Role
from monitoring.models import Report, ReportSection
from monitoring.reports import services
from monitoring.reports.immutability import ReportImmutableError, ReportIntegrityError
from tests import factories

from . import pdfs

Document = get_document_model()
REFUSAL = "ist die PDF-Datei eines ausgegebenen Berichts"


@pytest.fixture
def report(home_page, clock, issue):
    return issue(sections=[ReportSection.MEASURES]).report


@pytest.fixture
def other_document(db):
    """An ordinary document of the library (not a report)."""
    document = Document(title="Flyer Sprachcafé", collection=Collection.get_first_root_node())
    document.file.save("flyer.pdf", ContentFile(b"%PDF-1.4 flyer"), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture(params=["moderation", "superuser"])
def editor(request, db):
    """Who tries: a member of the Moderation role (may change documents) and a superuser (may do anything)."""
    if request.param == "superuser":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    return factories.UserFactory(roles=[Role.MODERATOR])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_unchanged(report: Report, *, title: str | None = None) -> None:
    document = Document.objects.get(pk=report.document_id)
    assert document.collection.name == "Berichte"
    if title is not None:
        assert document.title == title
    assert document.file.name == report.document.file.name
    assert hashlib.sha256(pdfs.read(report)).hexdigest() == report.pdf_sha256


def assert_refused(response, report: Report) -> None:
    assert response.status_code == 302
    shown = messages_of(response)
    assert any(REFUSAL in m and report.number in m for m in shown), shown
    assert any("Es wurde nichts geändert." in m for m in shown)


# --- The admin's document library ----------------------------------------------------------------------------------


def test_the_edit_view_refuses_a_report_pdf(client_for, report, editor):
    client = client_for(editor)
    url = reverse("wagtaildocs:edit", args=[report.document_id])
    title = report.document.title

    shown = client.get(url)
    changed = client.post(url, {"title": "Umbenannt", "collection": report.document.collection_id, "tags": ""})

    assert_refused(shown, report)
    assert shown["Location"] == reverse("monitoring-reports:inspect", args=[report.pk])
    assert_refused(changed, report)
    assert_unchanged(report, title=title)


def test_uploading_a_replacement_file_is_refused_and_the_original_file_stays(client_for, report, editor):
    client = client_for(editor)
    replacement = SimpleUploadedFile("Bericht.pdf", b"%PDF-1.4 a different report", content_type="application/pdf")

    response = client.post(
        reverse("wagtaildocs:edit", args=[report.document_id]),
        {"title": report.document.title, "collection": report.document.collection_id, "file": replacement},
    )

    assert_refused(response, report)
    assert_unchanged(report)
    assert report.document.file.storage.exists(report.document.file.name)


def test_the_delete_view_refuses_a_report_pdf(client_for, report, editor):
    client = client_for(editor)
    url = reverse("wagtaildocs:delete", args=[report.document_id])

    assert_refused(client.get(url), report)
    assert_refused(client.post(url), report)
    assert_unchanged(report)


@pytest.mark.parametrize("action", ["delete", "add_to_collection", "add_tags"])
def test_bulk_actions_including_a_report_pdf_are_refused_as_a_whole(client_for, report, other_document, editor, action):
    client = client_for(editor)
    elsewhere = Collection.get_first_root_node().add_child(name="Flyer")
    url = reverse("wagtail_bulk_action", args=("wagtaildocs", "document", action))
    query = {"next": reverse("wagtaildocs:index"), "id": [report.document_id, other_document.pk]}
    data = {"collection": elsewhere.pk, "tags": "alt"}

    response = client.post(f"{url}?{urlencode(query, doseq=True)}", data)

    assert_refused(response, report)
    assert_unchanged(report)
    other_document.refresh_from_db()
    assert other_document.collection_id != elsewhere.pk and not other_document.tags.exists()


def test_bulk_delete_of_the_whole_listing_is_refused_while_it_holds_a_report_pdf(
    client_for, report, other_document, editor
):
    client = client_for(editor)
    url = reverse("wagtail_bulk_action", args=("wagtaildocs", "document", "delete"))

    response = client.post(f"{url}?{urlencode({'next': reverse('wagtaildocs:index'), 'id': 'all'})}")

    assert_refused(response, report)
    assert Document.objects.filter(pk=other_document.pk).exists()
    assert_unchanged(report)


def test_the_multi_upload_endpoints_refuse_a_report_pdf(client_for, report, editor):
    client = client_for(editor)
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

    edited = client.post(
        reverse("wagtaildocs:edit_multiple", args=[report.document_id]),
        {f"doc-{report.document_id}-title": "x"},
        **ajax,
    )
    deleted = client.post(reverse("wagtaildocs:delete_multiple", args=[report.document_id]), **ajax)

    assert edited.status_code == deleted.status_code == 403
    assert_unchanged(report, title=report.document.title)


def test_the_reports_collection_cannot_be_deleted_while_it_holds_reports(client_for, report):
    client = client_for(factories.UserFactory(is_superuser=True, is_staff=True))
    collection = report.document.collection

    client.post(reverse("wagtailadmin_collections:delete", args=[collection.pk]))

    assert Collection.objects.filter(pk=collection.pk).exists()
    assert_unchanged(report)
    with pytest.raises(ProtectedError):
        collection.delete()  # nor from code: the report's foreign key protects its document
    assert_unchanged(report)


def test_the_rest_of_the_library_works_as_before(client_for, report, other_document, editor):
    client = client_for(editor)

    listing = client.get(reverse("wagtaildocs:index"))
    edited = client.post(
        reverse("wagtaildocs:edit", args=[other_document.pk]),
        {"title": "Flyer Sprachcafé 2026", "collection": other_document.collection_id, "tags": ""},
    )
    deleted = client.post(reverse("wagtaildocs:delete", args=[other_document.pk]))

    assert listing.status_code == 200 and report.document.title in listing.content.decode()  # listed, read-only
    assert edited.status_code == 302 and not any(REFUSAL in m for m in messages_of(edited))
    assert deleted.status_code == 302
    assert not Document.objects.filter(pk=other_document.pk).exists()


# --- The model -----------------------------------------------------------------------------------------------------


def test_no_code_path_can_swap_move_or_delete_the_file(report):
    document = Document.objects.get(pk=report.document_id)

    with pytest.raises(ReportImmutableError, match=report.number):
        document.file.save("anders.pdf", ContentFile(b"%PDF-1.4 swapped"))
    document = Document.objects.get(pk=report.document_id)
    document.collection = Collection.get_first_root_node()
    with pytest.raises(ReportImmutableError):
        document.save()
    with pytest.raises((ReportImmutableError, ProtectedError)):
        Document.objects.get(pk=report.document_id).delete()
    assert_unchanged(report)


def test_an_issued_report_keeps_its_snapshot_and_cannot_be_deleted(report, staff):
    stored = Report.objects.get(pk=report.pk)
    stored.snapshot = {**stored.snapshot, "summary": {}}
    with pytest.raises(ReportImmutableError):
        stored.save()
    with pytest.raises(ReportImmutableError), transaction.atomic():
        Report.objects.get(pk=report.pk).delete()

    services.report_release(report=report, user=staff)  # the release is what may change

    report.refresh_from_db()
    assert report.is_released and report.snapshot["summary"]


# --- Serving -------------------------------------------------------------------------------------------------------


@pytest.fixture
def tampered(report):
    """The stored file is overwritten behind Django's back (in the storage)."""
    with open(report.document.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 not the issued report")
    return report


def test_the_archive_refuses_a_pdf_whose_checksum_no_longer_matches(client_for, tampered, council_reader, caplog):
    with caplog.at_level(logging.ERROR, logger="monitoring.reports.immutability"):
        response = client_for(council_reader).get(reverse("monitoring:report_pdf", args=[tampered.pk]))

    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "stimmt nicht mehr mit der Prüfsumme überein" in response.content.decode()
    assert any(tampered.number in r.getMessage() and r.levelno == logging.ERROR for r in caplog.records)


def test_wagtails_document_url_refuses_it_too(client_for, tampered, staff):
    response = client_for(staff).get(tampered.document.url)

    assert response.status_code == 409


def assert_not_sent(report: Report) -> None:
    """Sending the report's notice again (as if it had never been sent) fails on the checksum and sends no mail."""
    cache.clear()
    mail.outbox.clear()
    Report.objects.filter(pk=report.pk).update(notified_at=None)

    with pytest.raises(ReportIntegrityError):
        services.report_notify(report_id=report.pk)

    assert mail.outbox == []


def test_no_e_mail_carries_a_tampered_pdf(tampered):
    assert_not_sent(tampered)


def test_an_intact_pdf_is_served(client_for, report, council_reader):
    response = client_for(council_reader).get(reverse("monitoring:report_pdf", args=[report.pk]))

    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == report.pdf_sha256


# --- The annex (Anlage 1), a PDF of its own -------------------------------------------------------------------------


@pytest.fixture
def annexed(home_page, clock, issue):
    report = issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX]).report
    assert report.annex_document_id
    return report


def test_the_annex_pdf_cannot_be_edited_deleted_or_swapped_either(client_for, annexed, editor):
    client = client_for(editor)
    stored_name = annexed.annex_document.file.name

    for url in (
        reverse("wagtaildocs:edit", args=[annexed.annex_document_id]),
        reverse("wagtaildocs:delete", args=[annexed.annex_document_id]),
    ):
        assert_refused(client.get(url), annexed)
        assert_refused(client.post(url, {"title": "Umbenannt"}), annexed)
    document = Document.objects.get(pk=annexed.annex_document_id)
    with pytest.raises(ReportImmutableError, match=annexed.number):
        document.file.save("anders.pdf", ContentFile(b"%PDF-1.4 swapped"))
    with pytest.raises((ReportImmutableError, ProtectedError)):
        Document.objects.get(pk=annexed.annex_document_id).delete()

    document = Document.objects.get(pk=annexed.annex_document_id)
    assert document.file.name == stored_name and document.title == annexed.annex_document.title
    assert hashlib.sha256(pdfs.read(annexed, annex=True)).hexdigest() == annexed.annex_sha256


def test_a_tampered_annex_is_served_by_no_one_and_sent_to_no_one(client_for, annexed, council_reader, staff):
    intact = client_for(council_reader).get(reverse("monitoring:report_annex_pdf", args=[annexed.pk]))
    assert hashlib.sha256(b"".join(intact.streaming_content)).hexdigest() == annexed.annex_sha256
    with open(annexed.annex_document.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 not the issued annex")

    assert client_for(council_reader).get(reverse("monitoring:report_annex_pdf", args=[annexed.pk])).status_code == 409
    assert client_for(staff).get(annexed.annex_document.url).status_code == 409
    assert client_for(council_reader).get(reverse("monitoring:report_pdf", args=[annexed.pk])).status_code == 200
    assert_not_sent(annexed)
