"""Public pages of the reports to the council bodies: the archive, one page per report, its PDFs.

Reading is open to everyone, except reports that are not released yet: those only council members and staff may open
(`permissions.can_read_report`); anonymous visitors are sent to log in, everyone else gets 403 with the reason.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lip import http, pagecache
from lip.files import serve_private_file

from .. import permissions
from ..models import Report, ReportFile
from . import immutability, selectors, services

PAGE_SIZE = 20


@require_safe
def report_archive(request):
    pagecache.depends_on(request, pagecache.tags.REPORTS, params=("page",))
    reports = selectors.report_archive(request.user)
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_title": _("Berichte an die Ratsgremien"),
        "page_obj": page_obj,
        "reports": page_obj.object_list,
        "reads_unreleased": permissions.can_read_unreleased_reports(request.user),
    }
    return render(request, "monitoring/report_archive.html", context)


def _get_report(pk: int) -> Report:
    report = selectors.report_detail(pk)
    if report is None:
        raise Http404
    return report


@require_safe
def report_detail(request, pk: int):
    pagecache.depends_on(request, pagecache.tags.REPORTS)
    report = _get_report(pk)
    decision = permissions.can_read_report(request.user, report)
    if not decision:
        if request.user.is_authenticated:
            raise Http404  # an unreleased report's page does not confirm to others that it exists (issue 12, §3)
        return http.refuse(request, decision)
    meta = report.snapshot.get("meta", {})
    context = {
        "page_title": f"{meta.get('kind', _('Informationsdrucksache'))} {report.number}",
        "report": report,
        "meta": meta,
        "summary": report.snapshot.get("summary", {}),
        "attachments": report.snapshot.get("attachments") or [],
        "release_decision": permissions.can_release_report(request.user, report),
    }
    return render(request, "monitoring/report_detail.html", context)


@require_safe
def report_integrity_response(request, report: Report):
    """The PDF of `report` is not the one issued (`immutability.verified_pdf` logged it): say so, serve nothing."""
    context = {"page_title": _("Bericht nicht verfügbar"), "report": report, "reason": immutability.integrity_refusal()}
    return render(request, "monitoring/report_unavailable.html", context, status=409)


def report_pdf(request, pk: int, part: str = ReportFile.PAPER):
    """One of the report's PDFs: the council paper, or its annex (Anlage 1). An unreleased report's file sends
    anonymous visitors to log in and answers 404 to everyone else who may not read it (the report page says why)."""
    report = _get_report(pk)
    decision = permissions.can_read_report(request.user, report)
    if not decision:
        if decision.needs_login:
            return http.refuse(request, decision)
        raise Http404
    file = report.file(part)
    if file is None:
        raise Http404(_("Dieser Bericht hat keine Anlage."))
    try:
        immutability.verified_pdf(report, part)
    except immutability.ReportIntegrityError:
        return report_integrity_response(request, report)
    return serve_private_file(
        request, file.document.file, filename=file.filename, as_attachment=False, public=report.is_released
    )


@require_POST
def report_release(request, pk: int):
    report = _get_report(pk)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(http.login_url(reverse("monitoring:report_detail", args=[pk])))
    try:
        services.report_release(report=report, user=request.user)
    except PermissionDenied as exc:
        return http.forbidden(request, str(exc))
    messages.success(request, _("Der Bericht %(number)s ist jetzt öffentlich.") % {"number": report.number})
    return HttpResponseRedirect(reverse("monitoring:report_detail", args=[pk]))
