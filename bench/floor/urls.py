from django.urls import path

from . import views

urlpatterns = [
    path("vorschlaege/", views.ProposalList.as_view()),
    path("vorschlaege/<str:reference>/", views.ProposalDetail.as_view()),
    path("vorschlaege/<str:reference>/stimme/", views.VoteView.as_view()),
]
