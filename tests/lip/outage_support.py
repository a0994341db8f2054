"""Helpers of the outage tests (issue 12, section 4): real dead ports, real Redis servers, the Celery app on a broker.

No mocks: a "down" Redis or broker is a port nobody listens on; a Redis that comes back is a `redis-server` started
on that very port.
"""

import json
import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis

from tests.processes import stop_process

START_SECONDS = 10


def redis_url(port: int, db: int = 0) -> str:
    return f"redis://127.0.0.1:{port}/{db}"


def redis_answers(port: int) -> bool:
    try:
        return bool(redis.Redis(port=port, socket_connect_timeout=0.2, socket_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


@contextmanager
def redis_server(port: int):
    """A throw-away Redis on `port` (no persistence) for the length of the block; yields a client of its db 0."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not redis_answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.02)
        yield redis.Redis(port=port)
    finally:
        stop_process(process)


@contextmanager
def celery_on_broker(url: str):
    """The project's Celery app sending to the broker at `url` instead of running tasks in-process."""
    from lip.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=url)
    try:
        yield app
    finally:
        app.conf.update(saved)


def queued_tasks(client: redis.Redis, queue: str = "celery") -> list[tuple[str, list]]:
    """(task name, args) of the messages waiting in a Redis broker's queue, oldest first."""
    messages = [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]  # LPUSH: newest first
    result = []
    for message in messages:
        body = message["body"]
        if message.get("properties", {}).get("body_encoding") == "base64":
            import base64

            body = base64.b64decode(body)
        args, _kwargs, _embed = json.loads(body)
        result.append((message["headers"]["task"], args))
    return result
