"""Downloads of an Abwägungstabelle: the PDF (public once the table is issued and ready, as a document of the
council paper; while it is being made only staff see it) and the XLSX (staff only). Both permission-checked in
`monitoring.permissions`; the PDF is served only while its checksum is the one stored when it was issued."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lip import http
from lip.files import serve_private_file

from .. import permissions
from ..models import ConsiderationTable
from ..reports.immutability import ReportIntegrityError
from . import services
from .spreadsheet import table_xlsx_response


@require_safe
def consideration_pdf(request, pk: int):
    table = get_object_or_404(ConsiderationTable, pk=pk)
    if not permissions.can_read_consideration_pdf(request.user, table):
        raise Http404  # not ready yet: not a document anyone but staff should know of
    if not table.is_ready:
        raise Http404(_("Die PDF-Datei dieser Abwägungstabelle ist noch nicht erstellt."))
    try:
        services.verified_pdf(table)
    except ReportIntegrityError:
        context = {
            "page_title": _("Abwägungstabelle nicht verfügbar"),
            "reason": _(
                "Die PDF-Datei dieser Abwägungstabelle stimmt nicht mehr mit der Prüfsumme überein, die bei ihrer "
                "Erstellung gespeichert wurde. Sie wird deshalb nicht ausgeliefert. Der Fehler ist protokolliert; "
                "bitte wenden Sie sich an die Verwaltung."
            ),
        }
        return render(request, "monitoring/consideration_unavailable.html", context, status=409)
    return serve_private_file(request, table.pdf, filename=table.filename, as_attachment=False, public=True)


@require_safe
def consideration_xlsx(request, pk: int):
    decision = permissions.can_read_consideration_xlsx(request.user)
    if not decision:
        return http.refuse(request, decision)
    table = get_object_or_404(ConsiderationTable, pk=pk)
    return table_xlsx_response(table)
