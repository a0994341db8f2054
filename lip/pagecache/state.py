"""What a view tells the page cache while it renders: that its page may be cached, on which tags it depends, and
until when at most (`depends_on`, `expires_at`). Outside a cacheable request (signed in, a POST, the cache switched
off) both do nothing and cost nothing."""

from dataclasses import dataclass, field
from datetime import datetime

from . import keys, tags

ATTRIBUTE = "_lip_page_cache"


@dataclass
class PageState:
    """The page cache's notes on one anonymous GET or HEAD request (set by FetchFromPageCacheMiddleware)."""

    key: str
    versions: dict[str, str] = field(default_factory=dict)  # tag -> version read before the view read its data
    params: set[str] = field(default_factory=set)  # the query parameters the page knows
    opted_in: bool = False
    expires: float | None = None  # a moment (timestamp) the page changes by itself, if sooner than the TTL
    hit: bool = False


def state_of(request) -> PageState | None:
    """The notes of a request whose page is being rendered for the cache; None otherwise."""
    state = getattr(request, ATTRIBUTE, None)
    return state if state is not None and not state.hit else None


def is_caching(request) -> bool:
    """Whether this page is being rendered for the cache (then a view may compute its `expires_at` moment)."""
    return state_of(request) is not None


def depends_on(request, *page_tags: str, params=()) -> None:
    """This page may be cached for anonymous visitors, and shows data the writes of `page_tags` change (besides
    the tag `site`, which every page depends on). Call it before reading that data: the versions are read now, so
    a write that commits while the page renders makes the stored page stale at once.

    `params`: the query parameters the page reads (its filters, `page`). A request with any other is answered but
    not stored, so that made-up query strings cannot fill the cache."""
    state = state_of(request)
    if state is None:
        return
    state.opted_in = True
    state.params.update(params)
    missing = [tag for tag in (tags.SITE, *page_tags) if tag not in state.versions]
    if missing:
        state.versions.update(keys.current_versions(missing))


def expires_at(request, moment: datetime | None) -> None:
    """This page changes by itself at `moment` (a phase starts, a deadline passes): it is not cached beyond it."""
    state = state_of(request)
    if state is None or moment is None:
        return
    timestamp = moment.timestamp()
    state.expires = timestamp if state.expires is None else min(state.expires, timestamp)
