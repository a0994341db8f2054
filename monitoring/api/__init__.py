"""Monitoring's part of the open-data API (issue 21): measures, indicators and their values, released reports and the
participation statistics. Wired in `monitoring.wagtail_hooks` (hooks ``register_api_viewsets`` and
``register_open_datasets``)."""
