"""Shared fixtures of the consultation tests.

A consultation page lives under the site's home page and has six phases of ten days each, one of every type, built
around fixed moments. `clock` freezes time (time-machine, no ticking) and moves it: `clock.travel("voting")` puts
"now" into the middle of the voting phase, `clock.travel("before")` before the first phase, `clock.travel("after")`
after the last. By default the clock stands in the submission phase.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from tests import factories
from tests.helpers import clock_fixture

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_PHASE_START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
PHASE_LENGTH = timedelta(days=10)
PHASE_TYPES = ["information", "submission", "discussion", "voting", "evaluation", "results"]
PHASE_TITLES = {
    "information": "Informieren",
    "submission": "Vorschläge sammeln",
    "discussion": "Diskutieren",
    "voting": "Abstimmen",
    "evaluation": "Auswerten",
    "results": "Ergebnisse",
}


def phase_start(phase_type: str) -> datetime:
    return FIRST_PHASE_START + PHASE_TYPES.index(phase_type) * PHASE_LENGTH


def phase_end(phase_type: str) -> datetime:
    return phase_start(phase_type) + PHASE_LENGTH


# A moment in every time of interest: before the first phase, in the middle of each phase, after the last.
MOMENTS: dict[str, datetime] = {
    "before": FIRST_PHASE_START - timedelta(days=5),
    **{t: phase_start(t) + timedelta(days=4, hours=3) for t in PHASE_TYPES},
    "after": phase_end(PHASE_TYPES[-1]) + timedelta(days=5),
}
TIMES = list(MOMENTS)


clock = clock_fixture(MOMENTS, "submission")


@pytest.fixture
def home_page(db):
    """The site's home page (a HomePage made the default site's root)."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Gemeinsam den Integrationsplan gestalten", slug="start")
        Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="LIP")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@pytest.fixture
def consultation_index(home_page):
    from consultation.models import ConsultationIndexPage

    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = ConsultationIndexPage(title="Beteiligungen", slug="beteiligung", intro="<p>Alle Beteiligungen.</p>")
        home_page.add_child(instance=index)
    return index


@pytest.fixture
def make_consultation(consultation_index, clock, topic):
    """`make_consultation(**fields)`: a live consultation with the six standard phases."""
    from consultation.models import ConsultationPage, Phase

    counter = iter(range(1, 1000))

    def _make(*, phases=None, topics=None, districts=None, suggested_tags=("Sprachcafé", "Kita"), **fields):
        n = next(counter)
        fields.setdefault("title", f"Sprache und Bildung {n}")
        fields.setdefault("slug", f"sprache-und-bildung-{n}")
        fields.setdefault("teaser", "Wie kann Hannover das Deutschlernen besser unterstützen?")
        page = ConsultationPage(**fields)
        consultation_index.add_child(instance=page)
        for order, phase_type in enumerate(PHASE_TYPES if phases is None else phases):
            Phase.objects.create(
                page=page,
                sort_order=order,
                type=phase_type,
                title=PHASE_TITLES[phase_type],
                description=f"Beschreibung der Phase {PHASE_TITLES[phase_type]}",
                start=phase_start(phase_type),
                end=phase_end(phase_type),
            )
        page.topics.set([topic] if topics is None else topics)
        page.districts.set(districts or [])
        page.suggested_tags.set(list(suggested_tags))
        page.save()
        return page

    return _make


@pytest.fixture
def consultation(make_consultation):
    return make_consultation()


@pytest.fixture
def list_url(consultation):
    """The consultation's proposal list."""
    return consultation.url + "vorschlaege/"


@pytest.fixture
def other_consultation(make_consultation):
    return make_consultation(title="Arbeit und Ausbildung", slug="arbeit-und-ausbildung")


@pytest.fixture
def staff(client_for, moderator):
    """A client signed in as a moderator (city staff): the admin workspace, moderation, responses, exports."""
    return client_for(moderator)


@pytest.fixture
def author(db):
    return factories.UserFactory(display_name="Aylin Autorin")


@pytest.fixture
def make_proposal(consultation, topic, author):
    """`make_proposal(**fields)`: a published online proposal, stored directly (no phase check)."""
    from consultation import services
    from consultation.models import Channel, Proposal

    def _make(**fields):
        fields.setdefault("consultation", consultation)
        fields.setdefault("title", "Sprachcafés in allen Stadtteilbibliotheken")
        fields.setdefault("text", "Jede Stadtteilbibliothek bietet einmal pro Woche ein Sprachcafé an.")
        fields.setdefault("topic", topic)
        channel = fields.setdefault("channel", Channel.ONLINE)
        if channel == Channel.ONLINE:
            fields.setdefault("author", author)
        tags = fields.pop("tags", [])
        with transaction.atomic():
            proposal = Proposal(**fields)
            proposal.reference = services._next_reference(proposal.created_at.year)
            proposal.save()
        if tags:
            proposal.tags.set(tags)
        return proposal

    return _make


@pytest.fixture
def proposal(make_proposal, district):
    """A published online proposal from the district Linden-Limmer."""
    return make_proposal(district=district)


@pytest.fixture
def make_comment(author):
    from consultation.models import Comment, Proposal

    def _make(proposal, **fields):
        fields.setdefault("author", author)
        fields.setdefault("text", "Gute Idee, das brauchen wir auch in Linden.")
        comment = Comment.objects.create(proposal=proposal, **fields)
        Proposal.objects.filter(pk=proposal.pk).update(comment_count=proposal.comments.filter(deleted_at=None).count())
        return comment

    return _make


@pytest.fixture
def other_council_member(db, other_district):
    from lip.roles import Role

    return factories.UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=other_district)


# Minimal but real files: the validators read the magic bytes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def pdf_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("antrag.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def fake_pdf_file():
    """A text file renamed to .pdf."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("antrag.pdf", b"Das ist kein PDF, nur Text.\n" * 20, content_type="application/pdf")


@pytest.fixture
def plan(consultation_index):
    """A published plan draft in its consultation's text-review phase (tests/consultation/plan_support.py)."""
    from tests.consultation.plan_support import make_plan

    return make_plan()
