"""Bulk downloads and the DCAT-AP.de catalogue (filled in by the open-data downloads work)."""

urlpatterns: list = []
