"""The middleware pair of the page cache: anonymous visitors get public pages from the shared cache.

`FetchFromPageCacheMiddleware` (after LocaleMiddleware, which decides the language) answers a GET or HEAD of an
anonymous visitor who has no session and no pending messages from the cache when an entry for the page's key (see
`keys.entry_key`) is there and the versions of all its tags are still the ones it was rendered with: one
`get_many` for the entry and the version of `site`, one more for the other tags. A hit costs no database query.

Otherwise the request goes on to the view; a view that may be cached says so with `depends_on` (state.py).
`UpdatePageCacheMiddleware` (before SessionMiddleware, so that it sees the response after the session's headers)
then stores a 200 response to a GET with no query parameter the page does not know, that sets no cookie and is not
marked private, for `LIP_PAGE_CACHE_SECONDS` or until the page's `expires_at` moment if sooner.

Cached responses (stored or served) are `Cache-Control: public, max-age=0, s-maxage=LIP_PAGE_CACHE_PROXY_SECONDS`
and vary on the language only: reading `request.user` touches the (empty) session and SessionMiddleware adds
`Vary: Cookie`, which is taken out again, as a visitor without a session cookie gets the same page whatever other
cookies they send (the language cookie aside: a proxy must key on it, README "Page cache and reverse proxy").
Browsers keep nothing (max-age=0): their cache knows only the address, so after switching the language or signing
in they would show the page as it was; asking again costs a hit here. `X-Page-Cache` says "hit" or "miss"
(rendered and stored).
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from . import keys, tags
from .state import ATTRIBUTE, PageState

# Cookies that make a page personal: a session (signed in, or data kept for an anonymous visitor) and the messages
# of django.contrib.messages' cookie storage.
MESSAGES_COOKIE = "messages"
HEADER = "X-Page-Cache"
# Headers a stored page keeps: everything the inner middleware and the view set, except these, made anew per answer.
NOT_STORED = {"cache-control", HEADER.lower(), "set-cookie"}
KNOWN_VARY = {"cookie", "accept-language"}


def _eligible(request) -> bool:
    if not settings.LIP_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_dummy", False):  # Wagtail's preview runs the middleware with a made-up request
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    return not request.user.is_authenticated


def _vary_tokens(response) -> list[str]:
    return [token for token in cc_delim_re.split(response.get("Vary", "")) if token.strip()]


def _drop_cookie_vary(response) -> None:
    kept = [token for token in _vary_tokens(response) if token.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]


def _mark_public(response, seconds_left: float, outcome: str) -> None:
    _drop_cookie_vary(response)
    shared = max(0, min(settings.LIP_PAGE_CACHE_PROXY_SECONDS, int(seconds_left)))
    patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
    response[HEADER] = outcome


def _cached_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    _mark_public(response, entry["expires"] - time.time(), "hit")
    return response


class FetchFromPageCacheMiddleware:
    """The inner half: serves a stored page, or notes the request for the view and the outer half."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = keys.entry_key(request)
        site_key = keys.version_key(tags.SITE)
        found = keys.cache().get_many([key, site_key])
        entry = found.get(key)
        if entry is not None and self._is_current(entry, found.get(site_key)):
            setattr(request, ATTRIBUTE, PageState(key=key, hit=True))
            return _cached_response(entry)
        site_version = found.get(site_key) or keys.current_versions([tags.SITE])[tags.SITE]
        # The version of `site` is read here, before Wagtail reads the page: a publish meanwhile makes it stale.
        setattr(request, ATTRIBUTE, PageState(key=key, versions={tags.SITE: site_version}))
        return self.get_response(request)

    @staticmethod
    def _is_current(entry: dict, site_version: str | None) -> bool:
        versions = entry["versions"]
        if site_version is None or versions.get(tags.SITE) != site_version or entry["expires"] <= time.time():
            return False
        others = {keys.version_key(tag): version for tag, version in versions.items() if tag != tags.SITE}
        if not others:
            return True
        current = keys.cache().get_many(list(others))
        return all(current.get(key) == version for key, version in others.items())


class UpdatePageCacheMiddleware:
    """The outer half: stores a page the view opted in with, and gives cached pages their public headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state: PageState | None = getattr(request, ATTRIBUTE, None)
        if state is None:
            return response
        if state.hit:
            _drop_cookie_vary(response)  # SessionMiddleware added it again on the way out
            return response
        if state.opted_in and self._storable(request, response, state):
            now = time.time()
            seconds = settings.LIP_PAGE_CACHE_SECONDS
            if state.expires is not None:
                seconds = min(seconds, state.expires - now)
            if seconds >= 1:
                _mark_public(response, seconds, "miss")
                entry = {
                    "status": response.status_code,
                    "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED],
                    "content": response.content,
                    "versions": state.versions,
                    "expires": now + seconds,
                }
                keys.cache().set(state.key, entry, timeout=int(seconds))
        return response

    @staticmethod
    def _storable(request, response, state: PageState) -> bool:
        """Only a complete, public 200 answer to a GET that sets no cookie: a view that kept something for this
        visitor (a message, a session value such as the random order's seed) made it personal."""
        if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_preview", False) or request.user.is_authenticated:
            return False
        if not set(request.GET) <= state.params:
            return False
        directives = {
            part.strip().split("=")[0].lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if directives & {"private", "no-store", "no-cache"} or get_max_age(response) == 0:
            return False
        return {token.strip().lower() for token in _vary_tokens(response)} <= KNOWN_VARY
