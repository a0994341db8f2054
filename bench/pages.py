"""The page benchmark (`make bench`, issue 16): our pages side by side with a bare-Django floor.

1. Creates a throwaway PostgreSQL database (127.0.0.1:5432, user postgres; dropped at the end, also after a failure),
   migrates it and seeds, at BENCH_SCALE=1.0, 10,000 proposals, 100,000 comments and 200,000 votes
   (bench/pagebench/seed.py); flushes Redis database BENCH_REDIS_DB (13) for the cache.
2. Serves ours (lip.settings.production plus one query-counting middleware, bench/pagebench/settings_ours.py) and the
   floor (bench/floor: a ListView, a DetailView and a bare vote view over the same tables) under gunicorn, 3 sync
   workers each.
3. Loads each page alternately, ours then the floor, for BENCH_ROUNDS rounds of BENCH_SECONDS each after a short
   warm-up, with a Python load client (bench/pagebench/load.py); then the vote run: 32 signed-in clients at once,
   on ours and on the floor, twice each, and the integrity check.
4. Prints a Markdown table and writes it to var/bench/pages-<date>.md.

    .venv/bin/python bench/pages.py                      # full scale, about 6 minutes on 2 cores
    BENCH_SCALE=0.05 BENCH_SECONDS=2 .venv/bin/python bench/pages.py   # a quick smoke run
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pagebench import infra  # noqa: E402
from bench.pagebench.load import Run, load, request  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1.5"))
VOTE_CLIENTS = 32
VOTE_ROUNDS = 2


def login(port: int, email: str, password: str) -> dict[str, str]:
    """Sign the demo person in once through allauth's login form; the session cookie is reused afterwards."""
    page = request(port, "/konto/login/")
    cookies = page.cookies()
    reply = request(
        port,
        "/konto/login/",
        cookies=cookies,
        form={"login": email, "password": password, "csrfmiddlewaretoken": page.csrf_token()},
    )
    cookies.update(reply.cookies())
    from django.conf import settings

    if reply.status != 302 or settings.SESSION_COOKIE_NAME not in cookies:
        raise RuntimeError(f"the demo login failed (HTTP {reply.status})")
    return cookies


def measure(ours, floor, label, ours_path, floor_path, *, clients=1, cookies=None, floor_cookies=None):
    print(f"  {label} …", flush=True)
    runs = (Run(), Run())
    sides = [(ours, ours_path, cookies, runs[0])]
    if floor_path:
        sides.append((floor, floor_path, floor_cookies, runs[1]))
    for server, path, jar, _run in sides:
        load(Run(), server.port, path, clients=clients, seconds=WARMUP, cookies=jar)
    for _round in range(ROUNDS):
        for server, path, jar, run in sides:
            load(run, server.port, path, clients=clients, seconds=SECONDS, cookies=jar)
    return label, runs[0], runs[1] if floor_path else None


def row(label: str, ours: Run, floor: Run | None, unit: str = "req/s") -> str:
    errors = f", {ours.errors} errors" if ours.errors else ""
    cells = [
        label,
        f"{ours.rate:.1f} {unit}{errors}",
        f"{ours.percentile(0.5):.0f} ms",
        f"{ours.percentile(0.95):.0f} ms",
        "–" if ours.query_count is None else str(ours.query_count),
    ]
    if floor is None:
        cells += ["–", "–"]
    else:
        cells += [
            f"{floor.rate:.1f} {unit} ({floor.query_count} q)" + (f", {floor.errors} errors" if floor.errors else ""),
            f"{ours.rate / floor.rate:.2f}" if floor.rate else "–",
        ]
    return "| " + " | ".join(cells) + " |"


