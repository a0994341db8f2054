"""Issue 15, item 3: nothing kept longer than needed (lip.privacy.retention, the daily beat job, shortened IPs)."""

import logging
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from lip.models import DataExport, User
from lip.privacy.ip_logging import TruncateIPAddresses, truncate_ip_addresses
from lip.privacy.retention import run_retention
from lip.roles import Role
from lip.tasks import privacy_retention
from tests import factories
from tests.consultation.factories import VoteFactory

pytestmark = pytest.mark.django_db


def signup(*, days_ago: int, verified: bool = False, **kwargs) -> User:
    """A registration through allauth: an address row, confirmed or not."""
    user = factories.UserFactory(verified=False, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days_ago))
    return user


def remaining(*users) -> set[int]:
    return set(User.objects.filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True))


def test_unconfirmed_registrations_older_than_the_setting_are_removed(settings):
    settings.LIP_UNVERIFIED_SIGNUP_DAYS = 14
    stale = signup(days_ago=15)
    fresh = signup(days_ago=13)

    removed = run_retention()

    assert removed["unverified_signups"] == 1
    assert remaining(stale, fresh) == {fresh.pk}
    assert not EmailAddress.objects.filter(user_id=stale.pk).exists()


def test_the_number_of_days_is_configurable(settings):
    settings.LIP_UNVERIFIED_SIGNUP_DAYS = 3
    person = signup(days_ago=4)

    run_retention()

    assert not remaining(person)


def test_confirmed_staff_created_and_privileged_accounts_stay(home_page):
    confirmed = signup(days_ago=30, verified=True)
    created_by_staff = factories.UserFactory(verified=False)  # no allauth address at all
    User.objects.filter(pk=created_by_staff.pk).update(date_joined=timezone.now() - timedelta(days=30))
    staff = signup(days_ago=30, is_staff=True)
    juror = signup(days_ago=30, roles=[Role.PARTICIPANT, Role.JURY])
    voter = signup(days_ago=30)
    VoteFactory(user=voter)

    assert run_retention()["unverified_signups"] == 0
    assert remaining(confirmed, created_by_staff, staff, juror, voter) == {
        confirmed.pk,
        created_by_staff.pk,
        staff.pk,
        juror.pk,
        voter.pk,
    }


def test_expired_data_exports_are_removed_and_counted(user):
    now = timezone.now()
    expired = DataExport.objects.create(user=user, expires_at=now - timedelta(minutes=1))
    valid = DataExport.objects.create(user=user, expires_at=now + timedelta(days=1))

    assert run_retention()["expired_exports"] == 1
    assert list(DataExport.objects.values_list("pk", flat=True)) == [valid.pk]
    assert not DataExport.objects.filter(pk=expired.pk).exists()


def test_the_job_logs_what_it_removed(caplog):
    signup(days_ago=30)

    with caplog.at_level(logging.INFO, logger="lip.privacy.retention"):
        privacy_retention.delay()

    assert "removed 1 unverified registration(s) and 0 expired data export(s)" in caplog.text


def test_the_job_runs_daily_in_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["lip-privacy-retention"]

    assert entry["task"] == "lip.tasks.privacy_retention"
    assert entry["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        ("Forbidden from 192.168.17.201 at 12:30:05", "Forbidden from 192.168.17.0/24 at 12:30:05"),
        ("client 2001:db8:abcd:12:1:2:3:4 sent", "client 2001:db8:abcd::/48 sent"),
        ("chain 10.1.2.3, 203.0.113.9", "chain 10.1.2.0/24, 203.0.113.0/24"),
        ("version 1.2.3 on 2026-12-04 04:41:36", "version 1.2.3 on 2026-12-04 04:41:36"),
    ],
)
def test_logged_ip_addresses_are_shortened(logged, expected):
    assert truncate_ip_addresses(logged) == expected


def test_the_console_handler_shortens_addresses_in_arguments():
    record = logging.LogRecord("django.security", logging.WARNING, __file__, 1, "Blocked %s", ("198.51.100.77",), None)

    assert TruncateIPAddresses().filter(record)

    assert record.getMessage() == "Blocked 198.51.100.0/24"
    assert "truncate_ip" in settings.LOGGING["handlers"]["console"]["filters"]
