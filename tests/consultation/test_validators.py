"""Attachments are checked by their content, not their name: PDF, JPEG and PNG up to 10 MB."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from consultation.validators import MAX_ATTACHMENT_BYTES, validate_attachment

TYPE_MESSAGE = "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien. Diese Datei ist keine davon."


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format=format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("antrag.pdf", pdf_bytes()),
        ("foto.png", image_bytes("PNG")),
        ("foto.jpg", image_bytes("JPEG")),
    ],
    ids=["pdf", "png", "jpeg"],
)
def test_real_pdf_png_and_jpeg_files_are_accepted(name, content):
    upload = SimpleUploadedFile(name, content)

    assert validate_attachment(upload) is None


def test_type_is_read_from_the_content_not_from_the_name():
    upload = SimpleUploadedFile("scan.txt", pdf_bytes())

    assert validate_attachment(upload) is None


def test_text_file_renamed_to_pdf_is_refused():
    upload = SimpleUploadedFile("antrag.pdf", b"Das ist kein PDF, nur Text.\n" * 20, content_type="application/pdf")

    with pytest.raises(ValidationError) as exc:
        validate_attachment(upload)

    assert exc.value.code == "file_type"
    assert exc.value.messages == [TYPE_MESSAGE]


def test_other_real_file_types_are_refused():
    upload = SimpleUploadedFile("bild.gif", image_bytes("GIF"))

    with pytest.raises(ValidationError) as exc:
        validate_attachment(upload)

    assert exc.value.messages == [TYPE_MESSAGE]


def test_file_over_10_mb_is_refused():
    content = pdf_bytes()
    upload = SimpleUploadedFile("gross.pdf", content + b"\0" * (MAX_ATTACHMENT_BYTES + 1 - len(content)))

    with pytest.raises(ValidationError) as exc:
        validate_attachment(upload)

    assert exc.value.code == "file_too_large"
    assert exc.value.messages == ["Die Datei ist 10,0\xa0MB groß; erlaubt sind höchstens 10 MB."]


def test_file_of_exactly_10_mb_is_accepted():
    content = pdf_bytes()
    upload = SimpleUploadedFile("genau.pdf", content + b"\0" * (MAX_ATTACHMENT_BYTES - len(content)))

    assert validate_attachment(upload) is None


def test_checking_leaves_the_file_position_where_it_was():
    upload = SimpleUploadedFile("antrag.pdf", pdf_bytes())
    upload.seek(5)

    validate_attachment(upload)

    assert upload.tell() == 5
