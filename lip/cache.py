"""A Redis cache that keeps the site working while Redis is down.

`ResilientRedisCache` is Django's own `RedisCache` with a circuit breaker in front of it. When a call fails because
Redis cannot be reached (connection refused, connect or read timeout), the call is answered by a per-process
`LocMemCache` instead, and Redis is left alone for `OPTIONS["DOWN_SECONDS"]` (default 15 s): a dead Redis costs each
process at most one short connect timeout per window, not one per call. After the window the next call tries Redis
again; once it answers, every process is back on the shared cache by itself. One warning is logged per outage and one
line when Redis is back.

While Redis is down the cache is local to each process: pages are slower (Wagtail's site lookup and the page caches
are rebuilt per process) and rate limits (allauth uses the default cache) count per process instead of site-wide.
That is the price of staying up; the data itself lives in the database.

Why not a library: django-redis's IGNORE_EXCEPTIONS answers every call with "nothing there" and stores nothing, so
rate limits would stop counting altogether and every call would still wait for the connect timeout;
django-cache-fallback has no circuit breaker (every call pays the timeout) and needs two extra cache aliases.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What "Redis cannot be reached" looks like in redis-py (BusyLoadingError, a Redis still loading its data, is a
# ConnectionError too). Other errors (a bad value, a wrong command) are bugs and are raised as usual.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
DEFAULT_DOWN_SECONDS = 15.0
# Keep a down Redis cheap: redis-py waits for the operating system's connect timeout (minutes) unless told otherwise.
DEFAULT_SOCKET_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}

# Breaker state per Redis location, shared by every thread of the process (Django makes one cache object per thread).
_lock = threading.Lock()
_down_until: dict[str, float] = {}
_in_outage: set[str] = set()


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that falls back to local memory, for a short while, when Redis cannot be reached."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.down_seconds = float(options.pop("DOWN_SECONDS", DEFAULT_DOWN_SECONDS))
        params["OPTIONS"] = {**DEFAULT_SOCKET_OPTIONS, **options}
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        fallback_params = {key: value for key, value in params.items() if key not in ("OPTIONS", "LOCATION")}
        # LocMemCache keeps its data per name in module globals: every thread of the process shares this fallback.
        self._fallback = LocMemCache(f"lip-redis-fallback:{self._location}", fallback_params)

    # --- breaker ---------------------------------------------------------------------------------------------------

    @property
    def redis_is_down(self) -> bool:
        """True while calls go to local memory without trying Redis (until the window after the last failure ends)."""
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def _trip(self, exc: Exception) -> None:
        with _lock:
            _down_until[self._location] = time.monotonic() + self.down_seconds
            first = self._location not in _in_outage
            _in_outage.add(self._location)
        if first:
            logger.warning(
                "Redis cache %s cannot be reached (%s: %s); using local memory per process, retrying every %.0f s.",
                _safe_location(self._location),
                type(exc).__name__,
                exc,
                self.down_seconds,
            )

    def _recovered(self) -> None:
        with _lock:
            was_down = self._location in _in_outage
            _in_outage.discard(self._location)
            _down_until.pop(self._location, None)
        if was_down:
            logger.warning("Redis cache %s answers again; back on the shared cache.", _safe_location(self._location))

    def _call(self, name: str, *args, **kwargs):
        if self.redis_is_down:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as exc:
            self._trip(exc)
            return getattr(self._fallback, name)(*args, **kwargs)
        if self._location in _in_outage:
            self._recovered()
        return result

    # --- the cache API (everything else in BaseCache is built on these) --------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        return self._call("clear")


def _safe_location(location: str) -> str:
    """The location without a password, for the log."""
    scheme, sep, rest = location.partition("://")
    if sep and "@" in rest:
        rest = rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
