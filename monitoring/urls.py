"""Public pages of monitoring, mounted at /monitoring/ (lip/urls.py)."""

from django.urls import path

from . import views
from .consideration import views as consideration_views
from .measures import views as measure_views
from .models import ReportFile
from .reach import views as reach_views
from .reports import views as report_views
from .statistics import views as statistics_views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("massnahmen/", measure_views.measure_overview, name="measure_list"),
    path("massnahmen/<slug:slug>/", measure_views.measure_detail, name="measure_detail"),
    path("statistik/", statistics_views.statistics_page, name="statistics"),
    path("wer-macht-mit/", reach_views.reach_results, name="reach_results"),
    path("wer-macht-mit/fragebogen/", reach_views.reach_questionnaire, name="reach_questionnaire"),
    path("wer-macht-mit/danke/", reach_views.reach_thanks, name="reach_thanks"),
    path("berichte/", report_views.report_archive, name="report_archive"),
    path("berichte/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("berichte/<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("berichte/<int:pk>/anlage-1/", report_views.report_pdf, {"part": ReportFile.ANNEX}, name="report_annex_pdf"),
    path("berichte/<int:pk>/freigeben/", report_views.report_release, name="report_release"),
    path("abwaegungstabellen/<int:pk>/pdf/", consideration_views.consideration_pdf, name="consideration_pdf"),
    path("abwaegungstabellen/<int:pk>/xlsx/", consideration_views.consideration_xlsx, name="consideration_xlsx"),
]
