"""A task travels through a real broker to a real worker process and its result comes back; a report is issued by
the real worker, its council paper and annex rendered by tasks of their own (a chord through the result backend).

Runs only with CELERY_BROKER_URL set (CI: `CELERY_BROKER_URL=redis://127.0.0.1:6379/15 pytest -m broker`).
The test settings force eager execution, so this test switches it off on the app for itself. The worker reads the
test's database (on SQLite a file instead of the usual in-memory test database) and its MEDIA_ROOT.
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.app.backends import by_url
from celery.backends.base import DisabledBackend
from celery.exceptions import TimeoutError as CeleryTimeoutError
from celery.result import AsyncResult, EagerResult
from kombu import Exchange, Queue

from tests.processes import stop_process

REPO_ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
DEADLINE_SECONDS = 60

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(not BROKER_URL, reason="needs a real broker: set CELERY_BROKER_URL"),
]


@pytest.fixture
def celery_app():
    """The project's Celery app, sending tasks to the broker instead of running them in-process."""
    from lip.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "result_backend")}
    app.conf.task_always_eager = False
    if not app.conf.result_backend:
        # The settings default it to the broker URL; only an empty CELERY_RESULT_BACKEND switches it off.
        app.conf.result_backend = BROKER_URL
    try:
        yield app
    finally:
        app.conf.update(saved)


def result_backend(app):
    """The app's result backend, or one built from its configuration if the app cached a disabled one."""
    backend = app.backend
    if isinstance(backend, DisabledBackend):
        backend_class, url = by_url(app.conf.result_backend, app.loader)
        backend = backend_class(app=app, url=url)
    return backend


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, so that the worker process can open it too."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("broker-db") / "test.sqlite3")


def database_url() -> str:
    """The URL of the test database, as the worker's settings read it (DATABASE_URL)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


def start_worker(celery_app, tmp_path, **env):
    """A Celery worker in its own process, consuming only a queue no one else uses."""
    queue = f"lip-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lip.settings.base",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_RESULT_BACKEND": celery_app.conf.result_backend,
        "LIP_TEST_QUEUE": queue,  # read by tests/lip/broker_worker_settings.py
        **env,
    }
    log_path = tmp_path / "worker.log"
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "lip",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "WARNING",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, queue, log_path


def stop_worker(celery_app, process, queue):
    stop_process(process, timeout=20)
    # Remove the queue and its binding from the broker (Celery created it as a direct exchange of the same name).
    with celery_app.connection_for_write() as connection:
        bound = Queue(queue, Exchange(queue), routing_key=queue)(connection.default_channel)
        bound.declare()
        bound.delete()


@pytest.fixture
def worker(celery_app, tmp_path):
    process, queue, log_path = start_worker(celery_app, tmp_path)
    try:
        yield process, queue, log_path
    finally:
        stop_worker(celery_app, process, queue)


def test_ping_makes_a_round_trip_through_the_broker_to_a_worker_process(celery_app, worker):
    from lip.tasks import ping

    process, queue, log_path = worker
    payload = f"hallo-{uuid.uuid4().hex}"

    sent = ping.apply_async(args=[payload], queue=queue)
    assert not isinstance(sent, EagerResult), "the task ran in-process instead of going through the broker"
    result = AsyncResult(sent.id, app=celery_app, backend=result_backend(celery_app))

    # Wait for the answer, but stop at once (showing the worker's output) if the worker dies.
    deadline = time.monotonic() + DEADLINE_SECONDS
    answer = None
    while answer is None:
        try:
            answer = result.get(timeout=2)
        except CeleryTimeoutError:
            if process.poll() is not None:
                pytest.fail(f"the worker exited with {process.returncode}:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no answer within {DEADLINE_SECONDS}s; worker output:\n{log_path.read_text()}")

    assert result.successful()
    assert answer["payload"] == payload
    assert answer["pid"] == process.pid, "the answer did not come from the worker process"
    assert answer["pid"] != os.getpid()
    result.forget()


@pytest.mark.django_db(transaction=True)
def test_a_report_is_issued_by_the_worker_with_paper_and_annex_rendered_by_tasks_of_their_own(celery_app, tmp_path):
    from django.conf import settings

    from monitoring import tasks
    from monitoring.models import ReportRun, ReportSection, ReportStatus
    from tests.monitoring import pdfs

    run = ReportRun.objects.create(
        title="Monitoring LIP 4.0 – Bericht über den Broker",
        audiences=["internationaler_ausschuss"],
        sections=[ReportSection.MEASURES, ReportSection.ANNEX],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )
    # The worker sends the render tasks and the chord's callback to its default queue: the test's queue.
    process, queue, log_path = start_worker(
        celery_app,
        tmp_path,
        DJANGO_SETTINGS_MODULE="tests.lip.broker_worker_settings",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    try:
        sent = tasks.generate_report.apply_async(args=[run.pk], queue=queue, ignore_result=True)
        assert not isinstance(sent, EagerResult), "the task ran in-process instead of going through the broker"
        deadline = time.monotonic() + DEADLINE_SECONDS * 3
        while ReportRun.objects.filter(pk=run.pk, status__in=[ReportStatus.DONE, ReportStatus.FAILED]).count() == 0:
            if process.poll() is not None:
                pytest.fail(f"the worker exited with {process.returncode}:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no report within {DEADLINE_SECONDS * 3}s; worker output:\n{log_path.read_text()}")
            time.sleep(0.5)
    finally:
        stop_worker(celery_app, process, queue)

    run.refresh_from_db()
    assert run.status == ReportStatus.DONE, f"{run.error}\n{log_path.read_text()}"
    report = run.report
    assert "Bericht über den Broker" in pdfs.text(pdfs.read(report))
    assert "Anlage 1" in pdfs.text(pdfs.read(report, annex=True))
    runs_folder = Path(settings.MEDIA_ROOT) / "monitoring" / "runs"
    assert not runs_folder.exists() or not [path for path in runs_folder.rglob("*") if path.is_file()]
