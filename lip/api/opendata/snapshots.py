"""Snapshots of the open datasets in the default storage: writing (service) and finding the newest (selector).

Layout under ``opendata/<slug>/``: ``<stamp>.csv``, ``<stamp>.json`` and, written last, ``<stamp>.manifest.json``
(time, row count, size and SHA-256 of each file). A snapshot exists once its manifest does, so a reader never sees
a half-written file: the files are written under their new, unique names first, and the previous snapshot stays
until the new one is complete (the last KEEP snapshots are kept, older ones removed). Stamps sort by time.
"""

import csv
import datetime
import hashlib
import io
import json
import logging
import secrets
import tempfile
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from ..datasets import Dataset, all_datasets
from . import rows

logger = logging.getLogger(__name__)

ROOT = "opendata"
MANIFEST_SUFFIX = ".manifest.json"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
KEEP = 2
GENERATE_LOCK_SECONDS = 10 * 60


@dataclass(frozen=True)
class SnapshotFile:
    name: str  # in the default storage
    size: int
    sha256: str


@dataclass(frozen=True)
class Snapshot:
    slug: str
    stamp: str
    created: datetime.datetime
    rows: int
    files: dict[str, SnapshotFile]  # by format: "csv", "json"

    def as_manifest(self) -> dict:
        return {
            "slug": self.slug,
            "stamp": self.stamp,
            "created": self.created.isoformat(),
            "rows": self.rows,
            "files": {fmt: vars(entry) for fmt, entry in self.files.items()},
        }

    @classmethod
    def from_manifest(cls, data: dict) -> "Snapshot":
        return cls(
            slug=data["slug"],
            stamp=data["stamp"],
            created=datetime.datetime.fromisoformat(data["created"]),
            rows=int(data["rows"]),
            files={fmt: SnapshotFile(**data["files"][fmt]) for fmt in FORMATS},
        )


def _folder(slug: str) -> str:
    return f"{ROOT}/{slug}"


def _sha256(handle) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(64 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _store(name: str, handle) -> SnapshotFile:
    handle.seek(0, 2)
    size = handle.tell()
    sha256 = _sha256(handle)
    stored = default_storage.save(name, File(handle, name=name))
    return SnapshotFile(name=stored, size=size, sha256=sha256)


def snapshot_write(*, dataset: Dataset, request=None) -> Snapshot:
    """Write the dataset's public rows as CSV and JSON; returns the new snapshot. Memory stays flat: rows go to
    temporary files one by one (the CSV's columns are known only after the last row, so the flat rows wait in a
    temporary file of JSON lines)."""
    request = request or rows.snapshot_request()
    created = timezone.now()
    stamp = created.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(4)
    folder = _folder(dataset.slug)
    columns: dict[str, None] = {}
    count = 0
    with (
        tempfile.TemporaryFile() as json_file,
        tempfile.TemporaryFile("w+", encoding="utf-8") as flat_file,
        tempfile.TemporaryFile() as csv_file,
    ):
        json_file.write(b"[")
        for row in rows.iter_rows(dataset, request):
            json_file.write((",\n" if count else "\n").encode() + rows.to_json(row).encode("utf-8"))
            flat = rows.flatten(row)
            columns.update(dict.fromkeys(flat))
            flat_file.write(rows.to_json(flat) + "\n")
            count += 1
        json_file.write(b"\n]\n")
        declared = list(dataset.serializer().fields)
        if not count:
            columns = dict.fromkeys(declared)
        columns = rows.csv_columns(columns, declared)

        text = io.TextIOWrapper(csv_file, encoding="utf-8-sig", newline="")  # a BOM first, for Excel
        writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180: comma, double quotes, CRLF
        writer.writerow(columns)
        flat_file.seek(0)
        for line in flat_file:
            flat = json.loads(line)
            writer.writerow(rows.csv_cell(flat.get(column)) for column in columns)
        text.flush()
        text.detach()

        files = {
            "csv": _store(f"{folder}/{stamp}.csv", csv_file),
            "json": _store(f"{folder}/{stamp}.json", json_file),
        }
    snapshot = Snapshot(slug=dataset.slug, stamp=stamp, created=created, rows=count, files=files)
    manifest = json.dumps(snapshot.as_manifest()).encode()
    default_storage.save(f"{folder}/{stamp}{MANIFEST_SUFFIX}", ContentFile(manifest))
    _prune(dataset.slug)
    return snapshot


def _manifest_names(slug: str) -> list[str]:
    """The manifests of the dataset's snapshots, newest first."""
    try:
        _, names = default_storage.listdir(_folder(slug))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted((name for name in names if name.endswith(MANIFEST_SUFFIX)), reverse=True)


def _read_manifest(slug: str, name: str) -> Snapshot | None:
    try:
        with default_storage.open(f"{_folder(slug)}/{name}", "rb") as handle:
            return Snapshot.from_manifest(json.loads(handle.read()))
    except (OSError, ValueError, KeyError, TypeError):
        logger.warning("Open data: unreadable manifest %s/%s", slug, name)
        return None


def _prune(slug: str) -> None:
    for name in _manifest_names(slug)[KEEP:]:
        snapshot = _read_manifest(slug, name)
        default_storage.delete(f"{_folder(slug)}/{name}")  # first the manifest: the snapshot is gone for readers
        for entry in snapshot.files.values() if snapshot else ():
            default_storage.delete(entry.name)


def snapshot_latest(slug: str) -> Snapshot | None:
    """The newest complete snapshot of the dataset, or None."""
    for name in _manifest_names(slug):
        snapshot = _read_manifest(slug, name)
        if snapshot is not None:
            return snapshot
    return None


def snapshot_latest_or_write(dataset: Dataset) -> Snapshot | None:
    """The newest snapshot; before the first nightly run, one written now (once: while another request writes it,
    None, and the caller asks the client to come back)."""
    snapshot = snapshot_latest(dataset.slug)
    if snapshot is not None:
        return snapshot
    lock = f"lip:opendata:writing:{dataset.slug}"
    if not cache.add(lock, True, timeout=GENERATE_LOCK_SECONDS):
        return None
    try:
        return snapshot_write(dataset=dataset)
    finally:
        cache.delete(lock)


def snapshot_all() -> dict[str, int]:
    """A new snapshot of every registered dataset; returns the row count by slug. One dataset that fails does not
    stop the others (it keeps its previous snapshot); the failure is logged and raised at the end."""
    counts: dict[str, int] = {}
    request = rows.snapshot_request()
    failed: list[str] = []
    for dataset in all_datasets():
        try:
            counts[dataset.slug] = snapshot_write(dataset=dataset, request=request).rows
        except Exception:
            logger.exception("Open data: the snapshot of %s failed", dataset.slug)
            failed.append(dataset.slug)
    if failed:
        raise RuntimeError(f"Open-data snapshots failed: {', '.join(failed)}")
    return counts
