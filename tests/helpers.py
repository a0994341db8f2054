"""Test helpers that every app's tests use: role fixtures for permission matrices, query budgets, a frozen clock."""

import io
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import product
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# The marks of a module whose tests run threads, each with its own connection, against PostgreSQL's row locks (SQLite
# serialises all writers on one lock, so they would prove nothing there). serialized_rollback restores what the
# migrations put in (page tree root, roles, districts, topics), which the flush after a transactional test removes.
POSTGRES_THREADS = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL's row locks; set DATABASE_URL to a PostgreSQL database",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_in_threads(target: Callable[[Any], object], arguments: Iterable, *, timeout: float = 120) -> list[object]:
    """Call `target(argument)` for every argument, each in its own thread, all released at once (for POSTGRES_THREADS
    tests). Returns what each call returned or the exception it raised, in the order of `arguments`; every thread
    closes its own database connection."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    outcomes: list[object] = [None] * len(arguments)

    def work(index, argument):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = target(argument)
        except Exception as exc:  # every outcome, expected or not, goes back to the test, which asserts it
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=pair) for pair in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def outcome_kinds(outcomes: Iterable[object]) -> Counter:
    """The outcomes of `run_in_threads` counted by kind: "ok" for a call that returned, else the exception's name."""
    return Counter(type(o).__name__ if isinstance(o, Exception) else "ok" for o in outcomes)


def matrix(*axes: Iterable, ids: Callable | None = None):
    """Parametrize a test over the product of several axes, e.g. roles × phases × actions.

    >>> @matrix(ROLES, PHASES)
    ... def test_submit(role, phase, expected): ...
    """
    cases = list(product(*axes))
    return pytest.mark.parametrize("case", cases, ids=[ids(*c) if ids else "-".join(str(p) for p in c) for c in cases])


def admin_home(client) -> str:
    """The HTML of the Wagtail admin's start page (menu and dashboard) as `client` sees it."""
    return client.get(reverse("wagtailadmin_home")).content.decode()


def assert_admin_menu_links(url_names: Iterable[str], client_for, *, shown_to, hidden_from) -> None:
    """The admin's start page links every one of `url_names` for the person `shown_to`, none for `hidden_from`."""
    shown = admin_home(client_for(shown_to))
    hidden = admin_home(client_for(hidden_from))
    for url_name in url_names:
        assert reverse(url_name) in shown
        assert reverse(url_name) not in hidden


def assert_constant_page_queries(client, url: str, build: Callable[[int], None], *, sizes=(10, 50), contains=None):
    """`assert_constant_queries` for one page: `client` gets `url` (once to warm up, then after each `build(n)`).

    Every answer must be 200 (and contain `contains`, when given). Returns the query count.
    """

    def request():
        response = client.get(url)
        assert response.status_code == 200
        if contains is not None:
            assert contains in response.content.decode()

    client.get(url)  # warm up: the site's root paths and the like are cached on the first request
    return assert_constant_queries(build, request, sizes=sizes)


def cache_control(response) -> set[str]:
    """The directives of a response's Cache-Control header."""
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_personal(response) -> None:
    """A personal response: no cache may store it, and a cache must tell signed-in visitors apart by their cookie."""
    assert {"private", "no-store"} <= cache_control(response)
    assert "Cookie" in response["Vary"]


def row_counts(*models) -> tuple[int, ...]:
    """How many rows each model's table holds, e.g. to show that a second run of a command added nothing."""
    return tuple(model.objects.count() for model in models)


def seed_demo_twice(*models) -> str:
    """Run `manage.py seed_demo` twice, assert that the second run added no row of `models`; its output."""
    call_command("seed_demo", stdout=io.StringIO())
    counts = row_counts(*models)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert row_counts(*models) == counts
    return out.getvalue()


@contextmanager
def count_queries():
    """Capture the SQL queries of a block; `.count` after the block gives how many ran."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx

    ctx.count = len(ctx.captured_queries)


def assert_constant_queries(build: Callable[[int], None], request: Callable[[], object], sizes=(10, 50)):
    """Fail when the number of queries of `request()` grows with the number of rows `build(n)` made.

    `build(n)` adds rows so that there are n in total; `request()` performs the read.
    Returns the query count, so that a test can also pin an absolute budget.
    """
    counts = []
    for n in sizes:
        build(n)
        with CaptureQueriesContext(connection) as ctx:
            request()
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, f"query count grows with rows: {dict(zip(sizes, counts, strict=True))}"
    return counts[0]


class Clock:
    """Frozen time (time-machine, no ticking) that tests can move. `now` is the current frozen moment.

    `moments` names the moments of interest, so that `travel("voting")` means `travel(moments["voting"])`.
    """

    def __init__(self, moments: Mapping[str, datetime]):
        self.moments = moments
        self._traveller = None
        self.now: datetime | None = None

    def travel(self, when: str | datetime) -> datetime:
        self.stop()
        self.now = self.moments[when] if isinstance(when, str) else when
        self._traveller = time_machine.travel(self.now, tick=False)
        self._traveller.start()
        return self.now

    def shift(self, delta: timedelta) -> datetime:
        return self.travel(self.now + delta)

    def stop(self) -> None:
        if self._traveller is not None:
            self._traveller.stop()
            self._traveller = None


def clock_fixture(moments: Mapping[str, datetime], start: str):
    """A `clock` fixture: a `Clock` over `moments`, standing at `moments[start]` until the test ends."""

    @pytest.fixture(name="clock")
    def clock():
        frozen = Clock(moments)
        frozen.travel(start)
        yield frozen
        frozen.stop()

    return clock


def page_cache_state(response) -> str:
    """What the page cache did with a response: "hit", "miss" (rendered and stored) or "" (passed by)."""
    return response.get("X-Page-Cache", "")


def assert_shareable(response) -> None:
    """A page any proxy may keep: no cookie set, not varying on cookies, public."""
    assert not response.cookies, list(response.cookies)
    assert "cookie" not in {token.strip().lower() for token in response.get("Vary", "").split(",")}
    assert "public" in cache_control(response)


def cached_page(client, url: str, **extra) -> str:
    """GET `url` anonymously twice: the first fills the page cache, the second must be served from it. Both answers
    are shareable (`assert_shareable`). Returns the page's text."""
    first = client.get(url, **extra)
    assert first.status_code == 200, (url, first.status_code)
    assert page_cache_state(first) == "miss", url
    second = client.get(url, **extra)
    assert page_cache_state(second) == "hit", url
    assert second.content == first.content
    for response in (first, second):
        assert_shareable(response)
    return second.content.decode()


def fresh_page(client, url: str, **extra) -> str:
    """GET `url` anonymously after a write: it must be rendered anew (and stored again). Returns the page's text."""
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    assert page_cache_state(response) == "miss", f"{url} was served from the cache after the write"
    return response.content.decode()
