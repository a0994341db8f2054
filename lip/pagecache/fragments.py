"""Parts of a page from the shared cache, for signed-in people too (issue 16).

The page cache (middleware.py) serves whole pages to anonymous visitors only. Parts of a page that are the same for
everyone (a proposal card without its vote offer, the filter form of a list) are kept here under keys that carry the
current versions of the tags they depend on, so the writes that bump those tags make them stale as they do pages.
One round trip reads all parts of a page, one stores those that were missing. Switched with the page cache
(`LIP_PAGE_CACHE`), so that tests which write rows behind the services' back see them.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from .keys import cache, current_versions

PREFIX = "lip-part"
VERSIONS_ATTRIBUTE = "_lip_part_versions"


def enabled() -> bool:
    return bool(settings.LIP_PAGE_CACHE)


def stamp(tags, *parts: str, request=None) -> str:
    """What a part's key must carry: the tags' current versions, the active language and `parts` (one round trip;
    none for tags whose versions this `request` read already, so that the parts of one page share one read)."""
    versions = _versions(tags, request)
    words = [settings.LIP_RELEASE, *(versions[tag] for tag in tags), translation.get_language() or "", *parts]
    return hashlib.sha256("\n".join(words).encode()).hexdigest()[:24]


def _versions(tags, request) -> dict[str, str]:
    """The tags' current versions, remembered on `request` (a page's parts carry the versions read for its first)."""
    if request is None:
        return current_versions(list(tags))
    known = request.__dict__.setdefault(VERSIONS_ATTRIBUTE, {})
    missing = [tag for tag in tags if tag not in known]
    if missing:
        known.update(current_versions(missing))
    return known


def get_or_render(kind: str, stamp_: str, renderers: dict[str, Callable[[], str]]) -> dict[str, SafeString]:
    """The HTML of each part `name` (rendered by `renderers[name]` when missing), as safe strings."""
    keys = {f"{PREFIX}:{kind}:{name}:{stamp_}": name for name in renderers}
    found = cache().get_many(list(keys))
    missing = {}
    parts = {}
    for key, name in keys.items():
        html = found.get(key)
        if html is None:
            html = missing[key] = renderers[name]()
        parts[name] = mark_safe(html)  # noqa: S308 - rendered by our own templates, with autoescaping
    if missing:
        cache().set_many(missing, timeout=settings.LIP_PAGE_CACHE_SECONDS)
    return parts
