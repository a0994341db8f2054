"""Issue 16: whole proposal cards come from the cache, for signed-in people too (consultation/views/card_cache.py),
and every write that changes a card shows on the next view.

Signed-in pages are never served from the page cache, so each request below renders the list anew; only the cards
may come from the cache, one per kind of vote offer. The personal values of the offer (CSRF token, the address the
vote returns to, the votes left) are filled in for each request.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation import services
from consultation.models import ResponseState
from consultation.responses.services import response_save
from lip.pagecache import fragments

pytestmark = pytest.mark.usefixtures("page_cache")


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def card_keys() -> list[str]:
    return [key for key in cache._cache if f":{fragments.PREFIX}:item:" in key]  # locmem: its keys carry a prefix


def test_a_second_view_takes_the_cards_from_the_cache(client_for, user, list_url, make_proposal):
    for number in range(3):
        make_proposal(title=f"Vorschlag Nummer {number}")
    client = client_for(user)
    first = client.get(list_url).content.decode()
    assert len(card_keys()) == 3

    second = client.get(list_url).content.decode()

    assert second.count("proposal-item__title") == 3
    assert without_tokens(first) == without_tokens(second)


def test_without_the_page_cache_nothing_is_stored(settings, client_for, user, list_url, proposal):
    settings.LIP_PAGE_CACHE = False
    assert proposal.title in client_for(user).get(list_url).content.decode()
    assert card_keys() == []


def test_a_vote_changes_the_count_on_the_next_signed_in_view(
    client_for, user, moderator, list_url, proposal, clock, committed
):
    clock.travel("voting")
    client = client_for(moderator)
    assert "0 Stimmen" in client.get(list_url).content.decode()

    with committed():
        services.vote_cast(proposal=proposal, user=user)

    assert "1 Stimme" in client.get(list_url).content.decode()


def test_the_vote_offer_stays_personal(client_for, user, moderator, list_url, proposal, clock, committed):
    clock.travel("voting")
    with committed():
        services.vote_cast(proposal=proposal, user=user)
    assert "Sie unterstützen diesen Vorschlag." in client_for(user).get(list_url).content.decode()

    page = client_for(moderator).get(list_url).content.decode()  # the same cards from the cache, another person

    assert "Sie unterstützen diesen Vorschlag." not in page
    assert "1 Stimme" in page


def test_a_comment_and_a_response_show_on_the_next_view(client_for, user, moderator, list_url, proposal, committed):
    client = client_for(moderator)
    assert "0 Kommentare" in client.get(list_url).content.decode()

    with committed():
        services.comment_create(proposal=proposal, author=user, text="Gute Idee.")
    with committed():
        response_save(
            proposal=proposal,
            user=moderator,
            state=ResponseState.ADOPTED,
            text="Wird umgesetzt.",
            department="Fachbereich Bildung",
            publish=True,
        )

    page = client.get(list_url).content.decode()
    assert "1 Kommentar" in page
    assert "chip--adopted" in page


def test_a_renamed_topic_shows_on_the_cards_and_in_the_filter(client_for, user, list_url, proposal, topic, committed):
    client = client_for(user)
    client.get(list_url)
    with committed():
        topic.name = "Sprache und Begegnung"
        topic.save()

    page = client.get(list_url).content.decode()
    assert page.count("Sprache und Begegnung") == 2, "on the card and among the filter's choices"


def test_each_language_has_its_own_cards(client_for, user, list_url, proposal):
    client = client_for(user)
    assert "stadtweit" in client.get(list_url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get("/sprache/en/?next=" + list_url, follow=True).content.decode()
    assert "city-wide" in english


def test_cached_cards_cost_no_query_of_their_own(client_for, user, list_url, make_proposal):
    for number in range(5):
        make_proposal(title=f"Vorschlag Nummer {number}")
    client = client_for(user)
    client.get(list_url)
    with CaptureQueriesContext(connection) as cold:
        client.get(list_url)
    for number in range(5, 20):
        make_proposal(title=f"Vorschlag Nummer {number}")
    with CaptureQueriesContext(connection) as warm:
        client.get(list_url)
    assert len(warm) == len(cold)


def test_the_filter_form_shows_each_query_as_it_was_asked(client_for, user, list_url, proposal, topic):
    client = client_for(user)
    for _ in range(2):  # rendered, then from the cache
        plain = client.get(list_url).content.decode()
        chosen = client.get(list_url, {"topic": topic.slug}).content.decode()
        assert "Filter (1 aktiv)" in chosen and "Filter (1 aktiv)" not in plain
        assert f'<option value="{topic.slug}" selected>' in chosen


def test_a_wrong_filter_is_refused_each_time(client_for, user, list_url, proposal):
    client = client_for(user)
    for _ in range(2):
        response = client.get(list_url, {"topic": "gibt-es-nicht"})
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()


def test_a_cached_card_carries_each_persons_own_values(client_for, user, moderator, list_url, proposal, clock):
    clock.travel("voting")
    first = client_for(user)
    first.get(list_url)  # stores the card with its offer to support the proposal
    page = first.get(list_url + "?page=1").content.decode()
    other = client_for(moderator).get(list_url).content.decode()

    assert len(card_keys()) == 1, "one card for both people and both addresses"
    assert f'name="next" value="{list_url}?page=1"' in page
    assert f'name="next" value="{list_url}"' in other
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert len(token) == 64 and token.isalnum()
    assert not re.search(r"lip[0-9a-f]{20}", page), "no placeholder left in the page"


def test_a_vote_cast_from_a_cached_card_passes_the_csrf_check(client_for, user, list_url, proposal, clock):
    from django.test import Client

    clock.travel("voting")
    client_for(user).get(list_url)  # the card is stored
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(list_url).content.decode()
    action = re.search(r'<form method="post" action="([^"]+/stimme/)"', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = client.post(action, {"csrfmiddlewaretoken": token, "next": list_url})

    assert response.status_code == 302
    assert proposal.votes.filter(user=user).exists()


def test_the_votes_left_are_each_persons_own(
    client_for, user, moderator, consultation, list_url, make_proposal, clock, committed
):
    consultation.vote_budget = 3
    consultation.save()
    supported, other = make_proposal(title="Erster Vorschlag"), make_proposal(title="Zweiter Vorschlag")
    clock.travel("voting")
    with committed():
        services.vote_cast(proposal=supported, user=user)

    mine = client_for(user).get(list_url).content.decode()
    theirs = client_for(moderator).get(list_url).content.decode()

    assert "Sie haben noch 2 von 3 Stimmen." in mine and "Sie unterstützen diesen Vorschlag." in mine
    assert "Sie haben noch 3 von 3 Stimmen." in theirs and "Sie unterstützen diesen Vorschlag." not in theirs
    assert other.title in mine and other.title in theirs


def test_the_lists_count_comes_from_the_cache_until_a_proposal_changes(
    client_for, user, list_url, make_proposal, committed
):
    from consultation import page_cache
    from consultation.models import ProposalState

    first, _second = make_proposal(title="Erster Vorschlag"), make_proposal(title="Zweiter Vorschlag")
    client = client_for(user)
    assert "2 Vorschläge" in client.get(list_url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "2 Vorschläge" in client.get(list_url).content.decode()
    assert not [q for q in warm.captured_queries if "COUNT(" in q["sql"]], "the count came from the cache"

    with committed():
        first.state = ProposalState.HIDDEN
        first.save(update_fields=["state"])
        page_cache.proposal_changed(first)

    assert "1 Vorschlag" in client.get(list_url).content.decode()


def test_each_filter_has_its_own_count(client_for, user, list_url, make_proposal, topic):
    from lip.models import Topic

    make_proposal(title="Erster Vorschlag")
    make_proposal(title="Zweiter Vorschlag", topic=Topic.objects.exclude(pk=topic.pk).first())
    client = client_for(user)
    for _ in range(2):  # counted, then from the cache
        assert "2 Vorschläge" in client.get(list_url).content.decode()
        assert "1 Vorschlag passt" in client.get(list_url, {"topic": topic.slug}).content.decode()
