"""Local processes that tests and benchmarks start (servers, workers, redis-server): a free port to start them on and
a stop that always ends them. Standard library only, so `bench/` uses it too, before Django is set up."""

import socket
import subprocess


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound once by us, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """End `process`: SIGTERM, then SIGKILL if it has not exited within `timeout` seconds (nothing if it has exited)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
