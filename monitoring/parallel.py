"""Run one function in a forked child process while this process goes on with other work.

Used to render a report's annex while the council paper is rendered (`pdf.render_report`): WeasyPrint is pure
Python and single-threaded, so on a two-core worker the two PDFs take as long as the longer one instead of the sum.

A fork (rather than a process pool) because the child then starts with everything the worker has loaded (Django,
templates, WeasyPrint and its fonts) at no cost, and because Celery's prefork workers are daemonic processes, which
`multiprocessing` does not let have children. The child only computes: it must not use the database (the function
gets everything as arguments), it hands back its result through a pipe (pickled) and leaves with `os._exit`, so no
cleanup of the parent's resources (database connections, Celery's handlers) runs in it.

Forking is only safe when the process has a single thread (a thread holding a lock at the moment of the fork would
leave that lock held forever in the child): `can_fork` checks this, and otherwise the function runs here, after the
other work, with the same result. Celery's prefork worker processes and the benchmark have one thread; `runserver`
with eager Celery tasks and the test workers have more.
"""

import contextlib
import logging
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


class ForkedCallError(RuntimeError):
    """The function failed in the child process (the message is its error; its traceback is logged), or the child
    died."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


@dataclass
class _Deferred:
    """Runs the function when its result is asked for (no fork)."""

    function: Callable
    args: tuple

    def result(self) -> Any:
        return self.function(*self.args)

    def discard(self) -> None:
        pass


@dataclass
class _Forked:
    pid: int
    read_fd: int

    def result(self) -> Any:
        with os.fdopen(self.read_fd, "rb") as pipe:
            payload = pipe.read()
        _pid, status = os.waitpid(self.pid, 0)
        if not payload:
            raise ForkedCallError(f"The child process ended without a result (wait status {status}).")
        ok, value = pickle.loads(payload)  # noqa: S301 - written by our own child process, through our own pipe
        if not ok:
            summary, child_traceback = value
            logger.error("The call in child process %s failed:\n%s", self.pid, child_traceback)
            raise ForkedCallError(summary)
        return value

    def discard(self) -> None:
        """Stop the child and reap it (when its result is no longer wanted)."""
        os.close(self.read_fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def run_forked(function: Callable, *args, fork: bool | None = None) -> _Deferred | _Forked:
    """Start `function(*args)` in a child process and return a handle whose `result()` waits for it, returns its
    value or raises `ForkedCallError` with the child's error. `fork=None` forks when `can_fork()`; False never
    forks (the function then runs when `result()` is called); True always does (for tests). Call either
    `result()` or, when the result is no longer wanted, `discard()`, exactly once, so that the child is reaped."""
    if fork is None:
        fork = can_fork()
    if not fork:
        return _Deferred(function, args)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps((True, function(*args)))
            except BaseException as exc:  # handed to the parent, which raises it
                payload = pickle.dumps((False, (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return _Forked(pid, read_fd)
