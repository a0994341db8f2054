"""The proposal list: filters, search, sort, pagination, and forged filter values."""

import re

import pytest

from consultation.models import Channel, ProposalState, Response, ResponseState
from lip.models import District, Topic


def listed(response) -> list[str]:
    """The references listed, in order."""
    return re.findall(r'class="proposal-item__reference">(LIP-\d{4}-\d{4,})<', response.content.decode())


def test_list_shows_published_proposals_of_this_consultation_only(
    client, clock, list_url, make_proposal, other_consultation
):
    shown = make_proposal(title="Sichtbar")
    make_proposal(title="Ausgeblendet", state=ProposalState.HIDDEN)
    make_proposal(title="Zurückgezogen", state=ProposalState.WITHDRAWN)
    make_proposal(title="Anderswo", consultation=other_consultation)
    response = client.get(list_url)
    assert response.status_code == 200
    assert listed(response) == [shown.reference]


def test_list_item_shows_facts(client, clock, list_url, make_proposal, representative, organisation, district):
    proposal = make_proposal(
        author=representative,
        organisation=organisation,
        district=district,
        online_votes=30,
        analog_votes=12,
        comment_count=3,
        statement_count=1,
    )
    Response.objects.create(proposal=proposal, state=ResponseState.FORWARDED, published_at=clock.now)
    body = client.get(list_url).content.decode()
    for text in (
        proposal.reference,
        "Sprachförderung",
        "Linden-Limmer",
        f"im Namen von {organisation.name}",
        "✓ bestätigt",
        "online",
        "42 Stimmen, davon 12 analog",
        "3 Kommentare",
        "mit Stellungnahme eines Integrationsbeirats",
        "an die zuständige Stelle weitergeleitet",
    ):
        assert text in body, text


def test_filter_form_has_labels_and_works_as_plain_get(client, clock, list_url):
    body = client.get(list_url).content.decode()
    assert 'method="get"' in body
    for name in ("q", "topic", "district", "tag", "channel", "statement", "response", "sort"):
        assert f'<label for="id_{name}">' in body, name


def filter_toggle(body: str) -> str:
    """The opening tag of the folded filter form and its summary."""
    return re.search(r'<details class="filter-panel"[^>]*>\s*<summary[^>]*>[^<]*</summary>', body).group(0)


@pytest.mark.parametrize(
    "query, opened, label",
    [
        ("", False, ">Filter</summary>"),
        ("?sort=votes&page=2", False, ">Filter</summary>"),  # order and page are not filters
        ("?district=linden-limmer", True, ">Filter (1 aktiv)</summary>"),
        ("?district=linden-limmer&statement=on&sort=votes", True, ">Filter (2 aktiv)</summary>"),
    ],
)
def test_filters_fold_and_say_how_many_are_set(client, clock, list_url, query, opened, label):
    toggle = filter_toggle(client.get(list_url + query).content.decode())
    assert label in toggle
    assert (" open>" in toggle) is opened


def test_wrong_filters_open_the_folded_form_to_show_the_errors(client, clock, list_url):
    response = client.get(list_url + "?channel=brieftaube")
    assert response.status_code == 400
    assert " open>" in filter_toggle(response.content.decode())


@pytest.mark.parametrize(
    "query, expected",
    [
        ("topic=bildung", ["bildung"]),
        ("district=linden-limmer", ["linden"]),
        ("district=stadtweit", ["citywide", "bildung", "analog", "tagged", "statement", "answered"]),
        ("tag=kita", ["tagged"]),
        ("channel=analog", ["analog"]),
        ("channel=online", ["citywide", "linden", "bildung", "tagged", "statement", "answered"]),
        ("statement=on", ["statement"]),
        ("response=adopted", ["answered"]),
        ("q=Bücherei", ["bildung"]),
        ("district=linden-limmer&channel=analog", []),
    ],
)
def test_filters(client, clock, list_url, make_proposal, district, moderator, query, expected):
    bildung = Topic.objects.get(slug="bildung")
    made = {
        "citywide": make_proposal(title="Stadtweit"),
        "linden": make_proposal(title="In Linden", district=district),
        "bildung": make_proposal(title="Bücherei-Projekt", topic=bildung),
        "analog": make_proposal(title="Vom Papier", channel=Channel.PAPER, author=None, recorded_by=moderator),
        "tagged": make_proposal(title="Mit Schlagwort", tags=["Kita"]),
        "statement": make_proposal(title="Mit Stellungnahme", statement_count=1),
        "answered": make_proposal(title="Beantwortet"),
    }
    Response.objects.create(proposal=made["answered"], state=ResponseState.ADOPTED, published_at=clock.now)
    response = client.get(f"{list_url}?{query}")
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(made[key].reference for key in expected)


def test_unanswered_filter_includes_unpublished_responses(client, clock, list_url, make_proposal):
    draft = make_proposal(title="Entwurf")
    Response.objects.create(proposal=draft, state=ResponseState.ADOPTED)
    answered = make_proposal(title="Beantwortet")
    Response.objects.create(proposal=answered, state=ResponseState.ADOPTED, published_at=clock.now)
    assert listed(client.get(list_url + "?response=none")) == [draft.reference]


