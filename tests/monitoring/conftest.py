"""Shared fixtures of the monitoring tests.

Time stands still (time-machine, no ticking) at NOW, 5 April 2026 10:00 in Hannover: the quarter that has just ended is
Q1 2026 (1 January to 31 March). The consultation lives under the site's home page; a report generated here renders a
real PDF with WeasyPrint.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lip.roles import Role
from monitoring.models import Audience, ReportSection
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 4, 5, 10, 0, tzinfo=BERLIN)
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
IN_Q1 = datetime(2026, 2, 10, 12, 0, tzinfo=BERLIN)
BODIES = [Audience.INTERNATIONAL_COMMITTEE, Audience.ADMINISTRATIVE_COMMITTEE, Audience.CITY_COUNCIL]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The once-only guards of the e-mails live in the cache; row ids repeat between tests on SQLite."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def clock():
    traveller = time_machine.travel(NOW, tick=False)
    traveller.start()
    yield NOW
    traveller.stop()


@pytest.fixture
def staff(db):
    """A member of the Moderation role (city staff), without is_staff: the role alone opens the workspace."""
    return factories.UserFactory(roles=[Role.MODERATOR], display_name="Mona Moderation")


@pytest.fixture
def council_reader(db):
    """A council member (role „Ratsmitglied“): reads every report."""
    return factories.UserFactory(roles=[Role.COUNCIL_MEMBER], display_name="Rainer Rat", email="rat@example.org")


@pytest.fixture
def consultation(home_page):
    from tests.consultation.factories import ConsultationPageFactory

    return ConsultationPageFactory(title="Lokaler Integrationsplan 4.0", slug="lip-4-0", phases=[], parent=home_page)


def post_run_form(client, **fields):
    """Post the admin's form for a new report (for the city council, measures only, Q1 2026) with `fields` changed."""
    from django.urls import reverse

    data = {
        "title": "Bericht",
        "audiences": [Audience.CITY_COUNCIL],
        "sections": [ReportSection.MEASURES],
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "extra_recipients": "",
    }
    data.update(fields)
    return client.post(reverse("monitoring-runs:add"), data)


def approve(run, *, submitter, reviewer=None):
    """Submit a draft run and have a second member of staff approve it: the run is queued (and, eagerly, generated
    when the transaction's on-commit callbacks run)."""
    from monitoring.reports import review

    reviewer = reviewer or factories.UserFactory(roles=[Role.MODERATOR], display_name="Paula Prüfung")
    review.run_submit(run=run, user=submitter)
    return review.run_approve(run=run, user=reviewer)


@pytest.fixture
def reviewer(db):
    """A second member of staff (Moderation role): may review what others submitted."""
    return factories.UserFactory(roles=[Role.MODERATOR], display_name="Paula Prüfung")


@pytest.fixture
def request_draft(staff, council_reader):
    """`request_draft(**overrides)`: staff ask for a report on Q1 2026 (all chapters, three bodies, the council
    member); returns the draft, whose texts are written and reviewed before it is issued."""
    from monitoring.reports import services

    def _request(**overrides):
        data = {
            "user": staff,
            "title": "Monitoring LIP 4.0 – Quartalsbericht",
            "audiences": BODIES,
            "sections": list(ReportSection.values),
            "period_start": Q1[0],
            "period_end": Q1[1],
            "recipients": [council_reader],
        }
        data.update(overrides)
        return services.run_request(**data)

    return _request


@pytest.fixture
def run_request(request_draft):
    """`run_request(**overrides)`: a draft as `request_draft` makes it, approved by a second person, so that it is
    queued as before the review (`monitoring.reports.review`)."""

    def _request(**overrides):
        run = request_draft(**overrides)
        return approve(run, submitter=run.requested_by)

    return _request


@pytest.fixture
def issue(run_request, django_capture_on_commit_callbacks):
    """`issue(**overrides)`: request a report and let the (eager) Celery task generate it; returns the run."""

    def _issue(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            run = run_request(**overrides)
        run.refresh_from_db()
        return run

    return _issue
