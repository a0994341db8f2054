"""Included from lip/urls_app.py (namespace "lip")."""

from django.urls import path

from . import account

urlpatterns = [
    path("profil/konto-loeschen/", account.account_delete, name="account_delete"),
]
