"""Routing through the page tree in one query (lip.routing): the same pages, 404s and view restrictions as Wagtail's
own walk, at a cost that does not grow with the depth of the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.models import StandardPage


@pytest.fixture
def tree(home_page):
    """home → ueber-uns → team → berlin, and home → presse (a sibling with the slug of a grandchild elsewhere)."""
    about = home_page.add_child(instance=StandardPage(title="Über uns", slug="ueber-uns"))
    team = about.add_child(instance=StandardPage(title="Team", slug="team"))
    berlin = team.add_child(instance=StandardPage(title="Team in Berlin", slug="berlin"))
    press = home_page.add_child(instance=StandardPage(title="Presse", slug="presse"))
    press.add_child(instance=StandardPage(title="Presse-Team", slug="team"))
    return {"about": about, "team": team, "berlin": berlin, "press": press}


def queries(client, url) -> tuple[int, object]:
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(
    "url, title",
    [
        ("/ueber-uns/", "Über uns"),
        ("/ueber-uns/team/", "Team"),
        ("/ueber-uns/team/berlin/", "Team in Berlin"),
        ("/presse/team/", "Presse-Team"),
    ],
)
def test_every_page_of_the_tree_is_found(client, tree, url, title):
    response = client.get(url)

    assert response.status_code == 200
    assert f">{title}</h1>" in response.content.decode()


def test_a_deep_page_costs_no_more_queries_than_a_shallow_one(client, tree):
    shallow, _ = queries(client, "/ueber-uns/")
    deep, response = queries(client, "/ueber-uns/team/berlin/")

    assert response.status_code == 200
    assert deep == shallow


@pytest.mark.parametrize(
    "url", ["/gibt-es-nicht/", "/ueber-uns/gibt-es-nicht/", "/ueber-uns/team/berlin/weiter/", "/team/", "/berlin/"]
)
def test_a_path_without_a_page_is_404(client, tree, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_page_is_404_but_its_published_child_is_served(client, tree):
    tree["team"].unpublish()

    assert client.get("/ueber-uns/team/").status_code == 404
    assert client.get("/ueber-uns/team/berlin/").status_code == 200  # as in Wagtail's own Page.route


@pytest.mark.parametrize("restricted", ["home", "about", "berlin"])
def test_a_login_restriction_on_the_page_or_an_ancestor_sends_to_the_login(client, home_page, tree, restricted):
    page = home_page if restricted == "home" else tree[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/ueber-uns/team/berlin/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/ueber-uns/team/berlin/"
    assert client.get("/presse/").status_code == (302 if restricted == "home" else 200)


def test_a_password_restriction_asks_for_the_password(client, tree):
    PageViewRestriction.objects.create(
        page=tree["team"], restriction_type=PageViewRestriction.PASSWORD, password="Maschsee-2026"
    )

    response = client.get("/ueber-uns/team/berlin/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Team in Berlin</h1>" not in response.content.decode()


def test_an_alias_keeps_the_restriction_of_its_source(client, home_page, tree):
    PageViewRestriction.objects.create(page=tree["berlin"], restriction_type=PageViewRestriction.LOGIN)
    tree["berlin"].create_alias(parent=tree["press"], update_slug="berlin-kopie")

    response = client.get("/presse/berlin-kopie/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_a_page_without_restrictions_asks_no_restriction_query(client, tree):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/ueber-uns/team/berlin/").status_code == 200

    asked = [q["sql"] for q in ctx.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert len(asked) == 1  # the route's one query marks every page of the chain; the hook asks nothing more
    assert "EXISTS" in asked[0].upper()


def test_a_page_found_without_the_one_query_route_asks_wagtail_as_before(tree):
    page = Page.objects.get(pk=tree["berlin"].pk).specific
    PageViewRestriction.objects.create(page=tree["about"], restriction_type=PageViewRestriction.LOGIN)

    assert [r.page_id for r in page.get_view_restrictions()] == [tree["about"].pk]


def test_the_home_page_needs_no_query_of_its_own_for_its_restrictions(client, tree, home_page):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200

    # Wagtail's hook would ask for the restrictions on the page and its ancestors by their ids.
    assert not [q for q in ctx.captured_queries if '"wagtailcore_pageviewrestriction"."page_id" IN' in q["sql"]]

    PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/").status_code == 302
