"""Profile the signed-in pages of the page benchmark (issue 16) in-process: cProfile over the Django test client.

Seeds a PostgreSQL database once (kept for the next runs: `BENCH_PROFILE_DB`, default `lip_bench_profile`, on
127.0.0.1:5432) with the bench data at `BENCH_SCALE` (default 0.1), then serves the signed-in proposal list, the
proposal detail and a vote (cast and withdrawn) under our production settings (bench/pagebench/settings_ours.py) and
prints the top functions by cumulative and by own time, plus the median time and queries per request.

    .venv/bin/python bench/profile_pages.py [list|detail|vote ...]     # BENCH_PROFILE_REQUESTS=200 by default
    .venv/bin/python bench/profile_pages.py --drop                     # drop the kept database
"""

import cProfile
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pagebench import infra  # noqa: E402

NAME = os.environ.get("BENCH_PROFILE_DB", "lip_bench_profile")
SCALE = float(os.environ.get("BENCH_SCALE", "0.1"))
REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "200"))
TOP = int(os.environ.get("BENCH_PROFILE_TOP", "35"))
STATE = ROOT / "var" / "bench" / f"{NAME}.json"


def _database() -> tuple[str, bool]:
    """The kept database's URL, and whether it must be seeded."""
    with infra._admin_connection() as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{NAME}"')
    url = f"postgres://{infra.PG_USER}@{infra.PG_HOST}:{infra.PG_PORT}/{NAME}"
    return url, not (exists and STATE.exists())


def _drop() -> None:
    with infra._admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
    STATE.unlink(missing_ok=True)


def _timed(client, method: str, path: str, **extra):
    started = time.perf_counter()
    response = getattr(client, method)(path, **extra)
    elapsed = time.perf_counter() - started
    if response.status_code not in (200, 302):
        raise RuntimeError(f"{method.upper()} {path}: HTTP {response.status_code}")
    return elapsed, int(response.get("X-Bench-Queries", "0"))


def _profile(label: str, call) -> None:
    for _ in range(5):
        call()  # warm-up: templates, caches, connection
    profiler = cProfile.Profile()
    times, queries = [], []
    for _ in range(REQUESTS):
        profiler.enable()
        elapsed, count = call()
        profiler.disable()
        times.append(elapsed * 1000)
        queries.append(count)
    print(f"\n=== {label}: median {statistics.median(times):.1f} ms (profiled), {statistics.median(queries)} queries")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(TOP)
    stats.sort_stats("tottime").print_stats(TOP)


def main(targets: list[str]) -> int:
    if targets == ["--drop"]:
        _drop()
        return 0
    url, fresh = _database()
    os.environ.setdefault("BENCH_REDIS_DB", "12")
    infra.environment(url, Path(tempfile.mkdtemp(prefix="lip-bench-profile-")))
    os.environ["STATIC_ROOT"] = str(ROOT / "var" / "bench" / "profile-static")  # apart from a running `make bench`
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pagebench.settings_ours"
    import django

    django.setup()
    from django.conf import settings

    infra.flush_redis(settings.REDIS_URL)
    if fresh:
        from bench.pagebench.seed import seed

        seeded = seed(SCALE, 64)
        STATE.parent.mkdir(parents=True, exist_ok=True)
        STATE.write_text(json.dumps(seeded.__dict__))
    state = json.loads(STATE.read_text())
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the kept database follows the code's migrations
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    people = get_user_model().objects
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(people.get(email=state["demo_email"]), backend=settings.AUTHENTICATION_BACKENDS[0])
    voter = Client(HTTP_HOST="127.0.0.1")
    voter.force_login(people.get(pk=state["voters"][-1]), backend=settings.AUTHENTICATION_BACKENDS[0])
    reference = state["vote_references"][-1]
    vote_url = f"{state['list_url']}{reference}/stimme/"
    withdraw_url = f"{state['list_url']}{reference}/stimme-zurueckziehen/"

    def vote():
        first = _timed(voter, "post", vote_url)
        _timed(voter, "post", withdraw_url)
        return first

    calls = {
        "list": lambda: _timed(client, "get", state["list_url"]),
        "detail": lambda: _timed(client, "get", state["detail_url"]),
        "vote": vote,
    }
    for target in targets or list(calls):
        _profile(f"{target} (signed in)", calls[target])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
