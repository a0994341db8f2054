"""Helpers shared by the moderation tests (plain functions; the fixtures live in conftest.py and in the test modules)."""

from django.core import mail

from consultation.models import ContentReport
from consultation.moderation import services as moderation
from tests import factories


def reporters(n: int) -> list:
    """`n` verified participants, each able to report."""
    return [factories.UserFactory() for _ in range(n)]


def report(item, reporter, reason: str = "offensive", text: str = "") -> ContentReport:
    return moderation.report_create(reporter=reporter, item=item, reason=reason, text=text)


def mails_to(address: str, *, containing: str = "") -> list:
    return [m for m in mail.outbox if address in m.to and containing in (m.subject + m.body)]
