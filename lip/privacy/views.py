"""„Meine Daten“: the person requests an archive of their data, sees its state and downloads it (theirs alone,
signed in, until it expires; then it is deleted and the link answers 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lip.files import serve_private_file
from lip.models import DataExport, DataExportStatus

from .export import EXPORT_VALID_FOR, export_delete, export_request, is_downloadable, pending_export, recent_export


@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    if request.method == "POST":
        existing = recent_export(request.user)  # a double click lists the archive of a moment ago, no new one
        export_request(request.user)
        if existing is None:
            messages.success(
                request,
                _(
                    "Ihre Daten werden jetzt zusammengestellt. Sobald das Archiv bereit ist, schicken wir Ihnen eine E-Mail."
                ),
            )
        elif existing.status != DataExportStatus.READY:
            messages.info(request, _("Ihre Daten werden bereits zusammengestellt. Wir schicken Ihnen eine E-Mail."))
        return redirect("lip:data_export")
    now = timezone.now()
    exports = [e for e in DataExport.objects.filter(user=request.user) if e.expires_at > now]
    context = {
        "exports": exports,
        "pending": pending_export(request.user) is not None,
        "valid_days": EXPORT_VALID_FOR.days,
    }
    return render(request, "lip/privacy/data_export.html", context)


@login_required
@require_http_methods(["GET"])
def data_export_download(request, pk: int):
    """The archive, for its owner only; anyone else, an unknown, unfinished or expired export: 404."""
    export = DataExport.objects.filter(pk=pk, user=request.user).first()
    if export is None:
        raise Http404
    if export.expires_at <= timezone.now():
        export_delete(export)  # past its time: the file goes now, whether or not the daily job ran yet
        raise Http404
    if not is_downloadable(export):
        raise Http404
    stamp = timezone.localtime(export.finished_at or export.created_at).strftime("%Y-%m-%d")
    return serve_private_file(request, export.file, filename=f"meine-daten-{stamp}.zip")
