"""„Meine Daten“ in the profile; included by `lip/urls_app.py` under `profil/meine-daten/` (namespace `lip`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.data_export, name="data_export"),
    path("<int:pk>/herunterladen/", views.data_export_download, name="data_export_download"),
]
