"""Cache keys of the page cache and the versions of its tags.

A page is stored under a key made of the release (settings.LIP_RELEASE), scheme, host, path, the query string with
its parameters sorted, and the active language. Each tag has a version (a random token) under a key of its own; an entry holds the versions of its
tags at render time and is served only while they are unchanged. Bumping a tag sets a new random token: a version
never comes back, not even after a key was evicted and made anew.
"""

import hashlib
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

PREFIX = "lip-page"


def cache():
    return caches["default"]


def entry_key(request) -> str:
    """The key of the page `request` asks for, in the language it is answered in (after LocaleMiddleware)."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)  # sorted by name; repeated values keep their order
    language = translation.get_language() or ""
    parts = (settings.LIP_RELEASE, request.scheme, request.get_host(), request.path, query, language)
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{PREFIX}:page:{digest}"


def version_key(tag: str) -> str:
    return f"{PREFIX}:tag:{tag}"


def new_version() -> str:
    return secrets.token_hex(8)


def current_versions(tags) -> dict[str, str]:
    """The current version of each tag; a tag without one (new, or evicted) gets one now."""
    keys = {version_key(tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    versions = {}
    for key, tag in keys.items():
        version = found.get(key)
        if version is None:
            version = new_version()
            if not cache().add(key, version, timeout=None):  # another request was quicker: take its version
                version = cache().get(key) or version
        versions[tag] = version
    return versions


def bump(tags) -> None:
    """Give each tag a new version: every page stored with an older one is stale from now on."""
    cache().set_many({version_key(tag): new_version() for tag in tags}, timeout=None)
