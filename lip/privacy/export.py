"""A person's own data as one ZIP archive ("Meine Daten", GDPR articles 15 and 20).

- `export_request(user)` stores a pending `DataExport` and enqueues its build through the outbox.
- `export_build(export_id)` (the Celery task `lip.privacy.tasks.build_data_export`) asks every registered provider
  (`lip.privacy.registry`) for its tables and files, writes the archive into a temporary file with `zipfile`, stores it
  as a private file (`lip/files.py`) and e-mails the person a link to the download page. The link works for the
  person alone, signed in, for `EXPORT_VALID_FOR` (7 days); then `delete_expired_exports()` (the retention job)
  deletes the file and the row.

Archive layout: `README.txt`; per provider `<name>/<table>.json` and `<name>/<table>.csv` (UTF-8 with BOM, `;`, the
project's CSV conventions of `lip.exports`); the provider's files under `<name>/dateien/<path>`, where `<path>` is
the file entry's path with every segment reduced to a safe file name.
"""

import contextlib
import csv
import io
import json
import logging
import os
import tempfile
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from lip.exports import BOM, CSV_DELIMITER, _csv_value
from lip.models import DataExport, DataExportStatus

from .registry import ExportSection, collect_personal_data

logger = logging.getLogger(__name__)

EXPORT_VALID_FOR = timedelta(days=7)
PENDING_FOR = timedelta(hours=6)
# A second request this soon after the last one (a double click; a fast worker has already finished the first)
# returns that export instead of building and mailing the same archive again.
REPEAT_WITHIN = timedelta(minutes=1)
FILES_FOLDER = "dateien"


# --- Requests ------------------------------------------------------------------------------------------------------


def pending_export(user) -> DataExport | None:
    """The export being built for `user`, if any; one stuck longer than `PENDING_FOR` (its task lost) no longer
    blocks a new request."""
    since = timezone.now() - PENDING_FOR
    return DataExport.objects.filter(user=user, status=DataExportStatus.PENDING, created_at__gte=since).first()


def recent_export(user) -> DataExport | None:
    """The export being built for `user`, or one requested within `REPEAT_WITHIN` that did not fail."""
    since = timezone.now() - REPEAT_WITHIN
    recent = DataExport.objects.filter(user=user, created_at__gte=since).exclude(status=DataExportStatus.FAILED)
    return pending_export(user) or recent.order_by("-created_at").first()


def export_request(user) -> DataExport:
    """A new export of `user`'s data, built in the background; an export already being built or requested a moment
    ago (`recent_export`) is returned instead."""
    from lip.outbox.services import outbox_enqueue

    from . import tasks

    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per person
        existing = recent_export(user)
        if existing is not None:
            return existing
        export = DataExport.objects.create(user=user, expires_at=timezone.now() + EXPORT_VALID_FOR)
        outbox_enqueue(tasks.build_data_export, export.pk)
    return export


def is_downloadable(export: DataExport, *, now=None) -> bool:
    return export.status == DataExportStatus.READY and bool(export.file) and export.expires_at > (now or timezone.now())


# --- Building ------------------------------------------------------------------------------------------------------


