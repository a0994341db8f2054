"""The exports page in the Wagtail admin: proposals, comments and events, of one consultation or all, as CSV and XLSX.

Wired in `wagtail_hooks.py`; the menu item joins the "Beteiligung" group through its submenu hook. Only staff
(`permissions.can_export`) reach these views.
"""

from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lip.access import RuleRequiredMixin
from lip.admin_menu import RuleMenuMixin
from lip.formfields import SafeModelChoiceField

from .. import permissions
from ..models import ConsultationPage
from ..workspace.group import CONSULTATION_MENU_HOOK
from . import spreadsheets


class ExportFilterForm(forms.Form):
    """The staff exports' query string: `?consultation=<page id>` (empty: every consultation)."""

    consultation = SafeModelChoiceField(queryset=ConsultationPage.objects.all(), required=False)


def _consultation_id(request) -> int | None:
    """The consultation the export is limited to; an unknown or malformed id is a 404."""
    form = ExportFilterForm(request.GET)
    if not form.is_valid():
        raise Http404
    consultation = form.cleaned_data["consultation"]
    return consultation.pk if consultation is not None else None


class ExportIndexView(RuleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    access_rule = permissions.can_export
    template_name = "consultation/responses/exports.html"
    page_title = _("Exporte")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def consultations(self):
        return list(ConsultationPage.objects.order_by("-first_published_at", "title").only("pk", "title"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation_id = _consultation_id(self.request)
        query = f"?{urlencode({'consultation': consultation_id})}" if consultation_id else ""
        context.update(
            consultations=self.consultations,
            selected=consultation_id,
            downloads=[
                {
                    "title": export.title,
                    "links": [
                        (label, reverse("consultation-exports:download", args=[export.name, fmt]) + query)
                        for fmt, label in (("xlsx", "XLSX"), ("csv", "CSV"))
                    ],
                }
                for export in spreadsheets.EXPORTS.values()
            ],
        )
        return context


class ExportDownloadView(RuleRequiredMixin, View):
    access_rule = permissions.can_export

    def get(self, request, name: str, fmt: str):
        export = spreadsheets.EXPORTS.get(name)
        if export is None or fmt not in export.FORMATS:
            raise Http404
        consultation_id = _consultation_id(request)
        if consultation_id is not None and not ConsultationPage.objects.filter(pk=consultation_id).exists():
            raise Http404
        return export.as_spreadsheet(export.queryset(consultation_id=consultation_id), fmt)


class ExportViewSet(RuleMenuMixin, ViewSet):
    icon = "download"
    menu_label = _("Exporte")
    menu_hook = CONSULTATION_MENU_HOOK
    menu_order = 50
    menu_rule = permissions.can_export

    def get_urlpatterns(self):
        return [
            path("", ExportIndexView.as_view(), name="index"),
            path("<slug:name>/<slug:fmt>/", ExportDownloadView.as_view(), name="download"),
        ]
