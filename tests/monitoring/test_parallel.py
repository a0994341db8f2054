"""`monitoring.parallel.run_forked`: a function run in a forked child while the parent works on; its value or its
error comes back; a child that dies or is no longer wanted is reaped; without a fork the function runs in place."""

import os
import time

import pytest

from monitoring import parallel


def square_and_pid(number):
    return number * number, os.getpid()


def fail(message):
    raise ValueError(message)


def die():
    os._exit(3)


def sleep_long():
    time.sleep(60)


def test_the_child_computes_the_value_in_another_process():
    handle = parallel.run_forked(square_and_pid, 7, fork=True)

    value, pid = handle.result()

    assert value == 49
    assert pid != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped


def test_an_error_in_the_child_is_raised_in_the_parent(caplog):
    handle = parallel.run_forked(fail, "Schrift fehlt", fork=True)

    with pytest.raises(parallel.ForkedCallError, match="ValueError: Schrift fehlt"):
        handle.result()
    assert "Traceback" in caplog.text and "Schrift fehlt" in caplog.text


def test_a_child_that_dies_without_a_result_is_an_error():
    handle = parallel.run_forked(die, fork=True)

    with pytest.raises(parallel.ForkedCallError, match="without a result"):
        handle.result()


def test_a_discarded_child_is_stopped_and_reaped():
    handle = parallel.run_forked(sleep_long, fork=True)
    started = time.monotonic()

    handle.discard()

    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(handle.pid, os.WNOHANG)


def test_without_a_fork_the_function_runs_here_when_its_result_is_asked_for():
    handle = parallel.run_forked(square_and_pid, 3, fork=False)

    assert handle.result() == (9, os.getpid())
    with pytest.raises(ValueError, match="direkt"):
        parallel.run_forked(fail, "direkt", fork=False).result()


def test_it_forks_only_with_a_single_thread(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert not parallel.can_fork()
    assert isinstance(parallel.run_forked(square_and_pid, 1), parallel._Deferred)

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel.can_fork()
