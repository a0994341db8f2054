"""The idea competition's part of the open-data API (issue 21): funded projects and public competitions.

Wired in `ideas.wagtail_hooks` (hooks ``register_api_viewsets`` and ``register_open_datasets``)."""