def benchmark(seeded, ours, floor) -> tuple[list[str], str, bool]:
    from bench.pagebench.seed import VOTE_BUDGET, VOTES_LEFT
    from bench.pagebench.votes import VoteRun, integrity, session_cookie, vote

    signed_in = login(ours.port, seeded.demo_email, seeded.demo_password)
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(email=seeded.demo_email)
    floor_signed_in = session_cookie(demo.pk, floor=True)
    floor_detail = f"/vorschlaege/{seeded.detail_reference}/"
    anonymous = partial(measure, ours, floor)
    signed = partial(measure, ours, floor, cookies=signed_in, floor_cookies=floor_signed_in)
    search = seeded.list_url + "?q=" + quote("Sprachcafés")
    results = [
        anonymous("proposal list p1, 1 client", seeded.list_url, "/vorschlaege/"),
        anonymous("proposal list p1, 8 clients", seeded.list_url, "/vorschlaege/", clients=8),
        anonymous("search `?q=Sprachcafés`", search, None),
        anonymous("proposal detail, 10 comments", seeded.detail_url, floor_detail),
        anonymous("home, anonymous", "/", None),
        signed("proposal list p1, signed in", seeded.list_url, "/vorschlaege/"),
        signed("search `?q=Sprachcafés`, signed in (floor: its list)", search, "/vorschlaege/"),
        signed("proposal detail, signed in", seeded.detail_url, floor_detail),
    ]
    lines = [row(label, a, b) for label, a, b in results]

    print(f"  votes, {VOTE_CLIENTS} clients …", flush=True)
    voters = iter(seeded.voters)
    vote_runs = (VoteRun(), VoteRun())
    for _round in range(VOTE_ROUNDS):
        for server, run, is_floor in ((ours, vote_runs[0], False), (floor, vote_runs[1], True)):
            people = [next(voters) for _ in range(VOTE_CLIENTS)]
            clients = [(user, session_cookie(user, floor=is_floor)) for user in people]
            path = (
                (lambda ref: f"/vorschlaege/{ref}/stimme/")
                if is_floor
                else (lambda ref: f"{seeded.list_url}{ref}/stimme/")
            )
            vote(run, server.port, path, clients, seeded.vote_references, VOTES_LEFT)
    lines.append(row(f"votes through the full stack, {VOTE_CLIENTS} clients", vote_runs[0], vote_runs[1], "POST/s"))
    try:
        ok, check = integrity(list(vote_runs), seeded.vote_references, seeded.consultation_id, VOTE_BUDGET)
    except Exception as exc:  # the table must still come out
        ok, check = False, f"Integrity check could not run: {exc!r}"
    unexpected = sum(run.unexpected for run in vote_runs)
    check += f"; unexpected answers: ours {vote_runs[0].unexpected}, floor {vote_runs[1].unexpected}"
    counted = ", ".join(
        f"{name} {len(run.cast) / run.seconds:.1f} votes/s"
        for name, run in zip(("ours", "floor"), vote_runs, strict=True)
    )
    check += (
        f" ({counted}; each client, with {VOTES_LEFT} of its {VOTE_BUDGET} votes left, casts them, then one twice "
        "and one over the budget: POST/s in the table counts all of them)"
    )
    return lines, check, ok and not unexpected


def anonymous_headers(ours, seeded) -> list[str]:
    """What a shared cache would see of our anonymous pages: cookies set, Vary, Cache-Control."""
    notes = ["Anonymous responses of ours (what a shared cache would see):", ""]
    for label, path in (("home", "/"), ("list", seeded.list_url), ("detail", seeded.detail_url)):
        reply = request(ours.port, path)
        cookies = ", ".join(reply.cookies()) or "none"
        notes.append(
            f"- {label}: sets cookies: {cookies}; Vary: {reply.headers.get('Vary', '–')}; "
            f"Cache-Control: {reply.headers.get('Cache-Control', '–')}"
        )
    return notes


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # run the clean-ups: servers stopped, database dropped


def main() -> int:
    signal.signal(signal.SIGTERM, _terminate)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="lip-bench-pages-"))
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    voters = VOTE_CLIENTS * VOTE_ROUNDS * 2
    print(f"Page benchmark: scale {SCALE}, {ROUNDS} rounds of {SECONDS:g} s per page and server", flush=True)
    with infra.throwaway_database() as database_url:
        env = infra.environment(database_url, work)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pagebench.settings_ours"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from bench.pagebench.seed import VOTE_BUDGET, seed

        infra.flush_redis(settings.REDIS_URL)
        print("Seeding the throwaway database …", flush=True)
        seeded = seed(SCALE, voters)
        call_command("collectstatic", interactive=False, verbosity=0)
        infra.flush_redis(settings.REDIS_URL)
        from django.db import connections

        connections.close_all()
        env.update(BENCH_CONSULTATION_ID=str(seeded.consultation_id), BENCH_VOTE_BUDGET=str(VOTE_BUDGET))
        with ExitStack() as servers:
            ours = infra.Server("ours", "lip.wsgi:application", "bench.pagebench.settings_ours", env, work / "ours.log")
            servers.callback(ours.stop)
            floor = infra.Server(
                "floor", "bench.floor.wsgi:application", "bench.floor.settings", env, work / "floor.log"
            )
            servers.callback(floor.stop)
            servers.callback(infra.flush_redis, settings.REDIS_URL)
            ours.wait(seeded.list_url)
            floor.wait("/vorschlaege/")
            print(f"Serving ours on {ours.base}, the floor on {floor.base}; loading …", flush=True)
            lines, check, ok = benchmark(seeded, ours, floor)
            notes = anonymous_headers(ours, seeded)
    git = {"cwd": ROOT, "capture_output": True, "text": True}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], **git).stdout.strip() or "?"  # noqa: S607
    if subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], **git).stdout.strip():  # noqa: S607
        commit += " with uncommitted changes"
    minutes = (time.perf_counter() - started) / 60
    report = [
        f"# Page benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (commit {commit})",
        "",
        f"Scale {SCALE} ({seeded.counts}); gunicorn, {infra.WORKERS} sync workers each; {ROUNDS} rounds of "
        f"{SECONDS:g} s per page, ours and the floor alternately; load average now {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; whole run {minutes:.1f} min. Queries: median per request (X-Bench-Queries).",
        "",
        "| page | ours req/s | p50 | p95 | queries | floor req/s | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *lines,
        "",
        check,
        "",
        *notes,
    ]
    text = "\n".join(report) + "\n"
    print("\n" + text)
    out = ROOT / "var" / "bench" / f"pages-{datetime.now(UTC):%Y-%m-%d-%H%M}.md"
    out.write_text(text)
    print(f"Written to {out.relative_to(ROOT)}")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