def export_build(*, export_id: int) -> bool:
    """Build the archive of a pending export (once) and e-mail the person (once). True if the person was told now."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("user").filter(pk=export_id).first()
        if export is None:
            return False
        if export.status == DataExportStatus.PENDING:
            _build_into(export)
        if export.status != DataExportStatus.READY or export.notified_at is not None:
            return False
    # The mail goes out after the archive is committed; a failing mail server makes the task retry this part only.
    return export_notify(export_id=export.pk)


def _build_into(export: DataExport) -> None:
    try:
        with tempfile.TemporaryFile() as handle, transaction.atomic():  # a savepoint: a failed query is undone
            write_archive(export.user, handle)
            handle.seek(0)
            stamp = timezone.localtime().strftime("%Y-%m-%d")
            export.file.save(f"meine-daten-{stamp}.zip", File(handle), save=False)
    except Exception as exc:  # any failure is the export's state, shown to the person
        logger.exception("Data export %s failed", export.pk)
        export.status = DataExportStatus.FAILED
        export.error = f"{type(exc).__name__}: {exc}"[:2000]
    else:
        export.status = DataExportStatus.READY
        export.expires_at = timezone.now() + EXPORT_VALID_FOR
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "error", "expires_at", "finished_at"])


def write_archive(user, handle) -> None:
    """Write the ZIP of everything the providers hold about `user` into the binary file `handle`. Its names and
    labels are German, whichever language the request or worker speaks."""
    with translation.override("de"), zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        sections = list(collect_personal_data(user))
        archive.writestr("README.txt", _readme(user, sections))
        for name, section in sections:
            folder = _safe_segment(name)
            for table, rows in section.tables.items():
                base = f"{folder}/{_safe_segment(table)}"
                archive.writestr(f"{base}.json", table_json(rows))
                archive.writestr(f"{base}.csv", table_csv(rows))
            used: set[str] = set()
            for path, fieldfile in section.files:
                _write_file(archive, f"{folder}/{FILES_FOLDER}/{_unique(safe_path(path), used)}", fieldfile)


def _write_file(archive: zipfile.ZipFile, arcname: str, fieldfile) -> None:
    try:
        fieldfile.open("rb")
        with archive.open(arcname, "w") as target:
            for chunk in fieldfile.chunks():
                target.write(chunk)
    except (OSError, ValueError):
        # A file missing from storage is noted, not fatal: the rest of the archive is still the person's data.
        logger.warning("Data export: file %s is missing from storage", getattr(fieldfile, "name", fieldfile))
        archive.writestr(arcname + ".fehlt.txt", "Diese Datei ist im Speicher nicht mehr vorhanden.\n")
    finally:
        with contextlib.suppress(OSError, ValueError):
            fieldfile.close()


def _safe_segment(segment: str) -> str:
    return get_valid_filename(str(segment).replace("/", "_")) or "datei"


def safe_path(path: str) -> str:
    """`path` with every segment a safe file name (no "..", no absolute path, no odd characters)."""
    segments = [s for s in str(path).replace("\\", "/").split("/") if s not in ("", ".", "..")]
    return "/".join(_safe_segment(s) for s in segments) or "datei"


def _unique(path: str, used: set[str]) -> str:
    stem, ext = os.path.splitext(path)
    candidate, number = path, 1
    while candidate in used:
        number += 1
        candidate = f"{stem}-{number}{ext}"
    used.add(candidate)
    return candidate


def table_json(rows: list[dict]) -> str:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"


def table_csv(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(_flat(value)) for key, value in row.items()})
    return BOM + buffer.getvalue()


def _flat(value):
    """Nested values (a dict or a list of dicts) as JSON text in a CSV cell; lists of plain values stay lists."""
    if isinstance(value, dict) or (isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value)):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return value


def _readme(user, sections: list[tuple[str, ExportSection]]) -> str:
    context = {
        "user": user,
        "created_at": timezone.localtime(),
        "sections": [
            {"name": name, "tables": sorted(section.tables), "file_count": len(section.files)}
            for name, section in sections
        ],
        "files_folder": FILES_FOLDER,
    }
    return render_to_string("lip/privacy/README.txt", context)


# --- Mail ----------------------------------------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def export_notify(*, export_id: int) -> bool:
    """E-mail the person that their data is ready (once), with the download link (theirs alone, signed in)."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("user").filter(pk=export_id).first()
        if export is None or export.notified_at is not None or not is_downloadable(export):
            return False
        user = export.user
        if not user.email:
            return False
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "user": user,
                "export": export,
                "url": _site_url(reverse("lip:data_export_download", args=[export.pk])),
                "page_url": _site_url(reverse("lip:data_export")),
            }
            subject = " ".join(render_to_string("lip/privacy/email/export_ready_subject.txt", context).split())
            body = render_to_string("lip/privacy/email/export_ready_body.txt", context)
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
        export.notified_at = timezone.now()
        export.save(update_fields=["notified_at"])
    return True


# --- Expiry --------------------------------------------------------------------------------------------------------


def export_delete(export: DataExport) -> None:
    """Delete the archive file and the row."""
    if export.file:
        export.file.delete(save=False)
    export.delete()


def delete_expired_exports(*, now=None) -> int:
    """Delete every export past its expiry, file and row (called daily by the retention job). Returns the count."""
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(expires_at__lte=now).iterator():
        export_delete(export)
        count += 1
    if count:
        logger.info("Deleted %s expired data export(s)", count)
    return count
