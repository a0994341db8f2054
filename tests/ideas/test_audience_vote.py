"""The audience prize (Publikumspreis): the consultation's vote mechanism, reused for applications."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from consultation.voting import VoteRefused
from ideas import permissions
from ideas.audience import services as audience_services
from ideas.models import Application, AudienceVote
from tests import factories
from tests.helpers import assert_constant_queries, outcome_kinds, run_in_threads

from . import factories as idea_factories
from .conftest import BERLIN

pytestmark = pytest.mark.usefixtures("counters_agree")  # every scenario leaves counters equal to rows

VOTE_START = datetime(2026, 4, 10, 9, 0, tzinfo=BERLIN)
VOTE_END = datetime(2026, 4, 30, 18, 0, tzinfo=BERLIN)  # the frozen clock (20 April) lies inside


@pytest.fixture
def with_vote(competition):
    competition.audience_vote_start = VOTE_START
    competition.audience_vote_end = VOTE_END
    competition.audience_vote_budget = 2
    competition.save()
    return competition


@pytest.fixture
def candidates(with_vote, make_application):
    return [make_application(title=f"Idee {n}", state="eligible") for n in range(3)]


@pytest.fixture
def voter(db):
    return factories.UserFactory()


def _url(competition, *parts) -> str:
    return competition.url + competition.reverse_subpage("audience_vote") + "".join(f"{p}/" for p in parts)


def test_a_vote_is_stored_and_counted(candidates, voter):
    audience_services.audience_vote_cast(application=candidates[0], user=voter)

    candidates[0].refresh_from_db()
    assert candidates[0].audience_votes == 1
    assert AudienceVote.objects.filter(user=voter).count() == 1


def test_a_second_vote_for_the_same_application_is_refused(candidates, voter):
    audience_services.audience_vote_cast(application=candidates[0], user=voter)

    with pytest.raises(VoteRefused, match=r"Sie unterstützen diesen Antrag bereits\."):
        audience_services.audience_vote_cast(application=candidates[0], user=voter)

    candidates[0].refresh_from_db()
    assert candidates[0].audience_votes == 1


def test_a_vote_over_the_budget_is_refused(candidates, voter):
    audience_services.audience_vote_cast(application=candidates[0], user=voter)
    audience_services.audience_vote_cast(application=candidates[1], user=voter)

    with pytest.raises(VoteRefused, match="alle 2 Stimmen"):
        audience_services.audience_vote_cast(application=candidates[2], user=voter)

    assert AudienceVote.objects.filter(user=voter).count() == 2


def test_withdrawing_gives_the_vote_back(candidates, voter):
    audience_services.audience_vote_cast(application=candidates[0], user=voter)
    audience_services.audience_vote_withdraw(application=candidates[0], user=voter)

    candidates[0].refresh_from_db()
    assert candidates[0].audience_votes == 0
    assert not AudienceVote.objects.exists()


@pytest.mark.parametrize("moment", ["before", "after"])
def test_voting_outside_the_window_is_refused(candidates, voter, clock, moment):
    clock.travel(VOTE_START - timedelta(minutes=1) if moment == "before" else VOTE_END)
    candidates[0].competition.refresh_from_db()

    with pytest.raises(PermissionDenied):
        audience_services.audience_vote_cast(application=candidates[0], user=voter)

    assert not AudienceVote.objects.exists()


def test_the_refusal_before_the_window_names_the_start(candidates, voter, clock):
    clock.travel(VOTE_START - timedelta(days=1))

    decision = permissions.can_audience_vote(voter, candidates[0])

    assert not decision
    assert decision.opens_at == VOTE_START
    assert "beginnt am" in decision.reason


def test_representatives_cannot_vote_for_their_own_organisation(candidates, representative):
    decision = permissions.can_audience_vote(representative, candidates[0])

    assert decision.reason == "Für Anträge der eigenen Organisation können Sie nicht stimmen."
    with pytest.raises(PermissionDenied):
        audience_services.audience_vote_cast(application=candidates[0], user=representative)


def test_drafts_are_not_candidates(with_vote, draft, voter):
    with pytest.raises(PermissionDenied):
        audience_services.audience_vote_cast(application=draft, user=voter)


def test_a_competition_without_audience_prize_refuses_votes(eligible, voter):
    assert not permissions.can_audience_vote(voter, eligible)


def test_the_list_offers_a_button_per_candidate_and_the_remaining_votes(client, candidates, voter):
    client.force_login(voter)

    body = client.get(_url(candidates[0].competition)).content.decode()

    assert body.count("Antrag unterstützen") == 3
    assert "Sie haben noch 2 von 2 Stimmen." in body


def test_posting_a_vote_through_the_page_counts_it(client, candidates, voter):
    client.force_login(voter)

    response = client.post(_url(candidates[0].competition, candidates[0].pk, "stimme"))

    assert response.status_code == 302
    assert Application.objects.get(pk=candidates[0].pk).audience_votes == 1


def test_anonymous_posts_are_sent_to_log_in_and_store_nothing(client, candidates):
    response = client.post(_url(candidates[0].competition, candidates[0].pk, "stimme"))

    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    assert not AudienceVote.objects.exists()


def test_an_application_of_another_competition_is_not_found(client, candidates, voter, home_page):
    other = idea_factories.ApplicationFactory(state="eligible")
    client.force_login(voter)

    response = client.post(_url(candidates[0].competition, other.pk, "stimme"))

    assert response.status_code == 404
    assert not AudienceVote.objects.exists()


def test_a_get_on_the_vote_action_is_not_allowed(client, candidates, voter):
    client.force_login(voter)

    assert client.get(_url(candidates[0].competition, candidates[0].pk, "stimme")).status_code == 405


def test_the_list_costs_the_same_queries_for_few_and_many_candidates(client, with_vote, make_application, voter):
    client.force_login(voter)
    made = []

    def build(n):
        while len(made) < n:
            made.append(make_application(title=f"Idee {len(made)}", state="eligible"))

    client.get(_url(with_vote))  # warm-up: the site and session lookups of a first request

    assert_constant_queries(build, lambda: client.get(_url(with_vote)), sizes=(3, 15))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_votes_of_twenty_people_are_all_counted(home_page, clock):
    competition = idea_factories.CompetitionPageFactory(
        audience_vote_start=VOTE_START, audience_vote_end=VOTE_END, audience_vote_budget=1
    )
    application = idea_factories.ApplicationFactory(competition=competition, state="eligible")
    voters = [factories.UserFactory() for _ in range(20)]
    outcomes = run_in_threads(
        lambda person: audience_services.audience_vote_cast(
            application=Application.objects.get(pk=application.pk), user=person
        ),
        voters,
    )

    application.refresh_from_db()
    assert outcome_kinds(outcomes) == {"ok": 20}, outcomes
    assert application.audience_votes == 20 == AudienceVote.objects.filter(application=application).count()
