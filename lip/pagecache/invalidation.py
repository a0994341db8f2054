"""Writes make cached pages stale: `invalidate(*tags)` from the services, and the CMS's own signals.

The versions are bumped once the transaction commits (`transaction.on_commit`; at once outside a transaction): a
page rendered before the commit cannot be stored as current. A cache that cannot be reached does not fail the write:
`lip.cache.ResilientRedisCache` answers from local memory then, and `LIP_PAGE_CACHE_SECONDS` caps how long another
process may still serve what it stored before.

CMS changes have no service of ours: Wagtail's signals (publish, unpublish, move, delete of any page) and the saves
of what every page shows (sites, view restrictions, site settings, topics, districts, organisations) bump `site`.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import keys, tags

logger = logging.getLogger(__name__)


def invalidate(*page_tags: str) -> None:
    """The pages depending on any of `page_tags` are stale once the current transaction commits."""
    if not page_tags or not settings.LIP_PAGE_CACHE:
        return
    pending = frozenset(page_tags)
    transaction.on_commit(lambda: _bump(pending))


def _bump(page_tags) -> None:
    try:
        keys.bump(page_tags)
    except Exception:  # the write is committed; a stale page lives at most LIP_PAGE_CACHE_SECONDS
        logger.exception("The page cache could not mark %s as changed.", ", ".join(sorted(page_tags)))


def site_changed(**kwargs) -> None:
    """Signal receiver: something every page shows may have changed."""
    invalidate(tags.SITE)


def _site_models() -> list[type]:
    """Models whose saves change what every page shows: Wagtail's sites, view restrictions and site settings (with
    their inline rows, e.g. the footer's links), and the platform's topics, districts and organisations."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import PageViewRestriction, Site

    from lip.models import District, Organisation, Topic

    settings_models = [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]
    inline_rows = [
        model
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model in settings_models
    ]
    return [Site, PageViewRestriction, District, Topic, Organisation, *settings_models, *inline_rows]


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate(tags.SITE)


def connect() -> None:
    """Wire the CMS's signals (LipConfig.ready)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(site_changed, dispatch_uid="lip-pagecache-page-published")
    page_unpublished.connect(site_changed, dispatch_uid="lip-pagecache-page-unpublished")
    post_page_move.connect(site_changed, dispatch_uid="lip-pagecache-page-moved")
    post_delete.connect(_page_deleted, dispatch_uid="lip-pagecache-page-deleted")
    for model in _site_models():
        post_save.connect(site_changed, sender=model, dispatch_uid=f"lip-pagecache-save-{model._meta.label}")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"lip-pagecache-delete-{model._meta.label}")
