"""The outbox (lip/outbox): tasks are stored with the write that calls for them and delivered once it commits.

Without a broker (the test settings, and `make run`) the task runs in-process at once, as `.delay` did; the drain
delivers what a dead process left behind. With a broker the messages go to it oldest first, each once.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from lip import tasks as lip_tasks
from lip.outbox.models import OutboxMessage
from lip.outbox.services import outbox_drain, outbox_enqueue
from tests.helpers import outcome_kinds, run_in_threads
from tests.ideas import conftest as ideas_fixtures
from tests.processes import free_port

from .outage_support import celery_on_broker, queued_tasks, redis_server, redis_url

# Fixtures of the idea competition (a draft application in its submission window), used here as they are there.
clock, fund, competition = ideas_fixtures.clock, ideas_fixtures.fund, ideas_fixtures.competition
make_application, draft = ideas_fixtures.make_application, ideas_fixtures.draft

CONFIRMATION = "ideas.tasks.send_submission_confirmation"
PARALLEL_MESSAGES = 250


def test_without_a_broker_the_confirmation_is_mailed_at_once_and_the_row_marked_sent(
    client_for, representative, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(representative).post(reverse("ideas:application_submit", args=[draft.pk]))

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[representative.email]]
    message = OutboxMessage.objects.get(task_name=CONFIRMATION)
    assert message.sent_at is not None
    assert (message.attempts, message.last_error) == (1, "")


def test_a_rolled_back_write_leaves_no_task_behind(draft, django_capture_on_commit_callbacks):
    from ideas import tasks

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(tasks.send_submission_confirmation, draft.pk)
        raise RuntimeError("the write fails after the task was enqueued")

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_drain_runs_what_a_dead_process_left_behind_once(client_for, representative, draft):
    # The request committed, but its process died before the task went out: no on-commit callback ran.
    client_for(representative).post(reverse("ideas:application_submit", args=[draft.pk]))
    assert OutboxMessage.objects.get(task_name=CONFIRMATION).sent_at is None
    assert mail.outbox == []

    assert lip_tasks.outbox_drain.delay().get() == 1  # the Celery task beat starts every minute
    assert outbox_drain() == 0

    assert [message.to for message in mail.outbox] == [[representative.email]]
    assert OutboxMessage.objects.get(task_name=CONFIRMATION).sent_at is not None


def test_a_task_that_fails_in_process_is_noted_and_not_run_again(db, django_capture_on_commit_callbacks):
    from ideas import tasks

    with django_capture_on_commit_callbacks(execute=True):  # an id that is no id: the task raises
        message = outbox_enqueue(tasks.send_submission_confirmation, "not-a-number")

    message.refresh_from_db()
    assert message.sent_at is not None
    assert "ValueError" in message.last_error or "TypeError" in message.last_error
    assert outbox_drain() == 0


def test_the_drain_forgets_rows_sent_more_than_two_weeks_ago(db):
    old = OutboxMessage.objects.create(
        task_name="lip.tasks.ping", args=["x"], sent_at=timezone.now() - timedelta(days=15)
    )
    recent = OutboxMessage.objects.create(task_name="lip.tasks.ping", args=["y"], sent_at=timezone.now())

    outbox_drain()

    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk


# --- With a broker ---------------------------------------------------------------------------------------------------


@pytest.fixture
def broker():
    port = free_port()
    with celery_on_broker(redis_url(port)), redis_server(port) as client:
        yield client


def test_the_drain_sends_oldest_first_and_each_once(broker, db):
    now = timezone.now()
    for minutes, payload in ((3, "first"), (1, "third"), (2, "second")):
        OutboxMessage.objects.create(
            task_name="lip.tasks.ping", args=[payload], created_at=now - timedelta(minutes=minutes)
        )

    assert outbox_drain() == 3
    assert outbox_drain() == 0

    assert queued_tasks(broker) == [
        ("lip.tasks.ping", ["first"]),
        ("lip.tasks.ping", ["second"]),
        ("lip.tasks.ping", ["third"]),
    ]
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_a_message_the_broker_cannot_take_waits_longer_and_does_not_hold_up_the_others(broker, db):
    now = timezone.now()
    unknown = OutboxMessage.objects.create(task_name="lip.tasks.no_such_task", created_at=now - timedelta(minutes=2))
    OutboxMessage.objects.create(task_name="lip.tasks.ping", args=["next"], created_at=now - timedelta(minutes=1))

    assert outbox_drain() == 1

    assert queued_tasks(broker) == [("lip.tasks.ping", ["next"])]
    unknown.refresh_from_db()
    assert unknown.sent_at is None
    assert unknown.attempts == 1
    assert "no_such_task" in unknown.last_error
    assert unknown.available_at > now + timedelta(minutes=1)
    assert outbox_drain() == 0, "it is not tried again before its time"


def test_a_write_with_the_broker_up_sends_its_task_at_once(broker, draft, django_capture_on_commit_callbacks):
    from ideas import tasks

    with django_capture_on_commit_callbacks(execute=True):
        message = outbox_enqueue(tasks.send_submission_confirmation, draft.pk)

    assert queued_tasks(broker) == [(CONFIRMATION, [draft.pk])]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert outbox_drain() == 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SKIP LOCKED)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_drains_send_each_message_once(broker):
    OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name="lip.tasks.ping", args=[f"nachricht-{n}"]) for n in range(PARALLEL_MESSAGES)
    )
    counts = run_in_threads(lambda _: outbox_drain(), range(3))

    assert outcome_kinds(counts) == {"ok": 3}, counts
    assert sum(counts) == PARALLEL_MESSAGES
    payloads = [args[0] for _name, args in queued_tasks(broker)]
    assert sorted(payloads) == sorted(f"nachricht-{n}" for n in range(PARALLEL_MESSAGES))
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_a_fresh_process_such_as_the_cron_command_finds_every_task():
    """`manage.py outbox_drain` from cron imports only part of the code: the tasks of every app must still be found."""
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from lip.outbox.services import _task\n"
        "for name in ('ideas.tasks.send_submission_confirmation', 'consultation.tasks.notify_moderators_of_report',"
        " 'monitoring.tasks.generate_report'):\n"
        "    print(_task(name).name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "lip.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "ideas.tasks.send_submission_confirmation",
        "consultation.tasks.notify_moderators_of_report",
        "monitoring.tasks.generate_report",
    ]


def test_a_task_that_cannot_be_found_is_not_marked_sent_but_waits(db):
    message = OutboxMessage.objects.create(task_name="ideas.tasks.gibt_es_nicht", args=[1], kwargs={})

    assert outbox_drain() == 0

    message.refresh_from_db()
    assert message.sent_at is None
    assert "NotRegistered" in message.last_error
    assert message.available_at > timezone.now()
