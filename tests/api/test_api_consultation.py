"""The consultation's open-data endpoints: public rows only, no personal data, constant query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultation.models import CommentState, ProposalState, ResponseState
from lip.models import District
from lip.privacy.deletion import delete_account
from tests.consultation.factories import (
    AnalogTallyFactory,
    CommentFactory,
    ConsultationPageFactory,
    EventFactory,
    ProposalFactory,
    ResponseFactory,
    VoteFactory,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.monitoring.factories import MeasureFactory

pytestmark = pytest.mark.django_db

# Keys that would name or link a person, or expose a private file.
FORBIDDEN_KEY_PARTS = ("email", "user", "author_id", "ip", "recorded_by", "reviewed_by", "attachment", "password")


def forbidden_keys(data, path="") -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            lowered = key.lower()
            if any(part in lowered for part in FORBIDDEN_KEY_PARTS if part != "ip") or lowered in ("ip", "ip_address"):
                found.append(f"{path}.{key}")
            found += forbidden_keys(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += forbidden_keys(item, f"{path}[{index}]")
    return found


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def consultation():
    return ConsultationPageFactory(title="Sprache und Bildung", slug="sprache")


@pytest.fixture
def private_consultation():
    page = ConsultationPageFactory(title="Interne Runde", slug="intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


# --- Consultations ---------------------------------------------------------------------------------------------------


def test_consultations_list_shows_live_public_pages_with_phases(client, consultation, private_consultation):
    draft = ConsultationPageFactory(title="Entwurf")
    draft.unpublish()
    rows = results(client, "/api/v1/consultations/")
    assert [row["title"] for row in rows] == ["Sprache und Bildung"]
    row = rows[0]
    assert row["url"].startswith("http") and row["url"].endswith("/sprache/")
    assert [phase["type"] for phase in row["phases"]][:2] == ["information", "submission"]
    assert [phase["current"] for phase in row["phases"]].count(True) == 1
    assert row["start"] and row["end"]


def test_consultation_detail_by_slug_and_by_id(client, consultation, private_consultation):
    assert client.get("/api/v1/consultations/sprache/").json()["id"] == consultation.pk
    assert client.get(f"/api/v1/consultations/{consultation.pk}/").json()["slug"] == "sprache"
    assert client.get("/api/v1/consultations/intern/").status_code == 404
    assert client.get(f"/api/v1/consultations/{private_consultation.pk}/").status_code == 404


# --- Proposals -------------------------------------------------------------------------------------------------------


def test_proposals_only_published_of_public_consultations(client, consultation, private_consultation):
    shown = ProposalFactory(consultation=consultation, title="Sprachcafé")
    hidden = ProposalFactory(consultation=consultation, hidden=True)
    withdrawn = ProposalFactory(consultation=consultation, withdrawn=True)
    pending = ProposalFactory(consultation=consultation, state=ProposalState.PENDING)
    private = ProposalFactory(consultation=private_consultation)
    rows = results(client, "/api/v1/proposals/")
    assert [row["reference"] for row in rows] == [shown.reference]
    assert client.get(f"/api/v1/proposals/{shown.reference}/").json()["title"] == "Sprachcafé"
    for proposal in (hidden, withdrawn, pending, private):
        assert client.get(f"/api/v1/proposals/{proposal.reference}/").status_code == 404


def test_proposal_shows_votes_response_measures_and_url(client, consultation):
    proposal = ProposalFactory(consultation=consultation, tags=["Kita", "Abendkurs"])
    VoteFactory(proposal=proposal)
    AnalogTallyFactory(proposal=proposal, count=7)
    ResponseFactory(proposal=proposal, state=ResponseState.ADOPTED, text="Wird umgesetzt.")
    measure = MeasureFactory(title="Sprachcafés")
    measure.proposals.add(proposal)
    row = client.get(f"/api/v1/proposals/{proposal.reference}/").json()
    assert row["votes"] == {"online": 1, "analog": 7, "total": 8}
    assert row["response"]["state"] == "adopted"
    assert row["response"]["text"] == "Wird umgesetzt."
    assert row["measures"] == [{"slug": measure.slug, "title": "Sprachcafés"}]
    assert row["tags"] == ["Abendkurs", "Kita"]
    assert row["url"].endswith(f"/sprache/vorschlaege/{proposal.reference}/")
    assert row["consultation"] == {"id": consultation.pk, "slug": "sprache", "title": "Sprache und Bildung"}


def test_unpublished_response_never_appears(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    ResponseFactory(proposal=proposal, draft=True, text="Interner Entwurf der Antwort")
    response = client.get(f"/api/v1/proposals/{proposal.reference}/")
    assert response.json()["response"] is None
    assert b"Interner Entwurf" not in response.content
    assert results(client, "/api/v1/proposals/", has_response="true") == []
    assert len(results(client, "/api/v1/proposals/", has_response="false")) == 1


def test_authors_follow_the_sites_rules(client, consultation):
    named = ProposalFactory(consultation=consultation, author=UserFactory(display_name="Mina K."))
    no_name = ProposalFactory(
        consultation=consultation, author=UserFactory(display_name="", email="geheim@example.org")
    )
    organisation = OrganisationFactory(name="Verein Brücke")
    for_organisation = ProposalFactory(consultation=consultation, organisation=organisation)
    analog = ProposalFactory(consultation=consultation, analog=True)
    gone = ProposalFactory(consultation=consultation, author=UserFactory(display_name="Bald weg"))
    delete_account(gone.author)
    rows = {row["reference"]: row for row in results(client, "/api/v1/proposals/")}
    assert rows[named.reference]["author"] == "Mina K."
    assert rows[no_name.reference]["author"] is None
    assert rows[for_organisation.reference]["organisation"] == "Verein Brücke"
    assert rows[analog.reference]["author"] == "Ayşe Demir"
    assert rows[analog.reference]["channel_kind"] == "analog"
    assert rows[gone.reference]["author"] == "gelöschtes Konto"
    body = client.get("/api/v1/proposals/").content.decode()
    assert "geheim@example.org" not in body and "Bald weg" not in body


def test_proposal_filters(client, consultation):
    other = ConsultationPageFactory(slug="andere")
    district = District.objects.first()
    in_district = ProposalFactory(consultation=consultation, district=district, title="Elterncafé in der Kita")
    answered = ProposalFactory(consultation=other, analog=True)
    ResponseFactory(proposal=answered, state=ResponseState.NOT_ADOPTED)
    old = ProposalFactory(consultation=consultation, created_at=timezone.now() - timedelta(days=30))

    def refs(**params):
        return {row["reference"] for row in results(client, "/api/v1/proposals/", **params)}

    assert refs(consultation="andere") == {answered.reference}
    assert refs(consultation=str(consultation.pk)) == {in_district.reference, old.reference}
    assert refs(district=district.slug) == {in_district.reference}
    assert refs(channel_kind="analog") == {answered.reference}
    assert refs(channel="paper") == {answered.reference}
    assert refs(response_state="not_adopted") == {answered.reference}
    assert refs(created_before=(timezone.now() - timedelta(days=1)).isoformat()) == {old.reference}
    assert refs(q="Elterncafé") == {in_district.reference}


def test_proposal_ordering_by_votes_and_cursor_pages(client, consultation):
    proposals = [ProposalFactory(consultation=consultation) for _ in range(3)]
    AnalogTallyFactory(proposal=proposals[1], count=5)
    AnalogTallyFactory(proposal=proposals[2], count=9)
    rows = results(client, "/api/v1/proposals/", ordering="-votes_total")
    assert [row["reference"] for row in rows] == [
        proposals[2].reference,
        proposals[1].reference,
        proposals[0].reference,
    ]
    first = client.get("/api/v1/proposals/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert second["next"] is None


# --- Comments --------------------------------------------------------------------------------------------------------


def test_comments_only_published_on_published_proposals(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    shown = CommentFactory(proposal=proposal, text="Sichtbar")
    hidden = CommentFactory(proposal=proposal, state=CommentState.HIDDEN, text="Versteckt")
    CommentFactory(proposal=proposal, state=CommentState.PENDING, text="Wartet")
    CommentFactory(proposal=proposal, parent=hidden, text="Antwort unter verstecktem")
    CommentFactory(proposal=proposal, deleted_at=timezone.now(), text="Gelöscht")
    CommentFactory(proposal=ProposalFactory(consultation=consultation, hidden=True), text="Am versteckten Vorschlag")
    statement = CommentFactory(proposal=proposal, statement_district=District.objects.first(), text="Stellungnahme")
    rows = results(client, "/api/v1/comments/")
    assert {row["text"] for row in rows} == {"Sichtbar", "Stellungnahme"}
    kinds = {row["id"]: row["kind"] for row in rows}
    assert kinds == {shown.pk: "comment", statement.pk: "statement"}
    assert client.get(f"/api/v1/comments/{hidden.pk}/").status_code == 404
    assert {row["id"] for row in results(client, "/api/v1/comments/", kind="statement")} == {statement.pk}
    assert len(results(client, "/api/v1/comments/", proposal=proposal.reference)) == 2
    assert len(results(client, "/api/v1/comments/", consultation="sprache")) == 2


# --- Events ----------------------------------------------------------------------------------------------------------


def test_events_of_public_consultations_with_analog_counts(client, consultation, private_consultation):
    event = EventFactory(consultation=consultation, title="Workshop Linden")
    EventFactory(consultation=private_consultation)
    ProposalFactory(consultation=consultation, analog=True, event=event)
    ProposalFactory(consultation=consultation, analog=True, event=event, hidden=True)
    rows = results(client, "/api/v1/events/")
    assert [(row["title"], row["proposal_count"]) for row in rows] == [("Workshop Linden", 1)]
    assert rows[0]["url"].endswith(f"/sprache/veranstaltungen/{event.pk}/")


# --- No personal data, constant queries ------------------------------------------------------------------------------


def seed(consultation, count: int) -> None:
    organisation = OrganisationFactory()
    event = None
    for index in range(count):
        if index % 5 == 0:
            event = EventFactory(consultation=consultation)
        proposal = ProposalFactory(
            consultation=consultation,
            organisation=organisation if index % 3 == 0 else None,
            tags=["Kita"],
            district=District.objects.first() if index % 2 else None,
        )
        if index % 4 == 0:
            ResponseFactory(proposal=proposal)
        CommentFactory(proposal=proposal, event=event if index % 5 == 0 else None)
        MeasureFactory().proposals.add(proposal)


ENDPOINTS = ["/api/v1/consultations/", "/api/v1/proposals/", "/api/v1/comments/", "/api/v1/events/"]


def test_no_endpoint_shows_a_personal_key(client, consultation):
    seed(consultation, 4)
    ProposalFactory(consultation=consultation, analog=True)
    for url in ENDPOINTS:
        listing = client.get(url).json()
        assert listing["results"], url
        assert forbidden_keys(listing) == [], url
        first = listing["results"][0]
        key = (
            first.get("reference") or first.get("slug") if "proposals" in url or "consultations" in url else first["id"]
        )
        detail = client.get(f"{url}{key}/")
        assert detail.status_code == 200, url
        assert forbidden_keys(detail.json()) == [], url


@pytest.mark.parametrize("url", ENDPOINTS)
def test_list_queries_do_not_grow_with_rows(client, consultation, django_assert_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seed(consultation, 5)
    client.get(url)  # warms the site root paths and reference caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"page_size": 100}).status_code == 200
    seed(consultation, 55)
    with django_assert_num_queries(len(few)):
        response = client.get(url, {"page_size": 100})
    assert len(response.json()["results"]) > 5 or "consultations" in url


@pytest.mark.postgres
@pytest.mark.parametrize("ordering", ["-created_at", "-votes_total", "-comment_count"])
def test_proposal_list_at_10000_rows_keeps_its_query_count(client, consultation, ordering):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultation.models import Channel, Proposal
    from tests.consultation.factories import topic

    url = f"/api/v1/proposals/?ordering={ordering}&page_size=100"
    seed(consultation, 5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    rows = [
        Proposal(
            consultation=consultation,
            reference=f"LIP-2020-{index:05d}",
            title=f"Vorschlag {index}",
            text="Mehr Sprachkurse am Abend.",
            topic=topic(),
            channel=Channel.PAPER,
            analog_votes=index % 50,
            comment_count=index % 7,
        )
        for index in range(10_000)
    ]
    Proposal.objects.bulk_create(rows, batch_size=2000)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
        following = client.get(response.json()["next"])
    assert len(response.json()["results"]) == 100 and len(following.json()["results"]) == 100
    assert len(many) == 2 * len(few)


def test_plan_draft_comments_name_their_draft_and_consultation(client):
    from tests.consultation.plan_support import make_plan, paragraph_comment

    plan = make_plan()
    paragraph = plan.paragraphs.order_by("position").first()
    comment = paragraph_comment(paragraph, UserFactory(display_name="Leyla"), text="Absatz klarer fassen.")
    consultation = plan.get_parent().specific
    rows = results(client, "/api/v1/comments/")
    assert [row["id"] for row in rows] == [comment.pk]
    row = rows[0]
    assert (row["target"], row["paragraph"], row["author"]) == ("paragraph", paragraph.label, "Leyla")
    assert row["plan_draft"]["id"] == plan.pk
    assert row["consultation"] == {"id": consultation.pk, "slug": consultation.slug, "title": consultation.title}
    assert [r["id"] for r in results(client, "/api/v1/comments/", consultation=consultation.slug)] == [comment.pk]
    plan.unpublish()
    assert results(client, "/api/v1/comments/") == []
