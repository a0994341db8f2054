"""Issued reports are immutable: their PDF can be neither edited, replaced, moved nor deleted, by anyone, and it is
served only while it is the file that was issued.

A report's PDF is a Wagtail document (collection „Berichte“), so Wagtail's document library would offer to change it.
The guards, from the outside in:

1. The admin (wired in `wagtail_hooks.py`): the library's edit and delete pages (`guard_document_view`) and its bulk
   actions (`refuse_bulk_action`) refuse a report's PDF with a message saying which report it belongs to; nothing
   is changed.
2. The permission policy of the document model (`ReportDocumentPermissionPolicy`): no one, superusers included, may
   change or delete a report's PDF. Every other admin path (the multi-upload's edit and delete requests, bulk
   actions, the usage page, whatever a later Wagtail adds) asks it and is refused.
3. The model (`connect_signals`): saving a report's document with another file, hash, size or collection, or deleting
   it, raises `ReportImmutableError`; an issued `Report` keeps its snapshot, checksums and document, and cannot be
   deleted (only the release and the note that recipients were told change afterwards). The document's foreign key
   (`PROTECT`) already stops deletes that cascade from a collection.
4. Serving (`verified_pdf`): the archive, the e-mail to the recipients and Wagtail's document URL hand out a PDF
   only if its SHA-256 still equals the checksum stored at issue; otherwise they refuse and log an error.

All of this holds for both PDFs of a report: the council paper and its annex (Anlage 1).

A file can still be swapped behind Django's back (in the storage, in SQL): step 4 is there for that.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from ..models import Report, ReportFile

logger = logging.getLogger(__name__)

LOCKED_ACTIONS = frozenset({"change", "delete"})
DOCUMENT_FIELDS = ("file", "file_hash", "file_size", "collection")
REPORT_MUTABLE_FIELDS = frozenset({"released_at", "released_by", "released_by_id", "notified_at"})


class ReportImmutableError(PermissionDenied):
    """An attempt to change or delete an issued report or its PDF. A PermissionDenied, so that a view that lets it
    through answers 403 instead of 500."""


class ReportIntegrityError(Exception):
    """The stored PDF of a report no longer matches the checksum taken when it was issued (or is missing)."""


def reports_of_documents(document_ids) -> list[Report]:
    """The reports whose paper or annex is one of the documents."""
    ids = list(document_ids)
    return list(
        Report.objects.filter(Q(document_id__in=ids) | Q(annex_document_id__in=ids))
        .order_by("number")
        .only("pk", "number")
    )


def report_of_document(document_id) -> Report | None:
    reports = reports_of_documents([document_id])
    return reports[0] if reports else None


def refusal(reports: list[Report]) -> str:
    """The message staff see when they try to change a report's PDF."""
    return _(
        "Das Dokument ist die PDF-Datei eines ausgegebenen Berichts (%(numbers)s). Ausgegebene Berichte sind "
        "unveränderlich: Die Datei kann nicht bearbeitet, ersetzt, verschoben oder gelöscht werden. Es wurde nichts "
        "geändert."
    ) % {"numbers": ", ".join(r.number for r in reports)}


# --- 2. The permission policy ----------------------------------------------------------------------------------------


class ReportDocumentPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy, except that a report's PDF can be neither changed nor deleted, by anyone.

    Only the checks on one document are narrowed: the library still lists the reports' PDFs (in their restricted
    collection), so that staff find them and are told why they cannot change them.
    """

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if actions & LOCKED_ACTIONS and instance.pk and report_of_document(instance.pk) is not None:
            actions -= LOCKED_ACTIONS
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


def document_permission_policy() -> ReportDocumentPermissionPolicy:
    """Built with the same arguments as `wagtail.documents.get_permission_policy`."""
    return ReportDocumentPermissionPolicy(
        get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
    )


# --- 3. The model --------------------------------------------------------------------------------------------------


def _guard_document_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    report = report_of_document(instance.pk)
    if report is None:
        return
    names = [name for name in DOCUMENT_FIELDS if update_fields is None or name in update_fields]
    stored = sender._default_manager.filter(pk=instance.pk).values(*names).first() if names else None
    if stored is None:
        return
    for name in names:
        before, after = stored[name], sender._meta.get_field(name).value_from_object(instance)
        if name in ("file_hash", "file_size") and not before:
            continue  # a hash or size not taken yet may be filled in; one that was taken stays
        if str(before or "") != str(after or ""):
            raise ReportImmutableError(refusal([report]))


def _guard_document_delete(sender, instance, **kwargs):
    report = report_of_document(instance.pk)
    if report is not None:
        raise ReportImmutableError(refusal([report]))


def _guard_report_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= REPORT_MUTABLE_FIELDS:
        return
    stored = Report.objects.filter(pk=instance.pk).first()
    if stored is None:
        return
    for field in Report._meta.concrete_fields:
        if field.name in REPORT_MUTABLE_FIELDS or field.primary_key:
            continue
        if field.value_from_object(stored) != field.value_from_object(instance):
            raise ReportImmutableError(
                _("Der Bericht %(number)s ist ausgegeben und kann nicht mehr geändert werden.")
                % {"number": stored.number}
            )


def _guard_report_delete(sender, instance, **kwargs):
    raise ReportImmutableError(
        _("Der Bericht %(number)s ist ausgegeben und kann nicht gelöscht werden.") % {"number": instance.number}
    )


def connect_signals() -> None:
    Document = get_document_model()
    pre_save.connect(_guard_document_save, sender=Document, dispatch_uid="monitoring_report_document_save")
    pre_delete.connect(_guard_document_delete, sender=Document, dispatch_uid="monitoring_report_document_delete")
    pre_save.connect(_guard_report_save, sender=Report, dispatch_uid="monitoring_report_save")
    pre_delete.connect(_guard_report_delete, sender=Report, dispatch_uid="monitoring_report_delete")


# --- 4. Serving ----------------------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified_pdf(report: Report, part: str = ReportFile.PAPER) -> bytes:
    """One of the report's PDFs (the council paper, or with `part=ReportFile.ANNEX` its annex), read once and
    checked against the checksum stored when it was issued.

    Raises `ReportIntegrityError` (and logs an error for the operators) when the file is missing or differs, or when
    the report has no such part.
    """
    file = report.file(part)
    if file is None:
        raise ReportIntegrityError(report.number)
    try:
        with file.document.file.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError) as exc:
        logger.error("Report %s: the PDF %s cannot be read: %s", report.number, file.document.file.name, exc)
        raise ReportIntegrityError(report.number) from exc
    digest = sha256(content)
    if digest != file.sha256:
        logger.error(
            "Report %s: the PDF %s does not match its checksum (stored %s, now %s); it is not served.",
            report.number,
            file.document.file.name,
            file.sha256,
            digest,
        )
        raise ReportIntegrityError(report.number)
    return content


def integrity_refusal() -> str:
    return _(
        "Die PDF-Datei dieses Berichts stimmt nicht mehr mit der Prüfsumme überein, die bei seiner Ausgabe gespeichert "
        "wurde. Sie wird deshalb nicht ausgeliefert. Der Fehler ist protokolliert; bitte wenden Sie sich an die Verwaltung."
    )
