"""The generation of a report in steps (`run_prepare`, `run_render_part` for the paper and for the annex, `run_issue`),
called by the Celery tasks in `monitoring/tasks.py` or one after the other by `run_execute`; see its docstring for how
a failed run leaves nothing half-written behind.
"""

import contextlib
import hashlib
import json
import logging
import posixpath
import secrets
import uuid
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, CollectionViewRestriction

from lip import pagecache
from lip.roles import Role, group_name

from ..models import (
    Report,
    ReportCounter,
    ReportRun,
    ReportStatus,
    report_filename,
)

logger = logging.getLogger(__name__)

REPORTS_COLLECTION = "Berichte"
STALE_RUN = timedelta(minutes=30)  # a run "running" for longer than this was lost with its worker and may be taken over


def _next_number(year: int) -> str:
    counter, _created = ReportCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last:04d}/{year}"


def _claim(run_id: int) -> ReportRun | None:
    """Mark the run as running (and reserve its number) unless it is done or another worker is on it."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in (ReportStatus.DONE, ReportStatus.DRAFT, ReportStatus.IN_REVIEW):
            return None  # done, or not yet approved by a second person (`review`)
        now = timezone.now()
        if run.status == ReportStatus.RUNNING and run.started_at and now - run.started_at < STALE_RUN:
            return None
        if not run.number:
            run.number = _next_number(timezone.localdate(now).year)
        run.status = ReportStatus.RUNNING
        run.started_at = now
        run.finished_at = None
        run.error = ""
        run.attempts += 1
        run.save(update_fields=["number", "status", "started_at", "finished_at", "error", "attempts"])
    return run


class ReportGenerationError(Exception):
    """A report could not be generated; the run is marked failed with the message, and nothing else was stored."""


def reports_collection() -> Collection:
    """The restricted document collection „Berichte“ (made by migration 0002; made again here if it was removed)."""
    collection = Collection.objects.filter(name=REPORTS_COLLECTION, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=REPORTS_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(
            Group.objects.filter(name__in=[group_name(Role.MODERATOR), group_name(Role.ADMINISTRATOR)])
        )
    return collection


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_digest(snapshot: dict) -> str:
    return _sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _store(run: ReportRun, rendered) -> Report:
    """Save the PDFs (the council paper and its annex) as Wagtail documents in „Berichte“ and the report, in one
    transaction. If anything fails, the transaction is rolled back and the files already written to storage are
    deleted again."""
    Document = get_document_model()
    snapshot = run.snapshot
    meta = snapshot["meta"]
    collection = reports_collection()
    title = _("Informationsdrucksache %(number)s: %(title)s") % {"number": run.number, "title": meta["title"]}
    stored_names = []

    def save_document(title: str, filename: str, content: bytes):
        document = Document(title=title, collection=collection)
        # documents/<random>/<filename>: the stored path cannot be guessed; `document.filename` (the URL's and the
        # download's name) stays the readable one.
        document.file.save(f"{secrets.token_urlsafe(16)}/{filename}", ContentFile(content), save=False)
        stored_names.append((document.file.storage, document.file.name))
        document._set_document_file_metadata()
        document.file.close()
        document.save()
        return document

    try:
        with transaction.atomic():
            document = save_document(title, report_filename(run.number), rendered.paper.content)
            annex = rendered.annex
            annex_document = (
                save_document(
                    _("Anlage 1 zur %(title)s") % {"title": title},
                    report_filename(run.number, annex=True),
                    annex.content,
                )
                if annex is not None
                else None
            )
            report = Report.objects.create(
                run=run,
                number=run.number,
                title=meta["title"],  # a district's report names the district (`snapshot.build_snapshot`)
                period_start=run.period_start,
                period_end=run.period_end,
                audiences=run.audiences,
                issued_at=timezone.now(),
                snapshot=snapshot,
                snapshot_sha256=snapshot_digest(snapshot),
                document=document,
                pdf_sha256=_sha256(rendered.paper.content),
                page_count=rendered.paper.page_count,
                annex_document=annex_document,
                annex_sha256=_sha256(annex.content) if annex is not None else "",
                annex_page_count=annex.page_count if annex is not None else None,
            )
            ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.DONE, finished_at=timezone.now(), error="")
            log(instance=report, action="monitoring.report.issue", user=run.requested_by, data={"date": meta["date"]})
            pagecache.invalidate(pagecache.tags.REPORTS)
    except BaseException:
        for storage, name in stored_names:
            storage.delete(name)
            with contextlib.suppress(OSError):
                storage.delete(posixpath.dirname(name))  # the (now empty) random folder the file was stored in
        raise
    return report


def _fail(run_id: int, exc: BaseException, *, attempt: int | None = None) -> bool:
    """Mark the run failed with the error (only the given attempt, when one is given, and only while it runs).
    True if this call marked it."""
    message = f"{type(exc).__name__}: {exc}"[:4000]
    runs = ReportRun.objects.filter(pk=run_id)
    if attempt is not None:
        runs = runs.filter(status=ReportStatus.RUNNING, attempts=attempt)
    marked = bool(runs.update(status=ReportStatus.FAILED, error=message, finished_at=timezone.now()))
    if marked:
        logger.error("Report run %s failed", run_id, exc_info=exc)
    return marked


# The PDFs of a run between its render tasks and its issue: private files (nothing under MEDIA_URL serves them) in the
# default storage, a folder per run and attempt, deleted when the report is issued or the run fails.
RUN_PARTS = ("paper", "annex")
RUNS_FOLDER = "monitoring/runs"


def _parts_folder(run_id: int, attempt: int | None = None) -> str:
    folder = f"{RUNS_FOLDER}/{int(run_id)}"
    return folder if attempt is None else f"{folder}/{int(attempt)}"


def _delete_folder(folder: str) -> None:
    """Delete a folder of the default storage with everything in it (nothing happens if it does not exist)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(posixpath.join(folder, name))
    for name in folders:
        _delete_folder(posixpath.join(folder, name))
    with contextlib.suppress(OSError):
        default_storage.delete(folder)


