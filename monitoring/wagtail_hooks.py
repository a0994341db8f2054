"""Admin wiring of monitoring: the workspace „Monitoring“ in the Wagtail menu, the statistics dashboard under
„Berichte“ (Wagtail's reports menu), permission policies, log actions, and the guards that keep issued reports' PDFs
unchanged in Wagtail's document library and serve them only while their checksum matches (`immutability`)."""

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from . import permissions
from .consideration.admin import ConsiderationTableViewSet
from .measures.admin import IndicatorValueViewSet, IndicatorViewSet, MeasureViewSet
from .models import Report, ReportFile, ReportRun
from .reach.admin import PopulationFigureViewSet, ReachSheetView
from .reports import immutability
from .reports.admin import documents as admin_documents
from .reports.admin.base import ReportPolicy, RunPolicy
from .reports.admin.issued import ReportViewSet
from .reports.admin.runs import RunViewSet
from .reports.admin.schedules import ScheduleViewSet
from .reports.views import report_integrity_response
from .statistics.admin import BreakdownReportView, StatisticsDashboardView

# Before any view asks for the models' policies (Wagtail would otherwise create the default ones).
register_permission_policy(ReportRun, RunPolicy(ReportRun))
register_permission_policy(Report, ReportPolicy(Report))


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_monitoring_staff(request.user)


def statistics_menu_item(order: int) -> StatisticsMenuItem:
    """The dashboard's entry, in the workspace „Monitoring“ and under „Berichte“."""
    return StatisticsMenuItem(
        _("Beteiligungsstatistik"),
        reverse("monitoring_statistics:dashboard"),
        name="monitoring-statistics",
        icon_name="table",
        order=order,
    )


class ReachSheetMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_enter_reach_sheets(request.user)


def reach_sheet_menu_item() -> ReachSheetMenuItem:
    return ReachSheetMenuItem(
        _("Bögen „Fragen zur Person“"),
        reverse("monitoring_reach:sheet"),
        name="monitoring-reach-sheets",
        icon_name="form",
        order=910,
    )


class MonitoringGroup(ModelViewSetGroup):
    menu_label = _("Monitoring")
    menu_icon = "tasks"
    menu_order = 246
    items = (
        MeasureViewSet("monitoring-measures"),
        IndicatorViewSet("monitoring-indicators"),
        IndicatorValueViewSet("monitoring-values"),
        ScheduleViewSet("monitoring-schedules"),
        RunViewSet("monitoring-runs"),
        ReportViewSet("monitoring-reports"),
        ConsiderationTableViewSet("monitoring-consideration"),
        PopulationFigureViewSet("monitoring-population"),
    )

    def get_submenu_items(self):
        return [*super().get_submenu_items(), statistics_menu_item(order=900), reach_sheet_menu_item()]


@hooks.register("register_admin_viewset")
def register_monitoring_workspace():
    return MonitoringGroup()


statistics_urls = (
    [
        path("", StatisticsDashboardView.as_view(), name="dashboard"),
        path("<slug:slug>/", BreakdownReportView.as_view(), name="breakdown"),
    ],
    "monitoring_statistics",
)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [path("monitoring-statistik/", include(statistics_urls, namespace="monitoring_statistics"))]


@hooks.register("register_admin_urls")
def register_reach_urls():
    urls = ([path("", ReachSheetView.as_view(), name="sheet")], "monitoring_reach")
    return [path("monitoring-fragen-zur-person/", include(urls, namespace="monitoring_reach"))]


@hooks.register("register_reports_menu_item")
def register_statistics_report():
    return statistics_menu_item(order=650)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("monitoring.values.import", _("Werte importiert"), _("Werte aus CSV importiert"))
    actions.register_action("monitoring.report.request", _("Bericht angefordert"), _("Bericht angefordert"))
    actions.register_action("monitoring.report.retry", _("Bericht erneut angefordert"), _("Bericht erneut angefordert"))
    actions.register_action("monitoring.report.issue", _("Bericht erstellt"), _("Bericht erstellt"))
    actions.register_action(
        "monitoring.report.submit",
        _("Berichtsentwurf zur Prüfung vorgelegt"),
        _("Berichtsentwurf zur Prüfung vorgelegt"),
    )
    actions.register_action(
        "monitoring.report.approve",
        _("Berichtsentwurf geprüft und freigegeben"),
        _("Berichtsentwurf geprüft und freigegeben"),
    )
    actions.register_action(
        "monitoring.report.return", _("Bericht zurück in den Entwurf"), _("Bericht zurück in den Entwurf")
    )
    actions.register_action(
        "monitoring.report.release", _("Bericht öffentlich freigegeben"), _("Bericht öffentlich freigegeben")
    )


# --- Issued reports' PDFs in Wagtail's document library (the policy itself is registered in `apps.ready`) -----------


@hooks.register("register_admin_urls", order=-1)  # before wagtail.documents' own URLs with the same paths
def register_document_guards():
    return admin_documents.document_url_guards()


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_report_pdfs(request, action_type, objects, action):
    return admin_documents.refuse_bulk_action(request, action_type, objects, action)


@hooks.register("before_serve_document", order=1)  # after Wagtail's check of the collection's view restriction
def serve_report_pdfs_only_unchanged(document, request):
    report = immutability.report_of_document(document.pk)
    if report is None:
        return None
    report = Report.objects.select_related("document", "annex_document").get(pk=report.pk)
    if not permissions.can_read_report(request.user, report):
        # The collection's view restriction normally stops them first; this holds even if it was lifted.
        raise Http404
    part = ReportFile.ANNEX if report.annex_document_id == document.pk else ReportFile.PAPER
    try:
        immutability.verified_pdf(report, part)
    except immutability.ReportIntegrityError:
        return report_integrity_response(request, report)
    return None


@hooks.register("register_api_viewsets")
def register_api_viewsets():
    from .api.statistics import StatisticsViewSet
    from .api.views import IndicatorValueViewSet, IndicatorViewSet, MeasureViewSet, ReportViewSet

    return [
        ("measures", MeasureViewSet, "measure"),
        ("indicators", IndicatorViewSet, "indicator"),
        ("indicator-values", IndicatorValueViewSet, "indicator-value"),
        ("reports", ReportViewSet, "report"),
        ("statistics", StatisticsViewSet, "statistics"),
    ]


@hooks.register("register_open_datasets")
def register_open_datasets():
    from .api.datasets import datasets

    return datasets()
