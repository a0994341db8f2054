"""Proposal cards that invite action (issue 17): the field of action with its own icon, the state as a chip, the
support, and in the voting phase the vote button on the card, which returns to the same list."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse

from consultation.models import ProposalState, Response, ResponseState, Vote
from lip.models import Topic, TopicIcon
from tests.helpers import assert_constant_queries, cached_page

pytestmark = pytest.mark.usefixtures("counters_agree")


@pytest.fixture
def voted(client_for, clock, make_proposal, user):
    """In the voting phase: a proposal the user supports, and the user's client."""
    clock.travel("voting")
    proposal = make_proposal()
    client = client_for(user)
    client.post(proposal.get_absolute_url() + "stimme/")
    return proposal, client


@pytest.fixture
def budget_of_one(client_for, clock, make_consultation, make_proposal, user):
    """In the voting phase of a consultation where each person has one vote: the user's client, two proposals."""
    consultation = make_consultation(vote_budget=1)
    clock.travel("voting")
    first, second = make_proposal(consultation=consultation), make_proposal(consultation=consultation)
    return client_for(user), first, second


def card(body: str, proposal) -> str:
    """The markup of the proposal's card in a list."""
    start = body.find(f'<li class="proposal-item" id="proposal-{proposal.pk}">')
    assert start >= 0, f"no card for {proposal.reference}"
    return body[start : body.index("</article>", start)]


def vote_forms(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="([^"]+)">', html)


# --- The field of action's icon -------------------------------------------------------------


def test_the_seeded_fields_of_action_have_fitting_icons(db):
    icons = dict(Topic.objects.values_list("slug", "icon"))

    assert icons["sprachfoerderung"] == TopicIcon.LANGUAGE
    assert icons["bildung"] == TopicIcon.EDUCATION
    assert icons["wohnen-und-leben"] == TopicIcon.HOUSING
    assert icons["antidiskriminierung"] == TopicIcon.ANTIDISCRIMINATION
    assert TopicIcon.GENERIC not in icons.values()


def test_every_icon_choice_has_a_symbol_in_the_sprite():
    from django.contrib.staticfiles import finders

    sprite = Path(finders.find("lip/img/topics.svg")).read_text(encoding="utf-8")

    for icon in TopicIcon.values:
        assert f'<symbol id="topic-{icon}" viewBox="0 0 24 24">' in sprite, icon
    assert "http://" not in sprite.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing from elsewhere


def test_a_card_shows_the_topic_icon_next_to_its_name(client, clock, list_url, make_proposal):
    proposal = make_proposal()

    html = card(client.get(list_url).content.decode(), proposal)

    assert re.search(
        r'<svg class="topic-icon" width="24" height="24" aria-hidden="true" focusable="false">'
        r'<use href="/static/lip/img/topics\.svg#topic-language"></use></svg><span>Sprachförderung</span>',
        html,
    )


def test_a_topic_without_a_chosen_icon_gets_the_generic_one(client, clock, list_url, make_proposal):
    topic = Topic.objects.create(name="Sport und Bewegung", slug="sport-und-bewegung")
    proposal = make_proposal(topic=topic)

    assert "topics.svg#topic-generic" in card(client.get(list_url).content.decode(), proposal)


def test_the_icon_is_chosen_in_the_topic_snippet_form(client_for, moderator, topic):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    url = AdminURLFinder(moderator).get_edit_url(topic)
    if url is None:
        pytest.skip("topics are not editable by moderators here")
    body = client_for(moderator).get(url).content.decode()

    assert '<select name="icon"' in body
    assert '<option value="language" selected>' in body


# --- The state as a chip ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "state, text, css",
    [
        (ResponseState.ADOPTED, "Antwort der Verwaltung: in den LIP übernommen", "chip--adopted"),
        (ResponseState.PARTLY_ADOPTED, "Antwort der Verwaltung: teilweise übernommen", "chip--partly_adopted"),
        (ResponseState.NOT_ADOPTED, "Antwort der Verwaltung: nicht übernommen", "chip--not_adopted"),
        (ResponseState.UNDER_REVIEW, "Antwort der Verwaltung: in Prüfung", "chip--under_review"),
    ],
)
def test_the_published_answer_is_a_chip_with_words(client, clock, list_url, make_proposal, state, text, css):
    proposal = make_proposal()
    Response.objects.create(proposal=proposal, state=state, text="Antwort.", published_at=clock.now)

    html = card(client.get(list_url).content.decode(), proposal)

    assert f'<span class="chip {css}">{text}</span>' in html


