"""The daily digest for district integration councils: new proposals of the previous day, once, if wanted."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django_celery_beat.models import PeriodicTask

from consultation import tasks
from consultation.models import ModerationMode, ProposalState
from lip.roles import Role
from tests import factories
from tests.consultation.factories import ProposalFactory

DIGEST_TASK_NAME = "Tägliche Übersicht für Integrationsbeiräte"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def yesterday(clock):
    return clock.now - timedelta(days=1)


@pytest.fixture
def new_proposal(consultation, yesterday):
    """`new_proposal(district, **fields)`: a proposal published yesterday (by default)."""

    def _make(district, **fields):
        fields.setdefault("created_at", yesterday)
        return ProposalFactory(consultation=consultation, district=district, **fields)

    return _make


def run_digests():
    """What Celery beat starts every morning; the digests go out through the outbox once its transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return tasks.send_council_digests.delay().get()


def mails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def test_a_council_member_gets_one_mail_listing_the_new_proposals_of_their_district(
    council_member, district, other_district, new_proposal, clock
):
    bench = new_proposal(district, title="Bänke am Lindener Marktplatz")
    cafe = new_proposal(district, title="Sprachcafé im Freizeitheim Linden")
    new_proposal(other_district, title="Aus Mitte")
    new_proposal(None, title="Stadtweit")
    new_proposal(district, title="Vorgestern", created_at=clock.now - timedelta(days=2))
    new_proposal(district, title="Heute", created_at=clock.now - timedelta(minutes=5))
    new_proposal(district, title="Ausgeblendet", state=ProposalState.HIDDEN)

    run_digests()

    (message,) = mails_to(council_member)
    assert mail.outbox == [message]
    assert "2 neue Vorschläge aus Linden-Limmer" in message.subject
    for proposal in (bench, cafe):
        assert proposal.title in message.body and proposal.reference in message.body
        assert proposal.get_absolute_url() in message.body
    for title in ("Aus Mitte", "Stadtweit", "Vorgestern", "Heute", "Ausgeblendet"):
        assert title not in message.body


def test_each_council_gets_its_own_district(
    council_member, other_council_member, district, other_district, new_proposal
):
    new_proposal(district, title="Aus Linden")
    new_proposal(other_district, title="Aus Mitte")

    run_digests()

    assert "Aus Mitte" in mails_to(other_council_member)[0].body
    assert "Aus Linden" not in mails_to(other_council_member)[0].body
    assert "Aus Linden" in mails_to(council_member)[0].body


def test_nothing_is_sent_when_there_is_nothing_new(council_member, district, new_proposal, clock):
    new_proposal(district, created_at=clock.now - timedelta(days=3))

    run_digests()

    assert mail.outbox == []


def test_nothing_is_sent_to_members_who_switched_the_digest_off(council_member, district, new_proposal):
    council_member.notify_digest = False
    council_member.save()
    new_proposal(district)

    run_digests()

    assert mail.outbox == []


def test_people_without_the_council_role_get_no_digest(district, new_proposal):
    former_member = factories.UserFactory(roles=[Role.PARTICIPANT], council_district=district)
    new_proposal(district)

    run_digests()

    assert mails_to(former_member) == []


def test_running_the_digest_twice_sends_it_once(council_member, district, new_proposal):
    new_proposal(district)

    run_digests()
    run_digests()

    assert len(mails_to(council_member)) == 1


def test_a_proposal_approved_yesterday_under_pre_moderation_is_new(
    council_member, district, make_consultation, clock, yesterday
):
    moderated = make_consultation(moderation_mode=ModerationMode.PRE)
    ProposalFactory(
        consultation=moderated,
        district=district,
        title="Lange geprüft",
        created_at=clock.now - timedelta(days=4),
        reviewed_at=yesterday,
    )

    run_digests()

    assert "Lange geprüft" in mails_to(council_member)[0].body


def test_the_digest_speaks_the_members_language(council_member, district, new_proposal):
    council_member.preferred_language = "en"
    council_member.save()
    new_proposal(district)

    run_digests()

    assert mails_to(council_member)[0].body.startswith("Hello,")


# --- The schedule ------------------------------------------------------------------------------------------------


def test_the_daily_schedule_exists_after_migrate(db):
    task = PeriodicTask.objects.select_related("crontab").get(name=DIGEST_TASK_NAME)

    assert task.task == "consultation.tasks.send_council_digests"
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, str(task.crontab.timezone)) == ("0", "7", "Europe/Berlin")
    from lip.celery import app

    assert task.task in app.tasks


def test_the_schedule_migration_keeps_an_edited_schedule(db):
    migration = importlib.import_module("consultation.migrations.0004_digest_schedule")
    PeriodicTask.objects.filter(name=DIGEST_TASK_NAME).update(enabled=False)

    migration.create_schedule(apps, None)

    task = PeriodicTask.objects.get(name=DIGEST_TASK_NAME)
    assert not task.enabled
    assert PeriodicTask.objects.filter(task="consultation.tasks.send_council_digests").count() == 1
