"""A seeded world shared by the tests of one module: `seed_demo` once, rolled back at the end of the module.

The module-scoped transaction wraps the per-test transactions of pytest-django (they become savepoints), so every
test starts from the same seeded data and nothing is left behind for other modules. Works on SQLite and PostgreSQL.
"""

import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from consultation.models import ConsultationPage
from ideas.models import CompetitionPage
from lip.models import User

ACCOUNTS = {
    "anonymous": None,
    "participant": "teilnahme@lip-hannover.example",
    "representative": "vertretung@lip-hannover.example",
    "council": "beirat@lip-hannover.example",
    "jury": "jury@lip-hannover.example",
    "moderator": "moderation@lip-hannover.example",
    "superuser": "admin@lip-hannover.example",
}


@dataclass
class World:
    consultation: ConsultationPage
    competition: CompetitionPage

    def client(self, role: str = "anonymous") -> Client:
        client = Client(raise_request_exception=False)
        if email := ACCOUNTS[role]:
            client.force_login(User.objects.get(email=email))
        return client


@pytest.fixture(scope="module")
def world_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            yield World(
                consultation=ConsultationPage.objects.get(slug="lip-4-0-ihre-vorschlaege"),
                competition=CompetitionPage.objects.live().first(),
            )
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def world(world_data, db):
    """The seeded world; changes a test makes are rolled back after it."""
    cache.clear()
    return world_data