def test_without_a_published_answer_the_chip_says_so_and_in_the_voting_phase_that_it_is_voted_on(
    client, clock, list_url, make_proposal
):
    proposal = make_proposal()
    Response.objects.create(proposal=proposal, state=ResponseState.ADOPTED, text="Entwurf.")  # not published

    assert "Antwort der Verwaltung: noch keine Antwort" in card(client.get(list_url).content.decode(), proposal)
    clock.travel("voting")
    assert '<span class="chip chip--voting">in Abstimmung</span>' in card(
        client.get(list_url).content.decode(), proposal
    )


# --- The vote button on the card ---------------------------------------------------------------


@pytest.mark.parametrize("moment", ["submission", "discussion", "evaluation", "results"])
def test_outside_the_voting_phase_a_card_offers_no_vote(client_for, clock, list_url, make_proposal, user, moment):
    clock.travel(moment)
    proposal = make_proposal()

    html = card(client_for(user).get(list_url).content.decode(), proposal)

    assert vote_forms(html) == []
    assert "abzustimmen" not in html


def test_in_the_voting_phase_a_participant_gets_the_vote_form_with_the_way_back(
    client_for, clock, list_url, make_proposal, user
):
    clock.travel("voting")
    proposal = make_proposal()
    url = list_url + "?sort=votes&page=1"

    html = card(client_for(user).get(url).content.decode(), proposal)

    assert vote_forms(html) == [proposal.get_absolute_url() + "stimme/"]
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'<input type="hidden" name="next" value="{list_url}?sort=votes&amp;page=1">' in html
    assert ">Unterstützen<" in html


def test_a_card_the_person_voted_for_offers_to_withdraw(list_url, voted):
    proposal, client = voted

    html = card(client.get(list_url).content.decode(), proposal)

    assert vote_forms(html) == [proposal.get_absolute_url() + "stimme-zurueckziehen/"]
    assert "Sie unterstützen diesen Vorschlag." in html
    assert "Stimme zurückziehen" in html


def test_with_a_budget_the_card_says_what_is_left_and_refuses_when_it_is_used_up(budget_of_one):
    client, first, second = budget_of_one
    url = first.consultation.url + "vorschlaege/"

    assert "Sie haben noch 1 von 1 Stimmen." in card(client.get(url).content.decode(), first)
    client.post(first.get_absolute_url() + "stimme/")
    html = card(client.get(url).content.decode(), second)

    assert vote_forms(html) == []
    assert "Sie haben alle 1 Stimmen vergeben." in html


def test_anonymous_visitors_get_a_link_to_sign_in_and_back_to_the_card(client, clock, list_url, make_proposal):
    clock.travel("voting")
    proposal = make_proposal()

    html = card(client.get(list_url + "?sort=votes").content.decode(), proposal)

    assert vote_forms(html) == []
    assert "csrfmiddlewaretoken" not in html
    back = quote(f"{list_url}?sort=votes#proposal-{proposal.pk}", safe="")
    assert f'href="{reverse("account_login")}?next={back}">Anmelden, um abzustimmen</a>' in html


def test_people_who_may_not_vote_get_no_vote_form(client_for, clock, list_url, make_proposal, unverified_user):
    clock.travel("voting")
    proposal = make_proposal()

    html = card(client_for(unverified_user).get(list_url).content.decode(), proposal)

    assert vote_forms(html) == []


# --- Voting from the list ------------------------------------------------------------------------


def test_a_vote_from_the_list_returns_to_the_same_list_at_the_card(client_for, clock, list_url, make_proposal, user):
    clock.travel("voting")
    proposal = make_proposal()
    back = list_url + "?sort=votes&page=1"

    response = client_for(user).post(proposal.get_absolute_url() + "stimme/", {"next": back}, follow=False)

    assert response.status_code == 302
    assert response["Location"] == f"{back}#proposal-{proposal.pk}"
    assert Vote.objects.filter(proposal=proposal, user=user).exists()
    page = client_for(user).get(response["Location"]).content.decode()
    assert "Sie unterstützen diesen Vorschlag." in page


def test_withdrawing_from_the_list_returns_to_the_list(list_url, user, voted):
    proposal, client = voted

    response = client.post(proposal.get_absolute_url() + "stimme-zurueckziehen/", {"next": list_url})

    assert response["Location"] == f"{list_url}#proposal-{proposal.pk}"
    assert not Vote.objects.filter(proposal=proposal, user=user).exists()


