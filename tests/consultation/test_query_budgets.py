"""Query budgets of the consultation's public pages (issue 16): the proposal list (with filters and search), the
proposal page and the consultation page cost the same number of queries with 10 and with 30 proposals (and comments)
for every kind of visitor, and no more than their budget. The page cache is off in the test settings: these are the
uncached counts (measured on SQLite and PostgreSQL alike).

Where the queries go, anonymous:
- Wagtail finds the site and its home page (2), lip.routing the page of the path in one query with the view
  restrictions of the whole chain, then its specific row (2), the consultation's phases (1);
- the list: the count and the page of proposals (2); the proposal page: the proposal, its tags, its comments with
  their replies (3), and "Was daraus wurde" from the idea competition and the monitoring (2);
- menu, footer, topics and districts come from the cache (home.navigation, lip.reference).
Signed in: the session and the person, with their e-mail confirmation and whether they hold any permission (2,
lip/auth_backends.py); on the proposal page also their reports and their votes (2); for moderators, their
permissions (2) and Wagtail's user bar (4).
"""

import pytest
from taggit.models import Tag

from consultation.models import Channel, Comment, Event, EventKind, Proposal, Response, ResponseState, TaggedProposal
from tests import factories
from tests.helpers import assert_constant_queries

SIZES = (10, 30)
ROLES = ["anonymous", "participant", "representative", "moderator"]
# (list, proposal page) per visitor. The anonymous list asks 7, 8 in the random order (its seed is kept in a session).
BUDGETS = {
    "anonymous": (8, 10),
    "participant": (9, 14),
    "representative": (9, 14),
    "moderator": (15, 20),
}
LIST_QUERIES = [
    "",
    "?topic=sprachfoerderung&channel=online&sort=votes",
    "?q=Sprachkurs&tag=kita&district=linden-limmer&response=adopted&sort=comments",
    "?statement=on&channel=analog&sort=random&page=2",
]


@pytest.fixture
def visitor(request, user, representative, moderator):
    return {"anonymous": None, "participant": user, "representative": representative, "moderator": moderator}[
        request.param
    ]


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


def measure(client, url, build, *, sizes=SIZES, status=200) -> int:
    def request():
        response = client.get(url)
        assert response.status_code == status
        return response

    request()  # warm the per-process caches (site root paths, content types, navigation, topics) before counting
    return assert_constant_queries(build, request, sizes=sizes)


# --- The proposal list -------------------------------------------------------------


@pytest.mark.parametrize("visitor", ROLES, indirect=True)
@pytest.mark.parametrize("query", LIST_QUERIES, ids=["plain", "filtered", "searched", "random-page-2"])
def test_the_proposal_list_costs_the_same_with_10_and_30_proposals(client_for, visitor, consultation, builder, query):
    count = measure(client_for(visitor), consultation.url + "vorschlaege/" + query, builder)

    print(f"list {role_of(visitor)} {query or '(plain)'}: {count} queries")
    assert count <= BUDGETS[role_of(visitor)][0]


@pytest.mark.parametrize("visitor", ROLES, indirect=True)
def test_the_proposal_list_in_the_voting_phase_costs_one_query_more_for_people_signed_in(
    client_for, clock, visitor, consultation, builder
):
    """The cards offer the vote (issue 17): the person's votes in the consultation come in one query, for every card
    at once; anonymous visitors get a sign-in link and no query more."""
    clock.travel("voting")
    count = measure(client_for(visitor), consultation.url + "vorschlaege/", builder)

    print(f"list in the voting phase {role_of(visitor)}: {count} queries")
    assert count <= BUDGETS[role_of(visitor)][0] + (0 if visitor is None else 1)


def role_of(person) -> str:
    if person is None:
        return "anonymous"
    if person.is_staff:
        return "moderator"
    if person.memberships.exists():
        return "representative"
    return "participant"


# --- The proposal page ---------------------------------------------------------------


