"""The applicant's and the jury's pages. The competition page and its results are routes of CompetitionPage."""

from django.urls import path

from .applications import views as applications
from .jury import views as jury

app_name = "ideas"

urlpatterns = [
    path("meine-antraege/", applications.my_applications, name="my_applications"),
    path("antraege/<int:pk>/", applications.application_detail, name="application_detail"),
    path("antraege/<int:pk>/bearbeiten/", applications.application_edit, name="application_edit"),
    path("antraege/<int:pk>/einreichen/", applications.application_submit, name="application_submit"),
    path("antraege/<int:pk>/zurueckziehen/", applications.application_withdraw, name="application_withdraw"),
    path("antraege/<int:pk>/fortschritt/", applications.progress_report, name="progress_report"),
    path("antraege/<int:pk>/anlagen/<int:attachment_id>/", applications.attachment_download, name="attachment"),
    path("antraege/<int:pk>/foerderbescheid/", applications.award_letter_download, name="award_letter"),
    path("jury/", jury.jury_queue, name="jury_queue"),
    path("jury/antraege/<int:pk>/", jury.jury_application, name="jury_application"),
    path("jury/antraege/<int:pk>/befangenheit/", jury.jury_conflict, name="jury_conflict"),
]
