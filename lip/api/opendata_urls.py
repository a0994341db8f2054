"""Bulk downloads and the DCAT-AP.de catalogue (lip/api/opendata/)."""

from django.urls import re_path

from .opendata import views

urlpatterns = [
    re_path(r"^downloads/(?P<slug>[a-z0-9][a-z0-9_-]*)\.(?P<fmt>csv|json)$", views.download, name="opendata-download"),
    re_path(r"^dcat\.(?P<fmt>ttl|jsonld)$", views.catalogue, name="dcat"),
]
