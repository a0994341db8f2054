"""The reads of a consultation (consultation/selectors.py, consultation/filters.py): search, order, filters, figures,
comment threads, and query counts that do not grow with the number of rows."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from consultation import selectors
from consultation.filters import ProposalFilterSet
from consultation.models import Channel, CommentState, PhaseType, ResponseState
from lip.models import User
from lip.roles import Role
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers import assert_constant_queries

from .factories import (
    AnalogTallyFactory,
    CommentFactory,
    ConsultationPageFactory,
    EventFactory,
    ProposalFactory,
    ResponseFactory,
    VoteFactory,
    district,
    topic,
)

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite substring fallback only")

# Seeds as the proposal list draws them for visitors: uniform in 1 .. 1_000_002.
SEEDS = [385_091, 611_953, 777_781, 902_113, 250_007]


@pytest.fixture
def consultation(db):
    return ConsultationPageFactory()


def references(proposals) -> list[str]:
    return [p.reference for p in proposals]


def filtered(consultation, **params) -> set[str]:
    filterset = ProposalFilterSet(params, queryset=selectors.visible_proposals(consultation))
    assert filterset.is_valid(), filterset.errors
    return {p.reference for p in filterset.qs}


def search(consultation, query: str) -> set[str]:
    return {p.reference for p in selectors.proposal_search(selectors.visible_proposals(consultation), query)}


# --- what the list shows ---------------------------------------------------------


def test_visible_proposals_are_the_published_ones_of_the_consultation(consultation):
    published = ProposalFactory(consultation=consultation)
    analog = ProposalFactory(consultation=consultation, analog=True)
    ProposalFactory(consultation=consultation, hidden=True)
    ProposalFactory(consultation=consultation, withdrawn=True)
    ProposalFactory(consultation=ConsultationPageFactory())

    assert set(references(selectors.visible_proposals(consultation))) == {published.reference, analog.reference}


# --- search ----------------------------------------------------------------------


@pytest.fixture
def library_and_playground(consultation):
    library = ProposalFactory(
        consultation=consultation,
        title="Sprachcafés in Stadtteilbibliotheken",
        text="Jede Bibliothek lädt einmal pro Woche Familien zum Sprechen ein.",
    )
    playground = ProposalFactory(
        consultation=consultation,
        title="Ein Spielplatz für alle Kinder",
        text="Mehrsprachige Schilder am Spielplatz in Linden-Süd.",
    )
    return library, playground


def test_search_finds_a_word_of_the_title(consultation, library_and_playground):
    library, _playground = library_and_playground

    assert search(consultation, "Stadtteilbibliotheken") == {library.reference}


def test_search_finds_a_word_of_the_text(consultation, library_and_playground):
    _library, playground = library_and_playground

    assert search(consultation, "Schilder") == {playground.reference}


def test_search_needs_every_word(consultation, library_and_playground):
    library, _playground = library_and_playground

    assert search(consultation, "Bibliothek Familien") == {library.reference}
    assert search(consultation, "Bibliothek Schilder") == set()


def test_search_finds_the_exact_reference_in_any_case(consultation, library_and_playground):
    _library, playground = library_and_playground

    assert search(consultation, playground.reference) == {playground.reference}
    assert search(consultation, playground.reference.lower()) == {playground.reference}


def test_search_without_a_match_finds_nothing(consultation, library_and_playground):
    assert search(consultation, "Schwimmbad") == set()


def test_empty_search_keeps_the_list(consultation, library_and_playground):
    assert search(consultation, "   ") == set(references(library_and_playground))


def test_search_through_the_filter_set(consultation, library_and_playground):
    library, _playground = library_and_playground

    assert filtered(consultation, q="Bibliothek") == {library.reference}


@on_sqlite
def test_sqlite_search_matches_parts_of_words(consultation, library_and_playground):
    library, playground = library_and_playground

    assert search(consultation, "bibliothek") == {library.reference}
    assert search(consultation, "sprach") == {library.reference, playground.reference}


@on_postgresql
@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("Bibliotheken", "library"),
        ("Familie", "library"),
        ("Kindern", "playground"),
        ("Spielplätze", "playground"),
        ("Schild", "playground"),
    ],
    ids=["Bibliotheken", "Familie", "Kindern", "Spielplätze", "Schild"],
)
def test_postgresql_search_matches_german_word_forms(consultation, library_and_playground, query, finds):
    """German stemming (Snowball): plural and singular, umlaut plurals and dative forms meet on one stem."""
    library, playground = library_and_playground
    expected = {"library": {library.reference}, "playground": {playground.reference}}[finds]

    assert search(consultation, query) == expected


@on_postgresql
def test_postgresql_search_excludes_words_with_a_minus(consultation, library_and_playground):
    library, _playground = library_and_playground

    assert search(consultation, "Linden -Spielplatz") == set()
    assert search(consultation, "Woche -Spielplatz") == {library.reference}


# --- order -----------------------------------------------------------------------


def test_sort_by_votes_counts_online_and_analog_votes(consultation):
    online_five = ProposalFactory(consultation=consultation, title="fünf online")
    mixed_seven = ProposalFactory(consultation=consultation, title="eine online, sechs analog")
    none = ProposalFactory(consultation=consultation, title="keine")
    VoteFactory.create_batch(5, proposal=online_five)
    VoteFactory(proposal=mixed_seven)
    AnalogTallyFactory(proposal=mixed_seven, count=6)

    ordered = selectors.order_proposals(selectors.visible_proposals(consultation), "votes")

    assert references(ordered) == [mixed_seven.reference, online_five.reference, none.reference]
    assert [p.total_votes for p in ordered] == [7, 5, 0]


def test_sort_by_comments(consultation):
    quiet, busy, some = ProposalFactory.create_batch(3, consultation=consultation)
    CommentFactory.create_batch(3, proposal=busy)
    CommentFactory(proposal=some)

    ordered = selectors.order_proposals(selectors.visible_proposals(consultation), "comments")

    assert references(ordered) == [busy.reference, some.reference, quiet.reference]


def test_sort_by_newest(consultation):
    now = timezone.now()
    old = ProposalFactory(consultation=consultation, created_at=now - timedelta(days=3))
    new = ProposalFactory(consultation=consultation, created_at=now)
    middle = ProposalFactory(consultation=consultation, created_at=now - timedelta(days=1))

    ordered = selectors.order_proposals(selectors.visible_proposals(consultation), "newest")

    assert references(ordered) == [new.reference, middle.reference, old.reference]


def test_sort_through_the_filter_set(consultation):
    few, many = ProposalFactory.create_batch(2, consultation=consultation)
    VoteFactory.create_batch(2, proposal=many)

    filterset = ProposalFilterSet({"sort": "votes"}, queryset=selectors.visible_proposals(consultation))

    assert references(filterset.qs) == [many.reference, few.reference]


def test_random_order_is_the_same_for_the_same_seed_across_calls_and_pages(consultation):
    ProposalFactory.create_batch(12, consultation=consultation)

    def page(number: int) -> list[str]:
        ordered = selectors.order_proposals(selectors.visible_proposals(consultation), "random", seed=SEEDS[0])
        return references(ordered[(number - 1) * 5 : number * 5])

    whole = references(selectors.order_proposals(selectors.visible_proposals(consultation), "random", seed=SEEDS[0]))
    assert page(1) + page(2) + page(3) == whole
    assert len(set(whole)) == 12
    assert whole == references(
        selectors.order_proposals(selectors.visible_proposals(consultation), "random", seed=SEEDS[0])
    )


def test_random_order_differs_between_seeds_and_from_the_order_of_submission(consultation):
    proposals = ProposalFactory.create_batch(12, consultation=consultation)
    submission_order = references(proposals)

    orders = [
        tuple(references(selectors.order_proposals(selectors.visible_proposals(consultation), "random", seed=seed)))
        for seed in SEEDS
    ]

    assert len(set(orders)) == len(SEEDS)
    assert all(list(order) != submission_order for order in orders)
    assert all(sorted(order) == sorted(submission_order) for order in orders)


# --- filters ---------------------------------------------------------------------


def test_filter_by_topic(consultation):
    language = ProposalFactory(consultation=consultation, topic=topic("sprachfoerderung"))
    ProposalFactory(consultation=consultation, topic=topic("bildung"))

    assert filtered(consultation, topic="sprachfoerderung") == {language.reference}


def test_filter_by_district(consultation):
    linden = ProposalFactory(consultation=consultation, district=district("linden-limmer"))
    ProposalFactory(consultation=consultation, district=district("mitte"))
    ProposalFactory(consultation=consultation, district=None)

    assert filtered(consultation, district="linden-limmer") == {linden.reference}


def test_filter_citywide(consultation):
    ProposalFactory(consultation=consultation, district=district("linden-limmer"))
    citywide = ProposalFactory(consultation=consultation, district=None)

    assert filtered(consultation, district="stadtweit") == {citywide.reference}


def test_filter_by_tag_lists_each_proposal_once(consultation):
    kita = ProposalFactory(consultation=consultation, tags=["Kita", "Eltern"])
    ProposalFactory(consultation=consultation, tags=["Eltern"])

    filterset = ProposalFilterSet({"tag": "kita"}, queryset=selectors.visible_proposals(consultation))

    assert references(filterset.qs) == [kita.reference]


@pytest.mark.parametrize("channel", ["online", "analog"])
def test_filter_by_channel(consultation, channel):
    online = ProposalFactory(consultation=consultation)
    paper = ProposalFactory(consultation=consultation, analog=True)
    phone = ProposalFactory(consultation=consultation, analog=True, channel=Channel.PHONE)
    expected = {"online": {online.reference}, "analog": {paper.reference, phone.reference}}[channel]

    assert filtered(consultation, channel=channel) == expected


def test_filter_proposals_with_a_council_statement(consultation):
    stated = ProposalFactory(consultation=consultation, district=district("linden-limmer"))
    CommentFactory(proposal=stated, statement_district=district("linden-limmer"))
    commented = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=commented)

    assert filtered(consultation, statement="on") == {stated.reference}
    assert filtered(consultation) == {stated.reference, commented.reference}


@pytest.fixture
def answered(consultation):
    """Proposals without response, with a draft response, an adoption and one under review."""
    return {
        "none": ProposalFactory(consultation=consultation),
        "draft": ResponseFactory(proposal__consultation=consultation, draft=True, state=ResponseState.ADOPTED).proposal,
        "adopted": ResponseFactory(proposal__consultation=consultation, state=ResponseState.ADOPTED).proposal,
        "review": ResponseFactory(proposal__consultation=consultation, state=ResponseState.UNDER_REVIEW).proposal,
    }


def test_filter_by_response_state_counts_published_responses_only(consultation, answered):
    assert filtered(consultation, response="adopted") == {answered["adopted"].reference}
    assert filtered(consultation, response="under_review") == {answered["review"].reference}


def test_filter_without_response_includes_unpublished_responses(consultation, answered):
    assert filtered(consultation, response="none") == {answered["none"].reference, answered["draft"].reference}


def test_filters_combine(consultation):
    wanted = ProposalFactory(consultation=consultation, district=district("mitte"), tags=["Kita"])
    ProposalFactory(consultation=consultation, district=district("mitte"))
    ProposalFactory(consultation=consultation, district=district("linden-limmer"), tags=["Kita"])

    assert filtered(consultation, district="mitte", tag="kita", channel="online") == {wanted.reference}


def test_unknown_filter_values_are_reported_not_applied(consultation):
    ProposalFactory(consultation=consultation)

    filterset = ProposalFilterSet(
        {"district": "atlantis", "topic": "gibt-es-nicht"}, queryset=selectors.visible_proposals(consultation)
    )

    assert set(filterset.errors) == {"district", "topic"}


# --- figures ---------------------------------------------------------------------


def test_consultation_figures_count_published_proposals_comments_and_all_votes(consultation, django_assert_num_queries):
    online = ProposalFactory(consultation=consultation)
    analog = ProposalFactory(consultation=consultation, analog=True)
    ProposalFactory(consultation=consultation, hidden=True, comment_count=9, online_votes=9)
    ProposalFactory(consultation=ConsultationPageFactory(), online_votes=4)
    VoteFactory.create_batch(3, proposal=online)
    AnalogTallyFactory(proposal=analog, count=12)
    CommentFactory.create_batch(2, proposal=online)
    CommentFactory(proposal=analog)
    ResponseFactory(proposal=online)
    ResponseFactory(proposal=analog, draft=True)

    with django_assert_num_queries(1):
        figures = selectors.consultation_figures(consultation)

    assert figures == selectors.ConsultationFigures(proposals=2, analog_proposals=1, answered=1, comments=3, votes=15)
    assert figures.answered_share == 50


def test_consultation_figures_of_an_empty_consultation_are_zero(consultation):
    figures = selectors.consultation_figures(consultation)

    assert figures == selectors.ConsultationFigures(proposals=0, analog_proposals=0, answered=0, comments=0, votes=0)
    assert figures.answered_share == 0


def test_vote_state_tells_the_remaining_budget(db):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=5)
    person = UserFactory()
    voted = ProposalFactory.create_batch(2, consultation=consultation)
    for proposal in voted:
        VoteFactory(proposal=proposal, user=person)
    VoteFactory(user=person)  # in another consultation

    state = selectors.vote_state(person, consultation)

    assert state.voted_ids == frozenset(p.pk for p in voted)
    assert (state.used, state.budget, state.remaining) == (2, 5, 3)


def test_events_count_the_proposals_they_brought(consultation):
    workshop, info_stand = EventFactory.create_batch(2, consultation=consultation)
    ProposalFactory.create_batch(2, consultation=consultation, analog=True, channel=Channel.EVENT, event=workshop)

    counts = {e.pk: e.proposal_count for e in selectors.events_for(consultation)}

    assert counts == {workshop.pk: 2, info_stand.pk: 0}


# --- comment threads -------------------------------------------------------------


@pytest.fixture
def thread(consultation):
    """A proposal with a published comment, a reply, a hidden comment and a hidden reply."""
    proposal = ProposalFactory(consultation=consultation)
    author = UserFactory(display_name="Hüseyin")
    now = timezone.now()
    top = CommentFactory(proposal=proposal, created_at=now - timedelta(minutes=30))
    reply = CommentFactory(proposal=proposal, parent=top, created_at=now - timedelta(minutes=20))
    hidden_reply = CommentFactory(
        proposal=proposal, parent=top, author=author, state=CommentState.HIDDEN, created_at=now - timedelta(minutes=15)
    )
    hidden = CommentFactory(
        proposal=proposal, author=author, state=CommentState.HIDDEN, created_at=now - timedelta(minutes=10)
    )
    return {
        "proposal": proposal,
        "author": author,
        "top": top,
        "reply": reply,
        "hidden": hidden,
        "hidden_reply": hidden_reply,
    }


def shape(comments) -> list[tuple[int, list[int]]]:
    return [(c.pk, [r.pk for r in c.reply_list]) for c in comments]


@pytest.mark.parametrize("viewer", [None, AnonymousUser, UserFactory], ids=["nobody", "anonymous", "stranger"])
def test_comment_thread_hides_hidden_comments_from_strangers(thread, viewer):
    comments = selectors.comment_thread(thread["proposal"], viewer=viewer() if viewer else None)

    assert shape(comments) == [(thread["top"].pk, [thread["reply"].pk])]


def test_comment_thread_shows_hidden_comments_to_their_author(thread):
    comments = selectors.comment_thread(thread["proposal"], viewer=thread["author"])

    assert shape(comments) == [
        (thread["top"].pk, [thread["reply"].pk, thread["hidden_reply"].pk]),
        (thread["hidden"].pk, []),
    ]


def test_comment_thread_shows_hidden_comments_to_moderators(thread):
    moderator = UserFactory(roles=[Role.MODERATOR], is_staff=True)

    comments = selectors.comment_thread(thread["proposal"], viewer=moderator)

    assert shape(comments) == [
        (thread["top"].pk, [thread["reply"].pk, thread["hidden_reply"].pk]),
        (thread["hidden"].pk, []),
    ]


def test_deleted_comment_stays_in_the_thread_with_its_replies(thread):
    top = thread["top"]
    top.text, top.deleted_at = "", timezone.now()
    top.save()

    comments = selectors.comment_thread(thread["proposal"])

    assert shape(comments) == [(top.pk, [thread["reply"].pk])]
    assert comments[0].is_deleted


def test_statements_leave_out_hidden_and_deleted_ones(consultation):
    proposal = ProposalFactory(consultation=consultation, district=district("linden-limmer"))
    linden = district("linden-limmer")
    shown = CommentFactory(proposal=proposal, statement_district=linden)
    CommentFactory(proposal=proposal, statement_district=linden, state=CommentState.HIDDEN)
    CommentFactory(proposal=proposal, statement_district=linden, deleted_at=timezone.now(), text="")
    CommentFactory(proposal=proposal)

    assert [c.pk for c in selectors.statements_for(proposal)] == [shown.pk]


# --- query counts ----------------------------------------------------------------


def test_comment_thread_query_count_does_not_grow_with_comments(consultation):
    proposal = ProposalFactory(consultation=consultation)
    authors = UserFactory.create_batch(3)
    viewer_pk = UserFactory().pk

    def build(n: int) -> None:
        while proposal.comments.count() < n:
            i = proposal.comments.count()
            top = CommentFactory(proposal=proposal, author=authors[i % 3])
            CommentFactory(
                proposal=proposal,
                parent=top,
                author=authors[(i + 1) % 3],
                statement_district=district("linden-limmer") if i % 4 == 0 else None,
            )

    def read() -> None:
        viewer = User.objects.get(pk=viewer_pk)  # a fresh request's user: no permission cache yet
        for comment in selectors.comment_thread(proposal, viewer=viewer):
            _ = (comment.author.display_name, comment.statement_district and comment.statement_district.name)
            for reply in comment.reply_list:
                _ = (reply.author.display_name, reply.statement_district and reply.statement_district.name)

    count = assert_constant_queries(build, read, sizes=(10, 50))

    assert count <= 4  # the viewer (1), their permissions (2), the comments with their replies (1)


def test_proposal_list_query_count_does_not_grow_with_proposals(consultation):
    authors = UserFactory.create_batch(3)
    organisation = OrganisationFactory()
    event = EventFactory(consultation=consultation)

    def build(n: int) -> None:
        while consultation.proposals.count() < n:
            i = consultation.proposals.count()
            if i % 3 == 2:
                proposal = ProposalFactory(
                    consultation=consultation, analog=True, channel=Channel.EVENT, event=event, tags=["Kita"]
                )
            else:
                proposal = ProposalFactory(
                    consultation=consultation,
                    author=authors[i % 3],
                    organisation=organisation if i % 2 else None,
                    district=district("linden-limmer") if i % 2 else None,
                    tags=["Kita", f"Schlagwort {i}"],
                )
            if i % 4 == 0:
                ResponseFactory(proposal=proposal)

    def read() -> None:  # what a list entry shows (includes/proposal_item.html); no tags, no event
        for proposal in selectors.with_reference_data(selectors.visible_proposals(consultation)):
            response = getattr(proposal, "response", None)
            _ = (
                proposal.reference,
                proposal.title,
                proposal.topic.name,
                proposal.district and proposal.district.name,
                proposal.display_author,
                proposal.organisation and proposal.organisation.is_verified,
                proposal.author_name,
                proposal.is_analog,
                proposal.get_channel_display(),
                response and (response.published_at, response.get_state_display()),
                proposal.total_votes,
                proposal.comment_count,
                proposal.statement_count,
                proposal.created_at,
            )

    read()  # fills the cached topics and districts, as the first request of a process does
    count = assert_constant_queries(build, read, sizes=(10, 50))

    assert count == 1


def test_filtered_and_sorted_list_query_count_does_not_grow_with_proposals(consultation):
    def build(n: int) -> None:
        while consultation.proposals.count() < n:
            proposal = ProposalFactory(consultation=consultation, tags=["Kita", "Eltern"])
            CommentFactory(proposal=proposal, statement_district=district("linden-limmer"))

    def read() -> None:
        filterset = ProposalFilterSet(
            {
                "topic": "sprachfoerderung",
                "tag": "kita",
                "statement": "on",
                "channel": "online",
                "sort": "random",
                "response": "none",
            },
            queryset=selectors.visible_proposals(consultation),
            seed=SEEDS[0],
        )
        for proposal in selectors.with_reference_data(filterset.qs):
            _ = (proposal.topic.name, proposal.display_author, proposal.title)

    read()  # fills the cached topics and districts
    assert_constant_queries(build, read, sizes=(10, 50))
