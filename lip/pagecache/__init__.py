"""Public pages for anonymous visitors from the shared cache (issue 16).

A view (or a Wagtail page's `serve`) whose page may be cached says on which data it depends:
`pagecache.depends_on(request, tags.consultation(page.pk))`, and, if it changes by itself at some moment (a phase
starts), `pagecache.expires_at(request, moment)`. Every write that changes such data calls
`pagecache.invalidate(*tags)` in its service. `tags.py` holds the scheme, `middleware.py` the serving and storing,
`invalidation.py` the bumping (and the CMS's signals), `keys.py` the cache keys and versions.

Switched by `LIP_PAGE_CACHE`; entries live `LIP_PAGE_CACHE_SECONDS` at most, shared proxies may keep a page
`LIP_PAGE_CACHE_PROXY_SECONDS` seconds (browsers ask again every time, see middleware.py).
"""

from . import tags
from .invalidation import invalidate
from .state import depends_on, expires_at, is_caching

__all__ = ["CachedPageMixin", "depends_on", "expires_at", "invalidate", "is_caching", "tags"]


class CachedPageMixin:
    """A Wagtail page whose own `serve` may be answered from the page cache (it depends on CMS content only)."""

    def serve(self, request, *args, **kwargs):
        depends_on(request)
        return super().serve(request, *args, **kwargs)
