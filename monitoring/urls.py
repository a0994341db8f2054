"""Public pages of monitoring, mounted at /monitoring/ (lip/urls.py)."""

from django.urls import path

from . import views
from .models import ReportFile

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("massnahmen/", views.measure_overview, name="measure_list"),
    path("massnahmen/<slug:slug>/", views.measure_detail, name="measure_detail"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("berichte/", views.report_archive, name="report_archive"),
    path("berichte/<int:pk>/", views.report_detail, name="report_detail"),
    path("berichte/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("berichte/<int:pk>/anlage-1/", views.report_pdf, {"part": ReportFile.ANNEX}, name="report_annex_pdf"),
    path("berichte/<int:pk>/freigeben/", views.report_release, name="report_release"),
]
