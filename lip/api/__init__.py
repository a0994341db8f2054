"""The open-data API (issue 21): read-only, anonymous, documented by its own OpenAPI schema.

The apps contribute their endpoints and datasets through two Wagtail hooks, so that `lip` (the base every app builds
on) imports no app:

- ``register_api_viewsets`` returns a list of ``(prefix, viewset, basename)``; `lip.api.urls` registers them on one
  router under ``/api/v1/``.
- ``register_open_datasets`` returns a list of `lip.api.datasets.Dataset`: what the bulk downloads and the DCAT-AP.de
  catalogue describe.

Each app keeps its serializers, filters and viewsets in its own ``api/`` package; the viewsets derive from
`lip.api.views.PublicReadOnlyViewSet`.
"""