@pytest.fixture
def comments(proposal, make_comment, council_member):
    """`add(n)`: comments on the proposal until n exist: threads, replies to every other thread, a statement."""
    people = [factories.UserFactory() for _ in range(5)]

    def add(n: int) -> None:
        for i in range(Comment.objects.filter(proposal=proposal).count(), n):
            parent = None if i % 2 == 0 else Comment.objects.filter(proposal=proposal, parent=None).last()
            make_comment(proposal, author=people[i % 5], parent=parent, text=f"Kommentar {i}")
        first = Comment.objects.filter(proposal=proposal, parent=None).first()
        Comment.objects.filter(pk=first.pk).update(statement_district=council_member.council_district)

    return add


@pytest.mark.parametrize("visitor", ROLES, indirect=True)
def test_the_proposal_page_costs_the_same_with_10_and_30_comments_and_proposals(
    client_for, visitor, proposal, comments, builder
):
    def build(n: int) -> None:
        builder(n)
        comments(n)

    count = measure(client_for(visitor), proposal.get_absolute_url(), build)

    print(f"proposal page {role_of(visitor)}: {count} queries")
    assert count <= BUDGETS[role_of(visitor)][1]


def test_the_anonymous_proposal_page_asks_at_most_10_queries(client, proposal, comments):
    comments(30)

    assert measure(client, proposal.get_absolute_url(), comments, sizes=(30, 31)) <= 10


def test_the_proposal_page_of_a_council_member_costs_the_same_with_5_and_50_comments(
    client_for, council_member, proposal, comments
):
    count = measure(client_for(council_member), proposal.get_absolute_url(), comments, sizes=(5, 50))

    # + their council district, for the statement form, and their permissions (2: they hold one, for the council)
    assert count <= BUDGETS["participant"][1] + 3


# --- The consultation page -----------------------------------------------------------


@pytest.mark.parametrize("visitor", ["anonymous", "participant"], indirect=True)
def test_the_consultation_page_costs_the_same_with_10_and_30_proposals(client_for, visitor, consultation, builder):
    count = measure(client_for(visitor), consultation.url, builder)

    print(f"consultation page {role_of(visitor)}: {count} queries")
    # Routing and phases as on the list (5), the page's topics and districts (2), the figures, the latest proposals,
    # the events with their topics and organisations (5); signed in as on the list (+2).
    assert count <= (12 if visitor is None else 14)


# --- A vote -------------------------------------------------------------------------


def test_a_vote_costs_the_same_with_10_and_30_proposals_and_votes_and_at_most_17_queries(
    client_for, clock, make_consultation, make_proposal, user
):
    """The busiest write: session and person with their e-mail confirmation (2), the site, its home page, the routing
    query and the consultation's row (4), its phases (1), the proposal read lean (1), then the vote's transaction:
    the person's row locked, the existing vote, the budget, the insert and the counter (5), with the savepoint that
    guards the insert (2) and, in a test, the service's own savepoint (2; BEGIN/COMMIT in production). No permission
    or e-mail query for a participant, none of the proposal page's joins (it was 26 before)."""
    consultation = make_consultation(vote_budget=100)
    clock.travel("voting")
    client = client_for(user)
    client.get(consultation.url)  # warm the per-process caches (site root paths, content types)
    made = []

    def build(n: int) -> None:
        made.extend(make_proposal(consultation=consultation) for _ in range(len(made), n))
        for proposal in made[: n // 3]:  # the person's earlier votes count against the budget
            if not proposal.votes.filter(user=user).exists():
                assert client.post(proposal.get_absolute_url() + "stimme/").status_code == 302

    voted = []

    def vote():
        target = made[-1 - len(voted)]
        voted.append(target)
        assert client.post(target.get_absolute_url() + "stimme/").status_code == 302

    count = assert_constant_queries(build, vote, sizes=SIZES)

    print(f"vote: {count} queries")
    assert count <= 17
