"""Issued reports in the Wagtail admin, with the public release."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lip.admin_buttons import object_button

from ... import permissions
from ...models import Report
from .. import selectors, services
from .base import PERIOD_COLUMN, ConfirmView


class ReportInspectView(generic.InspectView):
    template_name = "monitoring/admin/report_inspect.html"

    @cached_property
    def header_buttons(self):
        pk = self.object.pk
        buttons = [object_button(_("PDF öffnen"), "monitoring:report_pdf", pk, "doc-full")]
        if self.object.annex_document_id:
            buttons.append(object_button(_("Anlage 1 öffnen"), "monitoring:report_annex_pdf", pk, "doc-full"))
        if permissions.can_release_report(self.request.user, self.object):
            buttons.append(object_button(_("Öffentlich freigeben"), "monitoring-reports:release", pk, "globe"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            meta=self.object.snapshot.get("meta", {}),
            summary=self.object.snapshot.get("summary", {}),
        )
        return context


class ReportReleaseView(ConfirmView):
    page_title = _("Bericht öffentlich freigeben")
    confirm_label = _("Öffentlich freigeben")

    def dispatch(self, request, pk):
        self.report = get_object_or_404(Report, pk=pk)
        decision = permissions.can_release_report(request.user, self.report)
        if not decision:
            if request.user.is_authenticated and request.user.has_perm("monitoring.view_report"):
                messages.error(request, decision.reason)
                return redirect("monitoring-reports:inspect", pk)
            raise PermissionDenied
        return super().dispatch(request, pk)

    def cancel_url(self):
        return reverse("monitoring-reports:inspect", args=[self.report.pk])

    def get_page_subtitle(self):
        return str(self.report)

    def get_description(self):
        return gettext(
            "Der Bericht wird für alle sichtbar, auch ohne Anmeldung. Das lässt sich nicht rückgängig machen."
        )

    def get_warnings(self):
        return selectors.report_award_warnings(self.report)

    def post(self, request, pk):
        services.report_release(report=self.report, user=request.user)
        messages.success(
            request, gettext("Der Bericht %(number)s ist jetzt öffentlich.") % {"number": self.report.number}
        )
        return redirect("monitoring-reports:inspect", pk)


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("document", "annex_document")


class ReportViewSet(ModelViewSet):
    model = Report
    icon = "doc-full"
    menu_label = _("Berichte")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    list_display = [
        "number",
        "title",
        PERIOD_COLUMN,
        "page_count",
        "annex_page_count",
        DateColumn("issued_at", label=_("erstellt am")),
        Column(
            "released_at",
            label=_("öffentlich"),
            accessor=lambda r: r.released_at.strftime("%d.%m.%Y") if r.released_at else gettext("nein"),
        ),
    ]
    ordering = ["-issued_at"]
    form_fields = ["title"]  # the generic add and edit views are closed (ReportPolicy)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/freigeben/", ReportReleaseView.as_view(), name="release")]
