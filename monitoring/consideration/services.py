"""Issuing the Abwägungstabelle of a plan draft, as the reports are issued (`monitoring.reports.generation`).

1. `table_issue(page=, user=)`: the rows (`consultation.plan.table.consideration_rows`) and what the paper says about
   its sender (the site setting „Berichte an die Ratsgremien“) are frozen into the table's snapshot, in German; the
   table is stored "pending" and the Celery task `tasks.render_consideration_table` is queued through the outbox,
   which sends it once the transaction commits.
2. `table_render(table_id=)` (the task; idempotent): renders the PDF from the snapshot alone (outside any
   transaction), stores it privately with its checksum and page count, and the table becomes "ready". A failure
   marks the table "failed" with the error and stores nothing; staff try again from the admin (`table_retry`).

An issued table never changes: a later answer or version needs a new table (the model refuses changes to a ready
table; serving checks the PDF's checksum, `verified_pdf`).
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultation.models import PlanDraftPage, PlanVersion
from consultation.plan.selectors import KIND_AMENDMENT, KIND_COMMENT, KIND_STATEMENT
from consultation.plan.table import consideration_rows
from lip.permissions import require

from .. import permissions
from ..models import ConsiderationTable, TableState
from ..reports.generation import _sha256, snapshot_digest
from ..reports.immutability import ReportIntegrityError
from ..reports.texts import report_settings
from ..reports.values import iso

logger = logging.getLogger(__name__)
SNAPSHOT_VERSION = 1


def _counts(rows: list[dict]) -> dict:
    kinds = [row["kind"] for row in rows]
    return {
        "rows": len(rows),
        "comments": kinds.count(KIND_COMMENT),
        "amendments": kinds.count(KIND_AMENDMENT),
        "statements": kinds.count(KIND_STATEMENT),
        "analog": sum(1 for row in rows if row["analog"]),
        "answered": sum(1 for row in rows if row["answer"]),
    }


def table_snapshot(page: PlanDraftPage, version: PlanVersion | None) -> dict:
    """Everything the PDF and the XLSX show, in German, from the database as it is now."""
    with translation.override("de"):
        table = consideration_rows(page)
        config = report_settings()
        consultation = page.get_parent()
        title = _("Abwägungstabelle zum %(draft)s") % {"draft": page.title}
        return {
            "version": SNAPSHOT_VERSION,
            "meta": {
                "title": title,
                "draft": page.title,
                "consultation": consultation.title if consultation else "",
                "plan_version": version.number if version is not None else None,
                "plan_version_date": iso(timezone.localdate(version.published_at)) if version is not None else None,
                "date": iso(timezone.localdate()),
                "generated_at": iso(timezone.localtime().replace(microsecond=0)),
                "department": config.department.strip(),
                "office": config.office.strip(),
                "place": config.place.strip() or "Hannover",
                "counts": _counts(table["rows"]),
            },
            "rows": table["rows"],
        }


def table_issue(*, page: PlanDraftPage, user) -> ConsiderationTable:
    """Freeze the table of `page` as it is now and queue its PDF."""
    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    require(permissions.can_issue_consideration_table(user))
    with transaction.atomic():
        page = PlanDraftPage.objects.select_for_update().get(pk=page.pk)  # no version is recorded meanwhile
        version = PlanVersion.objects.filter(page=page).order_by("-number").first()
        snapshot = table_snapshot(page, version)
        table = ConsiderationTable.objects.create(
            page=page,
            version=version,
            title=snapshot["meta"]["title"][:300],
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            issued_by=user,
        )
        outbox_enqueue(tasks.render_consideration_table, table.pk)
    return table


def table_retry(*, table: ConsiderationTable, user) -> None:
    """Render a failed table's PDF again (from the snapshot it was issued with)."""
    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    require(permissions.can_issue_consideration_table(user))
    with transaction.atomic():
        if not ConsiderationTable.objects.filter(pk=table.pk, state=TableState.FAILED).update(
            state=TableState.PENDING, error=""
        ):
            return
        outbox_enqueue(tasks.render_consideration_table, table.pk)


def _claim(table_id: int) -> ConsiderationTable | None:
    with transaction.atomic():
        table = ConsiderationTable.objects.select_for_update().filter(pk=table_id).first()
        if table is None or table.state == TableState.READY:
            return None
        table.attempts += 1
        table.state = TableState.PENDING
        ConsiderationTable.objects.filter(pk=table.pk).update(attempts=table.attempts, state=TableState.PENDING)
    return table


def table_render(*, table_id: int) -> ConsiderationTable | None:
    """Render and store the PDF of a table (the Celery task). A ready table is left alone (returned as it is)."""
    from . import pdf

    table = _claim(table_id)
    if table is None:
        return ConsiderationTable.objects.filter(pk=table_id).first()
    try:
        rendered = pdf.render_table(table.snapshot, table_id=table.pk)
        with transaction.atomic():
            table = ConsiderationTable.objects.select_for_update().get(pk=table_id)
            if table.state == TableState.READY:
                return table
            table.pdf.save(table.filename, ContentFile(rendered.content), save=False)
            try:
                ConsiderationTable.objects.filter(pk=table.pk).update(
                    pdf=table.pdf.name,
                    pdf_sha256=_sha256(rendered.content),
                    page_count=rendered.page_count,
                    state=TableState.READY,
                    error="",
                    finished_at=timezone.now(),
                )
            except BaseException:
                table.pdf.storage.delete(table.pdf.name)
                raise
    except Exception as exc:
        ConsiderationTable.objects.filter(pk=table_id).exclude(state=TableState.READY).update(
            state=TableState.FAILED, error=f"{type(exc).__name__}: {exc}"[:4000]
        )
        logger.error("Consideration table %s failed", table_id, exc_info=exc)
        raise
    return ConsiderationTable.objects.get(pk=table_id)


def verified_pdf(table: ConsiderationTable) -> None:
    """Raise `ReportIntegrityError` unless the stored PDF is the one issued (its SHA-256 unchanged)."""
    try:
        with table.pdf.open("rb") as handle:
            digest = _sha256(handle.read())
    except (OSError, ValueError) as exc:
        raise ReportIntegrityError(str(table.pk)) from exc
    if digest != table.pdf_sha256:
        logger.error("Consideration table %s: the PDF does not match its checksum; it is not served.", table.pk)
        raise ReportIntegrityError(str(table.pk))


def attachment_snapshot(run) -> list[dict]:
    """The issued tables a report carries as further „Anlagen“, as the report's snapshot keeps them: title, number,
    version, date and the public address of the PDF (the tables are issued documents of their own)."""
    from django.urls import reverse

    if run.pk is None:  # a run being previewed before it is stored has none
        return []
    tables = run.attachments.filter(state=TableState.READY).select_related("version").order_by("issued_at", "pk")
    return [
        {
            "title": table.title,
            "number": table.pk,
            "version": table.version.number if table.version_id else None,
            "issued_at": iso(timezone.localtime(table.issued_at).date()),
            "url": reverse("monitoring:consideration_pdf", args=[table.pk]),
        }
        for table in tables
    ]
