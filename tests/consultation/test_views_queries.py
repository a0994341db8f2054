"""Query budgets: the list (with filters), the proposal page with 50 comments and the consultation page cost the same
number of queries with 10 and with 200 proposals (DESIGN.md: "a list page must cost the same number of SQL queries at
10 proposals as at 10,000"). Each test also pins an absolute ceiling, so that a new query per page is noticed."""

import pytest
from taggit.models import Tag

from consultation.models import (
    Channel,
    Comment,
    Event,
    EventKind,
    Proposal,
    Response,
    ResponseState,
    TaggedProposal,
)
from tests import factories
from tests.helpers import assert_constant_queries

SIZES = (10, 200)


@pytest.fixture
def builder(consultation, topic, district, organisation, moderator, clock):
    """`build(n)`: add varied proposals (online and analog, organisations, tags, responses, events) until n exist."""
    authors = [factories.UserFactory() for _ in range(3)]
    event = Event.objects.create(
        consultation=consultation, kind=EventKind.WORKSHOP, title="Werkstatt", date=clock.now, place="Rathaus"
    )
    tag, _ = Tag.objects.get_or_create(slug="kita", defaults={"name": "Kita"})
    counter = {"made": 0}

    def build(n: int) -> None:
        start = counter["made"]
        new = []
        for i in range(start, n):
            analog = i % 5 == 0
            new.append(
                Proposal(
                    consultation=consultation,
                    reference=f"LIP-2025-{i + 1:04d}",
                    title=f"Sprachkurs Nummer {i}",
                    text="Mehr Sprachkurse am Abend, mit Kinderbetreuung.",
                    topic=topic,
                    district=district if i % 3 else None,
                    author=None if analog else authors[i % 3],
                    author_name=f"Person {i}" if analog else "",
                    organisation=organisation if i % 4 == 1 else None,
                    channel=Channel.PAPER if analog else Channel.ONLINE,
                    event=event if analog else None,
                    recorded_by=moderator if analog else None,
                    online_votes=i,
                    analog_votes=i % 7,
                    comment_count=i % 6,
                    statement_count=1 if i % 9 == 0 else 0,
                )
            )
        created = Proposal.objects.bulk_create(new)
        TaggedProposal.objects.bulk_create([TaggedProposal(content_object=p, tag=tag) for p in created])
        Response.objects.bulk_create(
            [
                Response(proposal=p, state=ResponseState.ADOPTED, text="Ja.", published_at=clock.now)
                for p in created[::2]
            ]
        )
        counter["made"] = n

    return build


def measure(client, url, build, status=200):
    def request():
        response = client.get(url)
        assert response.status_code == status
        return response

    request()  # warm the per-process caches (site root paths, content types) before counting
    return assert_constant_queries(build, request, sizes=SIZES)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?topic=sprachfoerderung&channel=online&sort=votes",
        "?q=Sprachkurs&tag=kita&district=linden-limmer&response=adopted&sort=comments",
        "?statement=on&channel=analog&sort=random&page=2",
    ],
)
def test_proposal_list_costs_the_same_with_10_and_200_proposals(client_for, user, consultation, builder, query):
    count = measure(client_for(user), consultation.url + "vorschlaege/" + query, builder)
    print(f"list {query or '(no filter)'}: {count} queries")
    assert count <= 24


def test_proposal_page_with_50_comments_costs_the_same_with_10_and_200_proposals(
    client_for, council_member, proposal, make_comment, builder
):
    people = [factories.UserFactory() for _ in range(5)]
    threads = [make_comment(proposal, author=people[i % 5], text=f"Kommentar {i}") for i in range(30)]
    for i in range(20):
        make_comment(proposal, parent=threads[i], author=people[(i + 1) % 5], text=f"Antwort {i}")
    Comment.objects.filter(pk=threads[0].pk).update(statement_district=council_member.council_district)
    assert Comment.objects.filter(proposal=proposal).count() == 50

    count = measure(client_for(council_member), proposal.get_absolute_url(), builder)
    print(f"proposal page with 50 comments: {count} queries")
    # 24 for the page itself, plus up to 3 for "Was daraus wurde" (funded projects 1, measures 2).
    assert count <= 27


def test_proposal_page_costs_the_same_with_5_and_50_comments(client_for, council_member, proposal, make_comment):
    people = [factories.UserFactory() for _ in range(5)]
    made = {"n": 0}

    def build(n: int) -> None:
        for i in range(made["n"], n):
            parent = None if i % 2 == 0 else Comment.objects.filter(proposal=proposal, parent=None).last()
            make_comment(proposal, author=people[i % 5], parent=parent, text=f"Kommentar {i}")
        made["n"] = n

    client = client_for(council_member)
    client.get(proposal.get_absolute_url())  # warm the caches
    assert_constant_queries(build, lambda: client.get(proposal.get_absolute_url()), sizes=(5, 50))


def test_consultation_page_costs_the_same_with_10_and_200_proposals(client_for, user, consultation, builder):
    count = measure(client_for(user), consultation.url, builder)
    print(f"consultation page: {count} queries")
    assert count <= 26


def test_consultation_page_costs_the_same_for_anonymous_visitors(client, consultation, builder):
    count = measure(client, consultation.url, builder)
    print(f"consultation page (anonymous): {count} queries")
    assert count <= 22
