"""Issue 12, section 4: the Celery broker is down. Writes succeed at once; their tasks wait in the outbox and reach the
broker when it is back, sent by the drain (Celery beat every minute, or `manage.py outbox_drain` from cron).

The broker is a real Redis: first a port nobody listens on, then a `redis-server` started on that very port.
"""

import time

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ideas.models import ApplicationState
from lip.outbox.models import OutboxMessage
from lip.outbox.services import outbox_drain
from monitoring.models import ReportSection, ReportStatus
from tests.ideas import conftest as ideas_fixtures
from tests.monitoring import conftest as monitoring_fixtures
from tests.processes import free_port

from .outage_support import celery_on_broker, queued_tasks, redis_server, redis_url

# Fixtures of the idea competition (a draft application in its submission window) and of monitoring (a report run), used here as they are there.
clock, fund, competition = ideas_fixtures.clock, ideas_fixtures.fund, ideas_fixtures.competition
make_application, draft = ideas_fixtures.make_application, ideas_fixtures.draft
staff, council_reader = monitoring_fixtures.staff, monitoring_fixtures.council_reader
run_request, request_draft = monitoring_fixtures.run_request, monitoring_fixtures.request_draft

# A functional bound, not a speed benchmark: before the outbox the request failed after 19 s (the result backend's
# reconnect loop) with a 500. The outbox gives up on a refused connection in well under a second.
QUICK_SECONDS = 10
CONFIRMATION = "ideas.tasks.send_submission_confirmation"


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def broker_down(port):
    with celery_on_broker(redis_url(port)) as app:
        yield app


def submit(client_for, representative, application, capture):
    with capture(execute=True):  # what happens when the request's transaction commits
        return client_for(representative).post(reverse("ideas:application_submit", args=[application.pk]))


def test_submitting_an_application_with_the_broker_down_succeeds_at_once_and_keeps_the_mail_queued(
    broker_down, client_for, representative, draft, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    response = submit(client_for, representative, draft, django_capture_on_commit_callbacks)
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert response["Location"] == reverse("ideas:application_detail", args=[draft.pk])
    assert elapsed < QUICK_SECONDS
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED
    message = OutboxMessage.objects.get(task_name=CONFIRMATION)
    assert message.args == [draft.pk]
    assert message.sent_at is None
    assert message.attempts == 1
    assert "OperationalError" in message.last_error
    assert mail.outbox == []


def test_the_drain_sends_the_queued_mail_when_the_broker_is_back(
    broker_down, port, client_for, representative, draft, django_capture_on_commit_callbacks
):
    submit(client_for, representative, draft, django_capture_on_commit_callbacks)
    assert outbox_drain() == 0, "the broker is still down: nothing can be sent"

    with redis_server(port) as broker:
        assert outbox_drain() == 1
        assert queued_tasks(broker) == [(CONFIRMATION, [draft.pk])]
        assert outbox_drain() == 0, "a message is sent once"
        assert len(queued_tasks(broker)) == 1

    message = OutboxMessage.objects.get(task_name=CONFIRMATION)
    assert message.sent_at is not None
    assert message.attempts == 3  # the send after the commit, the drain during the outage, the one after it


def test_a_worker_then_sends_the_confirmation_once(
    broker_down, port, client_for, representative, draft, django_capture_on_commit_callbacks
):
    from ideas import tasks

    submit(client_for, representative, draft, django_capture_on_commit_callbacks)
    with redis_server(port) as broker:
        outbox_drain()
        ((_name, args),) = queued_tasks(broker)

    # What the worker does with the message it takes from the queue (and with a duplicate, should one ever come).
    assert tasks.send_submission_confirmation.apply(args=args).get() is True
    assert tasks.send_submission_confirmation.apply(args=args).get() is False
    assert [message.to for message in mail.outbox] == [[representative.email]]


def test_manage_py_outbox_drain_sends_what_waits(
    broker_down, port, client_for, representative, draft, django_capture_on_commit_callbacks, capsys
):
    submit(client_for, representative, draft, django_capture_on_commit_callbacks)
    call_command("outbox_drain")
    assert capsys.readouterr().out.strip() == "0 sent, 1 waiting"

    with redis_server(port) as broker:
        call_command("outbox_drain")
        assert capsys.readouterr().out.strip() == "1 sent, 0 waiting"
        assert queued_tasks(broker) == [(CONFIRMATION, [draft.pk])]


def test_a_report_run_requested_while_the_broker_is_down_is_delivered_by_the_drain(
    broker_down, port, run_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = run_request(sections=[ReportSection.MEASURES])
    run.refresh_from_db()
    assert run.status == ReportStatus.QUEUED
    message = OutboxMessage.objects.get(task_name="monitoring.tasks.generate_report")
    assert message.sent_at is None

    with redis_server(port) as broker:
        assert outbox_drain() == 1
        assert queued_tasks(broker) == [("monitoring.tasks.generate_report", [run.pk])]
    message.refresh_from_db()
    assert message.sent_at is not None


def test_the_drain_runs_every_minute_through_celery_beat():
    from lip.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["lip-outbox-drain"]
    assert entry["task"] == "lip.tasks.outbox_drain"
    assert entry["schedule"] == 60.0
    app.loader.import_default_modules()  # what a worker does when it starts: find every app's tasks module
    assert "lip.tasks.outbox_drain" in app.tasks


def test_the_run_list_says_that_a_run_waits_for_the_task_queue(
    broker_down, client, staff, run_request, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from monitoring.models import ReportRun

    with django_capture_on_commit_callbacks(execute=True):
        waiting = run_request(sections=[ReportSection.MEASURES], title="Wartender Bericht")
    client.force_login(staff)
    listing = client.get(reverse("monitoring-runs:index")).content.decode()
    assert "wartet seit über einer Minute" not in listing  # just requested: nothing to say yet

    ReportRun.objects.filter(pk=waiting.pk).update(requested_at=timezone.now() - timedelta(minutes=2))
    listing = client.get(reverse("monitoring-runs:index")).content.decode()

    assert "wartet seit über einer Minute auf die Aufgabenwarteschlange und startet von selbst" in listing
