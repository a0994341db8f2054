"""Wagtail's document library and the reports' PDFs: the library's edit and delete pages and its bulk actions refuse
a report's PDF with a message naming the report, and change nothing (see `immutability` for all the guards).

Wired in `wagtail_hooks.py`: `document_url_guards` puts guarded copies of the library's edit and delete URLs in
front of Wagtail's own (same paths, so `reverse("wagtaildocs:edit", ...)` leads here); for every other document the
guard hands the request to Wagtail's view unchanged. `refuse_bulk_action` is a `before_bulk_action` hook.
"""

from functools import wraps

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin import messages
from wagtail.documents import get_document_model
from wagtail.documents.views import documents

from .. import immutability


def _refuse(request, reports):
    """The message, and back to the report (for those who may see reports) or to the library."""
    messages.error(request, immutability.refusal(reports))
    if len(reports) == 1 and request.user.has_perm("monitoring.view_report"):
        return redirect(reverse("monitoring-reports:inspect", args=[reports[0].pk]))
    return redirect(reverse("wagtaildocs:index"))


def guard_document_view(view):
    """Wagtail's view for one document, unless the document is a report's PDF: then a message and a redirect, for
    GET (the page is not even shown) and for POST (nothing is stored)."""

    @wraps(view)
    def guarded(request, *args, document_id, **kwargs):
        report = immutability.report_of_document(document_id)
        if report is not None:
            return _refuse(request, [report])
        return view(request, *args, document_id=document_id, **kwargs)

    return guarded


def document_url_guards():
    edit = guard_document_view(documents.EditView.as_view())
    delete = guard_document_view(documents.DeleteView.as_view())
    return [
        path("documents/edit/<int:document_id>/", edit, name="monitoring_document_edit"),
        path("documents/delete/<int:document_id>/", delete, name="monitoring_document_delete"),
    ]


def refuse_bulk_action(request, action_type, objects, action):
    """A bulk action (delete, move to a collection, tag) on documents that include a report's PDF is refused as a
    whole, with the message; the permission policy has already kept those PDFs out of `objects`."""
    if get_document_model() not in getattr(action, "models", ()):
        return None
    ids = request.GET.getlist("id")
    if "all" in ids:
        ids = action.get_all_objects_in_listing_query(request.GET.get("childOf"))
    reports = immutability.reports_of_documents(i for i in ids if str(i).isdigit())
    if not reports:
        return None
    messages.error(request, immutability.refusal(reports))
    return redirect(action.next_url)
