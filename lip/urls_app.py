from django.urls import include, path

from . import open_data_views, views

app_name = "lip"

urlpatterns = [
    path("organisationen/", views.organisation_list, name="organisation_list"),
    path("organisationen/registrieren/", views.organisation_register, name="organisation_register"),
    path("organisationen/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisationen/<slug:slug>/beitreten/", views.membership_request, name="membership_request"),
    path("mitgliedschaften/<int:pk>/entscheiden/", views.membership_decide, name="membership_decide"),
    path("profil/", views.profile, name="profile"),
    path("offene-daten/", open_data_views.open_data, name="open_data"),
    path("profil/meine-daten/", include("lip.privacy.urls")),
    path("sprache/<str:language>/", views.set_language, name="set_language"),
    path("", include("lip.privacy.urls_account")),
]
