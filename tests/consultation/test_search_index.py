"""The proposal search on its indexes (issue 16): the stored German search vector that PostgreSQL keeps up to date
whatever writes the row, the reference lookup in any case, what a search may show, what it costs, and input that must
never fail. The vector tests need PostgreSQL (on SQLite the column is NULL and the search matches substrings)."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation import selectors, services
from consultation.models import Channel, Proposal, ProposalState
from lip.privacy.deletion import delete_account
from tests import factories

from .factories import ProposalFactory


def pg(test):
    """A test of the stored search vector, which only PostgreSQL has."""
    test = pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's")(
        test
    )
    return pytest.mark.postgres(test)


def found(consultation, query: str) -> set[str]:
    return {p.reference for p in selectors.proposal_search(selectors.visible_proposals(consultation), query)}


def lexemes(proposal) -> dict[str, set[str]]:
    """The stored vector as {lexeme: weights}: "'sprachcaf':1A,5B 'woch':9B" -> {"sprachcaf": {"A", "B"}, ...}."""
    vector = Proposal.objects.values_list("search_vector", flat=True).get(pk=proposal.pk)
    return {
        match[1]: {weight or "D" for weight in re.findall(r"\d+([A-D]?)", match[2])}
        for match in re.finditer(r"'([^']+)':(\S+)", vector)
    }


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


# --- the stored vector (PostgreSQL) --------------------------------------------------------------------------------


@pg
@pytest.mark.parametrize("how", ["save", "bulk_create"])
def test_vector_is_stored_when_a_proposal_is_written(consultation, topic, author, how):
    proposal = Proposal(
        consultation=consultation,
        reference="LIP-2026-0900",
        title="Sprachcafés in Bibliotheken",
        text="Einmal pro Woche, mit Kinderbetreuung.",
        topic=topic,
        author=author,
    )
    if how == "save":
        proposal.save()
    else:
        (proposal,) = Proposal.objects.bulk_create([proposal])

    words = lexemes(proposal)

    assert words["sprachcaf"] == {"A"}  # title: weight A
    assert words["bibliothek"] == {"A"}
    assert words["woch"] == {"B"}  # text: weight B
    assert words["kinderbetreu"] == {"B"}
    assert found(consultation, "Bibliothek") == {"LIP-2026-0900"}


@pg
def test_vector_follows_an_edit_of_title_and_text(consultation, make_proposal, moderator):
    proposal = make_proposal(title="Sprachcafé im Rathaus", text="Jeden Montag.")

    services.proposal_update(
        proposal=proposal, user=moderator, data={"title": "Begegnungsgarten am Fluss", "text": "Mit Hochbeeten."}
    )

    words = lexemes(proposal)
    assert "sprachcaf" not in words
    assert "montag" not in words
    assert words["begegnungsgart"] == {"A"}
    assert words["hochbeet"] == {"B"}
    assert found(consultation, "Sprachcafé") == set()
    assert found(consultation, "Hochbeete") == {proposal.reference}


@pg
def test_vector_follows_a_staff_correction_in_the_admin(client_for, moderator, consultation, topic):
    proposal = ProposalFactory(consultation=consultation, analog=True, title="Sprachkaffee", topic=topic)

    response = client_for(moderator).post(
        reverse("consultation-proposals:edit", args=(proposal.pk,)),
        {"title": "Sprachcafé", "text": proposal.text, "topic": topic.pk, "tags": ""},
    )

    assert response.status_code == 302
    assert "sprachcaf" in lexemes(proposal)
    assert "sprachkaffe" not in lexemes(proposal)
    assert found(consultation, "Sprachcafés") == {proposal.reference}


@pg
def test_vector_follows_a_bulk_update(consultation, make_proposal):
    proposal = make_proposal(text="Jeden Montag.")

    Proposal.objects.filter(pk=proposal.pk).update(text="Jeden Dienstag, mit Dolmetschpool.")

    assert found(consultation, "Montag") == set()
    assert found(consultation, "Dolmetschpool") == {proposal.reference}


@pg
def test_account_deletion_keeps_the_proposal_findable(consultation, make_proposal):
    person = factories.UserFactory()
    proposal = make_proposal(author=person, author_name="Aylin Autorin", title="Sprachcafé für Eltern")
    before = lexemes(proposal)

    delete_account(person)

    proposal.refresh_from_db()
    assert proposal.author_name == ""  # the deletion's bulk update wrote the row
    assert lexemes(proposal) == before
    assert found(consultation, "Sprachcafé") == {proposal.reference}


@pg
@pytest.mark.parametrize("query", ["Sprachcafé", "Sprachcafe", "sprachcafés", "Sprachcafes", "SPRACHCAFÉ"])
def test_german_stemming_finds_sprachcafes_for_sprachcafe(consultation, make_proposal, query):
    proposal = make_proposal(title="Mehr Sprachcafés in Linden", text="Mit Hausaufgabenhilfe.")
    make_proposal(title="Begegnungsgarten", text="Mit Hochbeeten.")

    assert found(consultation, query) == {proposal.reference}


@pg
def test_stop_words_with_umlauts_are_left_out_and_other_accents_are_folded(consultation, make_proposal):
    proposal = make_proposal(title="Beratung für Neuzugewanderte über Çalışma", text="Während der Woche.")

    words = lexemes(proposal)

    assert not {"fur", "für", "uber", "über", "wahrend", "während"} & set(words)
    assert words["calisma"] == {"A"}
    assert found(consultation, "Calisma") == {proposal.reference}
    assert found(consultation, "für") == set()


@pytest.fixture
def thousands(consultation, topic):
    """3,000 proposals, three of them about a Sprachcafé, in the state autovacuum leaves them."""
    Proposal.objects.bulk_create(
        (
            Proposal(
                consultation=consultation,
                reference=f"LIP-2025-{i:04d}",
                title="Sprachcafés in Linden" if i % 1000 == 7 else f"Begegnungsgarten Nummer {i}",
                text="Einmal pro Woche, mit Hochbeeten und Kinderbetreuung.",
                topic=topic,
                channel=Channel.PAPER,
            )
            for i in range(3000)
        ),
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        # What autovacuum does: move the new rows from the GIN index's pending list into the index proper.
        cursor.execute("SELECT gin_clean_pending_list('proposal_search_vector_idx')")
        cursor.execute("ANALYZE consultation_proposal")


@pg
@pytest.mark.usefixtures("thousands")
@pytest.mark.parametrize(("query", "count"), [("Sprachcafé", 3), ("lip-2025-0042", 1)])
def test_the_search_count_and_page_read_the_indexes(consultation, query, count):
    qs = selectors.order_proposals(selectors.proposal_search(selectors.visible_proposals(consultation), query), "votes")

    with CaptureQueriesContext(connection) as queries:
        assert qs.count() == count
        assert len(qs[:20]) == count

    count_sql, page_sql = [q["sql"] for q in queries.captured_queries][:2]
    for sql in (count_sql, page_sql):
        query_plan = plan(sql)
        assert "Bitmap Index Scan on proposal_search_vector_idx" in query_plan
        assert "Bitmap Index Scan on proposal_reference_upper_idx" in query_plan
        assert "Seq Scan on consultation_proposal" not in query_plan
        assert "to_tsvector" not in query_plan


# --- the reference lookup (both databases) -------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", [str, str.lower, lambda r: f"  {r.title()} "], ids=["as-is", "lower", "mixed"])
def test_a_reference_finds_its_proposal_in_any_case(consultation, make_proposal, spelling):
    proposal = make_proposal(title="Sprachcafé")
    make_proposal(title="Begegnungsgarten")

    assert found(consultation, spelling(proposal.reference)) == {proposal.reference}


def test_part_of_a_reference_finds_nothing_by_reference(consultation, make_proposal):
    proposal = make_proposal(title="Sprachcafé")

    assert found(consultation, proposal.reference[:-1]) == set()


# --- what a search shows -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [ProposalState.HIDDEN, ProposalState.PENDING, ProposalState.WITHDRAWN])
def test_a_search_never_shows_proposals_that_are_not_published(client_for, user, consultation, make_proposal, state):
    shown = make_proposal(title="Sprachcafés in Linden")
    unseen = make_proposal(title="Sprachcafés in Ahlem", state=state)

    assert found(consultation, "Sprachcafés") == {shown.reference}
    assert found(consultation, unseen.reference) == set()
    client = client_for(user)
    for url in (consultation.url + "vorschlaege/", "/suche/"):
        page = client.get(url, {"q": "Sprachcafés"}).content.decode()
        assert "Sprachcafés in Linden" in page
        assert "Sprachcafés in Ahlem" not in page
        assert "Sprachcafés in Ahlem" not in client.get(url, {"q": unseen.reference}).content.decode()


# --- what a search costs -------------------------------------------------------------------------------------------


def test_a_search_page_costs_as_many_queries_as_the_unfiltered_list(client_for, user, consultation, topic):
    Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            reference=f"LIP-2026-{i + 1:04d}",
            title=f"Sprachcafés Nummer {i}" if i % 2 else f"Begegnungsgarten Nummer {i}",
            text="Einmal pro Woche.",
            topic=topic,
            channel=Channel.PAPER,
        )
        for i in range(60)
    )
    client = client_for(user)
    url = consultation.url + "vorschlaege/"

    def queries(params: dict) -> tuple[int, str]:
        client.get(url, params)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    unfiltered, _page = queries({})
    searched, page = queries({"q": "Sprachcafés"})

    assert "Sprachcafés Nummer 59" in page
    assert "Begegnungsgarten Nummer 58" not in page
    assert searched == unfiltered


# --- input that must never fail ------------------------------------------------------------------------------------

# Operators and characters of PostgreSQL's tsquery syntax (and SQL LIKE's wildcards), without a word to find.
TSQUERY_SYNTAX = ["'", '"', '"unclosed', "!", "&|!():*", "<->", "a <2> b", "-", "or", "\\", "%_", "()", ":*"]


@pytest.mark.parametrize(
    ("query", "finds"),
    [(q, False) for q in TSQUERY_SYNTAX] + [("Sprachcafé " * 40, True), ("ä" * 200, False)],
)
def test_tsquery_syntax_and_long_input_are_searched_as_text(consultation, make_proposal, query, finds):
    proposal = make_proposal(title="Sprachcafés in Linden", text="Einmal pro Woche.")

    assert found(consultation, query) == ({proposal.reference} if finds else set())


@pytest.mark.parametrize(
    ("query", "list_status"),
    [(q, 200) for q in [*TSQUERY_SYNTAX, "Sprachcafé:*", "Sprachcafé " * 15]]
    + [("x" * 5000, 400), ("Sprach\x00café", 400), ("Sprach\x07café", 400), ("\x1b[0m", 400)],
)
def test_odd_search_input_is_answered_without_an_error(
    client_for, user, consultation, make_proposal, query, list_status
):
    make_proposal(title="Sprachcafés in Linden")
    client = client_for(user)

    assert client.get(consultation.url + "vorschlaege/", {"q": query}).status_code == list_status
    assert client.get("/suche/", {"q": query}).status_code == 200


# --- the vector stays out of sight ---------------------------------------------------------------------------------


def test_staff_do_not_see_the_search_vector_when_inspecting_a_proposal(client_for, moderator, proposal):
    response = client_for(moderator).get(reverse("consultation-proposals:inspect", args=(proposal.pk,)))
    page = html.unescape(response.content.decode())

    assert proposal.title in page
    assert "search vector" not in page.lower()
    assert "'woch'" not in page  # a lexeme of the text ("Woche")
