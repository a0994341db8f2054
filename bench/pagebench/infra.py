"""The throwaway PostgreSQL database, the Redis database, and the two gunicorn servers of the page benchmark."""

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.processes import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "13"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))


def _admin_connection():
    import psycopg

    return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True)


@contextmanager
def throwaway_database():
    """Create `lip_bench_<pid>`, yield its URL, drop it afterwards (also after a failure or Ctrl-C)."""
    name = f"lip_bench_{os.getpid()}"
    with _admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        from django.db import connections

        connections.close_all()
        with _admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"Dropped the throwaway database {name}.", flush=True)


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def environment(database_url: str, work: Path) -> dict[str, str]:
    """What lip.settings.production needs, for the bench process and both servers."""
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "ERROR",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    return {**os.environ, **env}


class Server:
    """A gunicorn with `WORKERS` sync workers serving `wsgi` under `settings`."""

    def __init__(self, name: str, wsgi: str, settings: str, env: dict[str, str], log: Path):
        self.name, self.port = name, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        command = [gunicorn, wsgi, "--workers", str(WORKERS), "--worker-class", "sync", "--bind"]
        command += [f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "--timeout", "120", "--backlog", "256"]
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, env={**env, "DJANGO_SETTINGS_MODULE": settings}, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited (see {self.log.name})")
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:  # noqa: S310 - local server
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name}: no answer on {path} within {timeout:.0f} s (see {self.log.name})")

    def stop(self) -> None:
        stop_process(self.process, timeout=20)
        self.log.close()