def run_prepare(*, run_id: int) -> ReportRun | None:
    """The first step of generating a report: claim the run (status running, number reserved at the first attempt)
    and build its data snapshot, stored on the run before anything is rendered (a later attempt reuses it). Returns
    the run, or None when it is done or another worker is on it. A failure marks the run failed and raises
    `ReportGenerationError`."""
    from . import snapshot

    run = _claim(run_id)
    if run is None:
        return None
    try:
        _delete_folder(_parts_folder(run.pk))  # what an earlier, failed attempt may have left
        if run.snapshot is None:
            run.snapshot = snapshot.build_snapshot(run=run, issued_on=timezone.localdate(run.started_at))
            ReportRun.objects.filter(pk=run.pk).update(snapshot=run.snapshot)
    except Exception as exc:
        _fail(run.pk, exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    return run


def run_render_part(*, run_id: int, attempt: int, part: str) -> dict | None:
    """Render one PDF of a run ("paper" or "annex") from the run's stored snapshot alone and write it to the storage
    under a temporary name. Returns what `run_issue` needs ({"part", "name", "page_count"}), or None when the report
    has no such part (no annex section). Only small values go through Celery's result backend, never the PDF."""
    from . import pdf

    if part not in RUN_PARTS:
        raise ValueError(f"unknown part of a report: {part!r}")
    run = ReportRun.objects.only("snapshot").get(pk=run_id)
    rendered = pdf.render_paper(run.snapshot) if part == "paper" else pdf.render_annex(run.snapshot)
    if rendered is None:
        return None
    name = default_storage.save(
        f"{_parts_folder(run_id, attempt)}/{uuid.uuid4().hex}-{part}.pdf", ContentFile(rendered.content)
    )
    if not ReportRun.objects.filter(pk=run_id, status=ReportStatus.RUNNING, attempts=attempt).exists():
        default_storage.delete(name)  # the run failed (or was taken over) meanwhile: no one will issue this file
    return {"part": part, "name": name, "page_count": rendered.page_count}


def run_part_failed(*, run_id: int, attempt: int, exc: BaseException) -> None:
    """A render task of the run gave up: the run fails with its error, and the PDFs of this attempt are deleted."""
    _fail(run_id, exc, attempt=attempt)
    _delete_folder(_parts_folder(run_id, attempt))


def _read_part(part: dict | None):
    from .pdf import RenderedPDF

    if part is None:
        return None
    with default_storage.open(part["name"], "rb") as file:
        return RenderedPDF(content=file.read(), page_count=part["page_count"])


def run_issue(*, run_id: int, attempt: int, parts: list[dict | None]) -> Report | None:
    """The last step: store the rendered PDFs (`run_render_part`) as Wagtail documents and the report, in one
    transaction (`_store`); the run becomes done and council members are e-mailed. The temporary files are deleted
    whatever happens. A run that is done already keeps its report (returned); a run that failed meanwhile issues
    nothing (None). A failure marks the run failed and raises `ReportGenerationError`: no report or document
    remains."""
    from .pdf import RenderedReport

    by_part = {part["part"]: part for part in parts if part}
    try:
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
            if run is None or run.status != ReportStatus.RUNNING:
                return Report.objects.filter(run_id=run_id).first()
            if "paper" not in by_part:
                raise ReportGenerationError(_("Der Bericht wurde nicht erzeugt."))
            rendered = RenderedReport(paper=_read_part(by_part["paper"]), annex=_read_part(by_part.get("annex")))
            report = _store(run, rendered)
    except Exception as exc:
        _fail(run_id, exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        _delete_folder(_parts_folder(run_id, attempt))

    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    outbox_enqueue(tasks.notify_report_issued, report.pk)
    return report


def run_execute(*, run_id: int) -> Report | None:
    """Generate the report of a run in this process, the steps one after the other (the Celery task
    `tasks.generate_report` runs the same steps, the two renders as tasks of their own). Idempotent: a run that is
    done (or being generated right now) is left alone and its report, if any, returned.

    1. `run_prepare`: the run is claimed and its data snapshot built and stored.
    2. `run_render_part`: the council paper and its annex are rendered from the snapshot alone (outside any
       transaction: it takes a moment) and written to temporary files.
    3. `run_issue`: documents and report are stored in one transaction; the run becomes done.
    If any step fails, the run is marked failed with the error and no report or document remains; staff can start
    it again from the admin. Council members are e-mailed once it is done.
    """
    run = run_prepare(run_id=run_id)
    if run is None:
        return Report.objects.filter(run_id=run_id).first()
    parts = []
    try:
        for part in RUN_PARTS:
            parts.append(run_render_part(run_id=run.pk, attempt=run.attempts, part=part))
    except Exception as exc:
        run_part_failed(run_id=run.pk, attempt=run.attempts, exc=exc)
        raise ReportGenerationError(f"{type(exc).__name__}: {exc}") from exc
    return run_issue(run_id=run.pk, attempt=run.attempts, parts=parts)
