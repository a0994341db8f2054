"""Private files (issue 12, section 3): no URL under /media/ serves uploads or generated PDFs, in DEBUG or not; the
one helper every download view uses hands files over by Django, nginx (X-Accel-Redirect) or X-Sendfile, with the
type read from the content, `nosniff` and no caching; stored names carry a random component."""

import importlib
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from django.urls import clear_url_caches
from wagtail.documents import get_document_model

import lip.urls
from lip import files

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
    "d1e6f1e00000000049454e44ae426082"
)


@pytest.fixture
def stored_pdf(settings):
    name = default_storage.save(
        files.private_upload_path("consultation/attachments", "Bericht.pdf"), ContentFile(PDF_BYTES)
    )
    yield name
    default_storage.delete(name)


def _fieldfile(name: str):
    """A FieldFile of the default storage for `name`, as views get them from a model."""
    return FieldFile(None, FileField(), name)


# --- The helper ----------------------------------------------------------------------------------------------------


def test_by_default_django_streams_the_file_with_the_sniffed_type_and_no_caching(settings, stored_pdf):
    settings.LIP_SENDFILE_BACKEND = "django"
    response = files.serve_private_file(RequestFactory().get("/"), _fieldfile(stored_pdf), filename="Bericht.pdf")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Bericht.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_type_comes_from_the_content_not_from_the_name(settings):
    settings.LIP_SENDFILE_BACKEND = "django"
    name = default_storage.save(files.private_upload_path("ideas/antraege", "bild.pdf"), ContentFile(PNG_BYTES))

    response = files.serve_private_file(RequestFactory().get("/"), _fieldfile(name), filename="bild.pdf")

    assert response["Content-Type"] == "image/png"


def test_nginx_mode_answers_with_x_accel_redirect_and_no_body(settings, stored_pdf):
    settings.LIP_SENDFILE_BACKEND = "nginx"
    settings.LIP_SENDFILE_URL = "/intern/"

    response = files.serve_private_file(
        RequestFactory().get("/"), _fieldfile(stored_pdf), filename="Bericht.pdf", as_attachment=False
    )

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/intern/{stored_pdf}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Bericht.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_nginx_mode_uses_protected_as_the_default_prefix(settings, stored_pdf):
    settings.LIP_SENDFILE_BACKEND = "nginx"
    del settings.LIP_SENDFILE_URL

    response = files.serve_private_file(RequestFactory().get("/"), _fieldfile(stored_pdf), filename="a.pdf")

    assert response["X-Accel-Redirect"] == f"/protected/{stored_pdf}"


def test_xsendfile_mode_answers_with_the_absolute_path(settings, stored_pdf):
    settings.LIP_SENDFILE_BACKEND = "xsendfile"

    response = files.serve_private_file(RequestFactory().get("/"), _fieldfile(stored_pdf), filename="a.pdf")

    assert response["X-Sendfile"] == os.path.join(settings.MEDIA_ROOT, stored_pdf)
    assert response.content == b""


def test_released_files_may_be_cached_publicly(settings, stored_pdf):
    settings.LIP_SENDFILE_BACKEND = "django"
    response = files.serve_private_file(
        RequestFactory().get("/"), _fieldfile(stored_pdf), filename="a.pdf", public=True
    )

    assert response["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize("name", ["", "consultation/attachments/gibt-es-nicht/a.pdf"])
def test_a_missing_file_is_a_404(settings, name):
    from django.http import Http404

    with pytest.raises(Http404):
        files.serve_private_file(RequestFactory().get("/"), _fieldfile(name), filename="a.pdf")


def test_two_uploads_of_the_same_name_get_different_unguessable_paths():
    first = files.private_upload_path("consultation/attachments", "a.pdf")
    second = files.private_upload_path("consultation/attachments", "a.pdf")

    assert first != second
    folder, token, name = first.rsplit("/", 2)
    assert folder == "consultation/attachments" and name == "a.pdf" and len(token) >= 20


def test_an_uploaded_name_cannot_leave_its_folder():
    path = files.private_upload_path("ideas/antraege", "../../etc/passwd")

    assert path.startswith("ideas/antraege/") and ".." not in path and path.endswith("/passwd")


# --- Wagtail's document view ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wagtail_documents_are_handed_to_nginx_too(client, settings):
    settings.LIP_SENDFILE_BACKEND = "nginx"
    document = get_document_model()(title="Satzung")
    document.file.save("Satzung.pdf", ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()

    response = client.get(document.url)

    assert document.url == f"/dokumente/{document.pk}/Satzung.pdf"
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert response.content == b""


# --- No /media/ URL for private files ------------------------------------------------------------------------------


@pytest.fixture
def debug_urls(settings):
    """lip.urls as the development server builds it (DEBUG on), put back afterwards."""
    settings.DEBUG = True
    importlib.reload(lip.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(lip.urls)
    clear_url_caches()


@pytest.fixture
def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    paths = {
        "document": "documents/Informationsdrucksache-0001-2026.pdf",
        "attachment": "consultation/attachments/2026/a.pdf",
        "letter": "ideas/bescheide/abc/Foerderbescheid.pdf",
        "image": "images/bild.png",
        "original": "original_images/bild.png",
    }
    for key, name in paths.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(PNG_BYTES if key in ("image", "original") else PDF_BYTES)
    return paths


# The image prefix cannot be used to climb into the private folders.
CLIMBING = "images/../documents/Informationsdrucksache-0001-2026.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["document", "attachment", "letter", "climbing from images"])
def test_the_dev_server_does_not_serve_private_files_under_media(client, home_page, debug_urls, media_files, kind):
    response = client.get(f"/media/{CLIMBING if kind == 'climbing from images' else media_files[kind]}")

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["image", "original"])
def test_the_dev_server_serves_public_images(client, debug_urls, media_files, kind):
    response = client.get(f"/media/{media_files[kind]}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["document", "image"])
def test_without_debug_nothing_is_served_under_media(client, home_page, media_files, kind):
    response = client.get(f"/media/{media_files[kind]}")

    assert response.status_code == 404
