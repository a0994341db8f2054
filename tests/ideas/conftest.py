"""Shared fixtures of the idea-competition tests.

Time stands still (time-machine, no ticking) at NOW, in the middle of the competition's submission window:
2 April 2026 09:00 to 31 May 2026 18:00 (Europe/Berlin), results published from 1 July 2026 12:00. `clock.travel()`
moves it: `clock.travel("before")`, `"open"`, `"after"` (the deadline passed), `"results"` (after publication).
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lip.roles import Role
from tests import factories
from tests.helpers import clock_fixture

from . import factories as idea_factories

BERLIN = ZoneInfo("Europe/Berlin")
SUBMISSION_START = datetime(2026, 4, 2, 9, 0, tzinfo=BERLIN)
SUBMISSION_END = datetime(2026, 5, 31, 18, 0, tzinfo=BERLIN)
RESULTS_AT = datetime(2026, 7, 1, 12, 0, tzinfo=BERLIN)
MOMENTS = {
    "before": SUBMISSION_START - timedelta(days=3),
    "open": datetime(2026, 4, 20, 10, 30, tzinfo=BERLIN),
    "after": SUBMISSION_END + timedelta(minutes=1),
    "results": RESULTS_AT + timedelta(hours=1),
}
NOW = MOMENTS["open"]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


clock = clock_fixture(MOMENTS, "open")


@pytest.fixture
def fund(db):
    return idea_factories.FundFactory(
        name="Gesellschaftsfonds Zusammenleben 2026", year=2026, budget=Decimal("50000.00")
    )


@pytest.fixture
def competition(home_page, fund, clock):
    return idea_factories.CompetitionPageFactory(
        title="Ideenwettbewerb Zusammenleben 2026",
        slug="ideenwettbewerb-test",
        fund=fund,
        submission_start=SUBMISSION_START,
        submission_end=SUBMISSION_END,
        results_published_at=RESULTS_AT,
        max_grant=Decimal("5000.00"),
    )


@pytest.fixture
def juror(db, competition):
    person = factories.UserFactory(display_name="Jana Jury", roles=[Role.PARTICIPANT, Role.JURY])
    idea_factories.JuryAssignmentFactory(competition=competition, juror=person)
    return person


@pytest.fixture
def other_juror(db, competition):
    person = factories.UserFactory(display_name="Jonas Jury", roles=[Role.PARTICIPANT, Role.JURY])
    idea_factories.JuryAssignmentFactory(competition=competition, juror=person)
    return person


@pytest.fixture
def unassigned_juror(db):
    return factories.UserFactory(display_name="Uwe Unzugeordnet", roles=[Role.PARTICIPANT, Role.JURY])


@pytest.fixture
def make_application(competition, organisation, representative):
    """`make_application(**fields)`: an application of the representative's organisation in this competition."""

    def _make(**fields):
        fields.setdefault("competition", competition)
        fields.setdefault("organisation", organisation)
        fields.setdefault("created_by", representative)
        return idea_factories.ApplicationFactory(**fields)

    return _make


@pytest.fixture
def draft(make_application):
    return make_application(title="Sprachcafé für Eltern")


@pytest.fixture
def eligible(make_application):
    return make_application(title="Nachbarschaftsfest", state="eligible")


@pytest.fixture
def pdf_file():
    return SimpleUploadedFile("kostenvoranschlag.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def png_file():
    return SimpleUploadedFile("flyer.png", PNG_BYTES, content_type="image/png")


@pytest.fixture
def fake_pdf_file():
    """A text file renamed to .pdf."""
    return SimpleUploadedFile(
        "kostenvoranschlag.pdf", b"Das ist kein PDF, nur Text.\n" * 20, content_type="application/pdf"
    )


def application_post(
    organisation, topic, *, lines=(("Honorare", "1.500,00"), ("Material", "300")), extra_rows=1, **overrides
) -> dict:
    """POST data of the application form: the fields and a cost plan formset (prefix "kosten")."""
    data = {
        "organisation": organisation.pk,
        "title": "Sprachcafé für Eltern",
        "summary": "Ein Sprachcafé für Eltern im Stadtteil.",
        "goals": "Begegnung und Deutsch im Alltag.",
        "target_groups": "Eltern aus Linden.",
        "topics": [topic.pk],
        "proposals": "",
        "partners": "",
        "schedule": "April bis November.",
        "own_contribution": "200,00",
    }
    rows = list(lines) + [("", "")] * extra_rows
    data.update(
        {
            "kosten-TOTAL_FORMS": str(len(rows)),
            "kosten-INITIAL_FORMS": "0",
            "kosten-MIN_NUM_FORMS": "0",
            "kosten-MAX_NUM_FORMS": "30",
        }
    )
    for i, (description, amount) in enumerate(rows):
        data[f"kosten-{i}-description"] = description
        data[f"kosten-{i}-amount"] = amount
    data.update(overrides)
    return data


@pytest.fixture
def create_url(competition):
    """The application form of the competition."""
    return competition.url + "antrag-stellen/"


@pytest.fixture
def as_representative(client_for, representative):
    return client_for(representative)


def body(response) -> str:
    return response.content.decode()
