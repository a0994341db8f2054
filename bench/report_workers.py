"""The report benchmark through real Celery workers (`make bench-report-workers`). Not a test: it prints figures.

`bench/report.py` runs the report's tasks eagerly in one process, so the council paper and its annex are rendered one
after the other. In production they are two Celery tasks of a chord and run at the same time on whatever workers
there are. This script seeds the same data set (`report.seed`), starts a real Celery worker (prefork, two processes)
on Redis (`BENCH_REDIS_URL`, default redis://127.0.0.1:6379/14, flushed before and after), queues
`monitoring.tasks.generate_report` for one report after another and times each from queueing to the stored report
(both PDFs). The first report is the worker's first (cold); the rest run warm.

    .venv/bin/python bench/report_workers.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.processes import stop_process  # noqa: E402

REPORTS = 5
TIMEOUT = 180  # seconds to wait for one report


def setup(folder: Path, broker: str) -> dict:
    env = {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CELERY_BROKER_URL": broker,
        "DJANGO_SETTINGS_MODULE": "lip.settings.base",
        "LOG_LEVEL": "ERROR",
        "DEBUG": "false",
    }
    os.environ.update(env)
    import django

    django.setup()
    return env


def start_worker(env: dict) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "celery"), "-A", "lip", "worker", "--concurrency", "2"]
    command += ["--pool", "prefork", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"]
    worker = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)  # noqa: S603
    from lip.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return worker
        if worker.poll() is not None:
            raise SystemExit("The Celery worker did not start.")
    worker.terminate()
    raise SystemExit("The Celery worker did not answer within 60 s.")


def time_report(run_id: int) -> float:
    from monitoring import tasks
    from monitoring.models import Report, ReportRun, ReportStatus

    start = time.perf_counter()
    tasks.generate_report.delay(run_id)
    while time.perf_counter() - start < TIMEOUT:
        if Report.objects.filter(run_id=run_id).exists():
            return time.perf_counter() - start
        if ReportRun.objects.filter(pk=run_id, status=ReportStatus.FAILED).exists():
            raise SystemExit(f"Report run {run_id} failed in the worker.")
        time.sleep(0.02)
    raise SystemExit(f"Report run {run_id} was not issued within {TIMEOUT} s.")


def main() -> None:
    import redis

    broker = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    redis.Redis.from_url(broker).flushdb()
    folder = Path(tempfile.mkdtemp(prefix="lip-bench-workers-"))
    env = setup(folder, broker)
    import report  # bench/report.py: the same data set

    seeded = report.seed()
    worker = start_worker(env)
    try:
        times = [time_report(run_id) for run_id in seeded["runs"][:REPORTS]]
    finally:
        stop_process(worker, timeout=30)
        redis.Redis.from_url(broker).flushdb()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    warm = sorted(times[1:])
    print()
    print(f"Report for {seeded['period']} through a Celery worker with two processes (paper and annex in parallel):")
    print(f"  first report of the worker: {times[0]:.2f} s from queueing to the stored report")
    print(
        f"  next reports (median of {len(warm)}): {warm[len(warm) // 2]:.2f} s  (all: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(f"  load average (1 min) now: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