def test_search_finds_reference_numbers(client, clock, list_url, make_proposal):
    target = make_proposal(title="Eins")
    make_proposal(title="Zwei")
    assert listed(client.get(f"{list_url}?q={target.reference}")) == [target.reference]


def test_sort_by_votes_and_comments(client, clock, list_url, make_proposal):
    few = make_proposal(title="Wenig", online_votes=1, comment_count=9)
    many = make_proposal(title="Viel", online_votes=5, analog_votes=5, comment_count=0)
    assert listed(client.get(list_url + "?sort=votes")) == [many.reference, few.reference]
    assert listed(client.get(list_url + "?sort=comments")) == [few.reference, many.reference]
    assert listed(client.get(list_url + "?sort=newest")) == [many.reference, few.reference]


def test_pagination_20_per_page_keeps_filters(client, clock, list_url, make_proposal):
    for i in range(25):
        make_proposal(title=f"Vorschlag {i}")
    first = client.get(list_url + "?channel=online")
    second = client.get(list_url + "?channel=online&page=2")
    assert len(listed(first)) == 20
    assert len(listed(second)) == 5
    assert 'href="?channel=online&amp;page=2"' in first.content.decode()
    assert set(listed(first)).isdisjoint(listed(second))
    assert "25 Vorschläge" in first.content.decode()


def test_random_order_is_stable_for_a_visitor_while_paging(client, clock, list_url, make_proposal):
    made = {make_proposal(title=f"Vorschlag {i}").reference for i in range(30)}
    first = listed(client.get(list_url + "?sort=random"))
    seed = client.session["consultation_sort_seed"]
    again = listed(client.get(list_url + "?sort=random"))
    second = listed(client.get(list_url + "?sort=random&page=2"))
    assert first == again
    assert client.session["consultation_sort_seed"] == seed
    assert set(first) | set(second) == made
    assert len(first) + len(second) == 30


def test_random_order_differs_between_visitors(clock, list_url, make_proposal):
    from django.test import Client

    for i in range(30):
        make_proposal(title=f"Vorschlag {i}")
    orders = {tuple(listed(Client().get(list_url + "?sort=random"))) for _ in range(4)}
    assert len(orders) > 1


@pytest.mark.parametrize(
    "query, field",
    [
        ("topic=gibt-es-nicht", "Handlungsfeld"),
        ("topic=1", "Handlungsfeld"),
        ("district=atlantis", "Stadtbezirk"),
        ("channel=brieftaube", "Weg"),
        ("response=vielleicht", "Antwort der Verwaltung"),
        ("sort=beliebt", "Sortierung"),
        ("q=" + "x" * 201, "Suche"),
        ("tag=" + "x" * 101, "Schlagwort"),
    ],
)
def test_forged_filter_values_give_400_with_errors_and_list_nothing(
    client, clock, list_url, make_proposal, query, field
):
    make_proposal()
    response = client.get(f"{list_url}?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="form-errors"' in body
    assert f">{field}: " in body
    assert listed(response) == []


def test_nonsense_page_number_falls_back_to_a_page(client, clock, list_url, make_proposal):
    proposal = make_proposal()
    for page in ("abc", "999", "-1"):
        response = client.get(f"{list_url}?page={page}")
        assert response.status_code == 200
        assert listed(response) == [proposal.reference]


def test_list_offers_submission_with_the_same_predicate(client_for, clock, list_url, consultation, user):
    create_link = f'<a class="button" href="{consultation.url}vorschlaege/neu/">'
    assert create_link in client_for(user).get(list_url).content.decode()
    clock.travel("discussion")
    body = client_for(user).get(list_url).content.decode()
    assert create_link not in body
    assert "In der aktuellen Phase ist das nicht möglich." in body


def test_post_to_the_list_is_not_allowed(client, clock, list_url):
    assert client.post(list_url).status_code == 405


def test_district_filter_offers_all_districts(client, clock, list_url):
    body = client.get(list_url).content.decode()
    assert all(f'value="{d.slug}"' in body for d in District.objects.all())


def test_a_topic_added_in_the_admin_is_offered_and_filters_at_once(client, clock, list_url, make_proposal):
    client.get(list_url)  # the filter's topics are in the cache now (lip.reference)
    topic = Topic.objects.create(name="Wohnen", slug="wohnen", sort_order=1)
    wanted = make_proposal(topic=topic, title="Wohnungen für Familien")
    make_proposal(title="Etwas anderes")

    assert 'value="wohnen"' in client.get(list_url).content.decode()
    assert listed(client.get(list_url + "?topic=wohnen")) == [wanted.reference]


def test_a_list_entry_shows_the_answer_only_once_published(client, clock, list_url, make_proposal):
    answered = make_proposal(title="Beantwortet")
    drafted = make_proposal(title="Entwurf einer Antwort")
    make_proposal(title="Ohne Antwort")
    Response.objects.create(proposal=answered, state=ResponseState.ADOPTED, text="Ja.", published_at=clock.now)
    Response.objects.create(proposal=drafted, state=ResponseState.NOT_ADOPTED, text="Nein.")

    body = client.get(list_url).content.decode()

    assert body.count("Antwort der Verwaltung: noch keine Antwort") == 2
    assert body.count(f"Antwort der Verwaltung: {ResponseState.ADOPTED.label}") == 1