@pytest.mark.parametrize(
    "forged",
    [
        "https://evil.example/",
        "//evil.example",
        "//evil.example/beteiligung/sprache-und-bildung-1/vorschlaege/",
        "https://testserver/beteiligung/sprache-und-bildung-1/vorschlaege/",
        "/\\evil.example",
        "/konto/",
        "/beteiligung/sprache-und-bildung-1/../../konto/",
        "/beteiligung/sprache-und-bildung-1/%2e%2e/%2e%2e/konto/",
        "/beteiligung/andere-beteiligung/vorschlaege/",
        "javascript:alert(1)",
        "vorschlaege/",
    ],
)
def test_a_forged_next_falls_back_to_the_proposal_page(client_for, clock, make_proposal, user, forged):
    clock.travel("voting")
    proposal = make_proposal()

    response = client_for(user).post(proposal.get_absolute_url() + "stimme/", {"next": forged})

    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url() + "#stimmen"


def test_a_refused_vote_from_the_list_goes_back_to_the_list_with_the_reason(budget_of_one, user):
    client, first, second = budget_of_one
    back = first.consultation.url + "vorschlaege/"
    client.post(first.get_absolute_url() + "stimme/", {"next": back})

    response = client.post(second.get_absolute_url() + "stimme/", {"next": back}, follow=True)

    assert response.redirect_chain[-1][0] == f"{back}#proposal-{second.pk}"
    assert "Sie haben alle 1 Stimmen vergeben." in response.content.decode()
    assert not Vote.objects.filter(proposal=second, user=user).exists()


def test_an_anonymous_vote_from_the_list_is_sent_to_sign_in_and_back_to_the_list(
    client, clock, list_url, make_proposal
):
    clock.travel("voting")
    proposal = make_proposal()

    response = client.post(proposal.get_absolute_url() + "stimme/", {"next": list_url})

    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert "vorschlaege" in response["Location"]
    assert not Vote.objects.exists()


def test_the_consultation_page_shows_the_vote_button_on_its_latest_proposals(
    client_for, clock, consultation, make_proposal, user
):
    clock.travel("voting")
    proposal = make_proposal()

    html = card(client_for(user).get(consultation.url).content.decode(), proposal)

    assert vote_forms(html) == [proposal.get_absolute_url() + "stimme/"]
    assert f'name="next" value="{consultation.url}"' in html


# --- Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [True, False], ids=["participant", "anonymous"])
def test_the_cards_cost_the_same_queries_with_5_and_20_proposals_in_the_voting_phase(
    client_for, clock, make_consultation, make_proposal, user, signed_in
):
    consultation = make_consultation(vote_budget=30)
    clock.travel("voting")
    client = client_for(user if signed_in else None)
    made = []

    def build(n: int) -> None:
        made.extend(make_proposal(consultation=consultation) for _ in range(len(made), n))
        if signed_in:
            for proposal in made[: n // 2]:
                if not proposal.votes.filter(user=user).exists():
                    client.post(proposal.get_absolute_url() + "stimme/")

    url = consultation.url + "vorschlaege/"
    client.get(url)  # warm the per-process caches

    def request():
        body = client.get(url).content.decode()
        assert body.count('class="proposal-item"') == len(made)
        if signed_in:
            assert body.count("stimme-zurueckziehen/") == len(made) // 2
        return body

    count = assert_constant_queries(build, request, sizes=(5, 20))

    print(f"cards in the voting phase, {'participant' if signed_in else 'anonymous'}: {count} queries")
    assert count <= (13 if signed_in else 7)


def test_a_hidden_proposal_has_no_card(client, clock, list_url, make_proposal):
    clock.travel("voting")
    hidden = make_proposal(state=ProposalState.HIDDEN)

    assert f'id="proposal-{hidden.pk}"' not in client.get(list_url).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_the_anonymous_list_in_the_voting_phase_stays_shareable(client, clock, list_url, make_proposal):
    """The cards of anonymous visitors carry only the sign-in link: no form, no CSRF token, nothing personal."""
    clock.travel("voting")
    proposal = make_proposal()

    html = card(cached_page(client, list_url), proposal)

    assert "Anmelden, um abzustimmen" in html
    assert "csrfmiddlewaretoken" not in html
