"""Test helpers that every app's tests use: role fixtures for permission matrices, query budgets."""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def matrix(*axes: Iterable, ids: Callable | None = None):
    """Parametrize a test over the product of several axes, e.g. roles × phases × actions.

    >>> @matrix(ROLES, PHASES)
    ... def test_submit(role, phase, expected): ...
    """
    cases = list(product(*axes))
    return pytest.mark.parametrize(
        "case", cases, ids=[ids(*c) if ids else "-".join(str(p) for p in c) for c in cases]
    )


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
