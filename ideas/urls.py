"""The applicant's and the jury's pages. The competition page and its results are routes of CompetitionPage."""

from django.urls import path

from . import views

app_name = "ideas"

urlpatterns = [
    path("meine-antraege/", views.my_applications, name="my_applications"),
    path("antraege/<int:pk>/", views.application_detail, name="application_detail"),
    path("antraege/<int:pk>/bearbeiten/", views.application_edit, name="application_edit"),
    path("antraege/<int:pk>/einreichen/", views.application_submit, name="application_submit"),
    path("antraege/<int:pk>/zurueckziehen/", views.application_withdraw, name="application_withdraw"),
    path("antraege/<int:pk>/fortschritt/", views.progress_report, name="progress_report"),
    path("antraege/<int:pk>/anlagen/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("antraege/<int:pk>/foerderbescheid/", views.award_letter_download, name="award_letter"),
    path("jury/", views.jury_queue, name="jury_queue"),
    path("jury/antraege/<int:pk>/", views.jury_application, name="jury_application"),
    path("jury/antraege/<int:pk>/befangenheit/", views.jury_conflict, name="jury_conflict"),
]
