import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_ATTACHMENT_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def sniff_mime(file) -> str | None:
    """The MIME type read from the file's first bytes (never from its name)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(8192)
    finally:
        file.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def validate_attachment(file) -> None:
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens 10 MB."),
            code="file_too_large",
            params={"size": filesizeformat(file.size)},
        )
    if sniff_mime(file) not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("Erlaubt sind nur PDF-, JPEG- und PNG-Dateien. Diese Datei ist keine davon."),
            code="file_type",
        )
