"""The main menu and the footer from the cache (home.navigation): no query once cached, and every change an editor
makes (publish, unpublish, move, delete, site settings, footer links) shows on the next page view."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import FooterLink, SiteSettings, StandardPage


@pytest.fixture
def site_settings(home_page):
    settings = SiteSettings.objects.create(
        site=Site.objects.get(is_default_site=True), contact_name="Büro für Integration"
    )
    FooterLink.objects.create(settings=settings, title="Impressum", url="/impressum/", sort_order=1)
    return settings


def add_page(parent, title, slug, *, in_menu=True):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, show_in_menus=in_menu, live=False))
    page.save_revision().publish()  # as an editor publishes it
    return StandardPage.objects.get(pk=page.pk)


def menu(client) -> list[str]:
    body = client.get("/").content.decode()
    nav = body.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def footer(client) -> str:
    return client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]


def test_menu_and_footer_cost_no_query_once_cached(client, home_page, site_settings):
    add_page(home_page, "Beteiligungen", "beteiligungen")
    client.get("/")

    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/").content.decode()

    assert 'href="/beteiligungen/"' in body and "Büro für Integration" in body and "Impressum" in body
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "home_sitesettings" not in tables
    assert "home_footerlink" not in tables
    assert '"show_in_menus")' not in tables  # the menu's condition: live pages marked "show in menus"


def test_a_published_page_shows_in_the_menu_at_once(client, home_page):
    add_page(home_page, "Beteiligungen", "beteiligungen")
    assert "/beteiligungen/" in menu(client)

    add_page(home_page, "Ideenwettbewerb", "ideenwettbewerb")

    assert "/ideenwettbewerb/" in menu(client)


def test_a_page_kept_out_of_menus_is_not_shown(client, home_page):
    add_page(home_page, "Impressum", "impressum", in_menu=False)

    assert "/impressum/" not in menu(client)


def test_a_renamed_page_is_shown_with_its_new_title(client, home_page):
    page = add_page(home_page, "Beteiligungen", "beteiligungen")
    menu(client)

    page.title = "Mitmachen"
    page.save_revision().publish()

    assert "Mitmachen</a>" in client.get("/").content.decode()


def test_an_unpublished_page_leaves_the_menu(client, home_page):
    page = add_page(home_page, "Beteiligungen", "beteiligungen")
    assert "/beteiligungen/" in menu(client)

    page.unpublish()

    assert "/beteiligungen/" not in menu(client)


def test_a_deleted_page_leaves_the_menu(client, home_page):
    page = add_page(home_page, "Beteiligungen", "beteiligungen")
    assert "/beteiligungen/" in menu(client)

    page.delete()

    assert "/beteiligungen/" not in menu(client)


def test_a_page_moved_below_another_leaves_the_menu(client, home_page):
    parent = add_page(home_page, "Über uns", "ueber-uns")
    page = add_page(home_page, "Beteiligungen", "beteiligungen")
    assert "/beteiligungen/" in menu(client)

    page.move(parent, pos="last-child")

    assert "/beteiligungen/" not in menu(client)
    assert "/ueber-uns/" in menu(client)


def test_site_settings_and_footer_links_show_at_once(client, site_settings):
    assert "Büro für Integration" in footer(client)

    site_settings.contact_name = "Fachbereich Gesellschaft"
    site_settings.save()
    link = FooterLink.objects.create(settings=site_settings, title="Datenschutz", url="/datenschutz/", sort_order=2)

    assert "Fachbereich Gesellschaft" in footer(client)
    assert 'href="/datenschutz/"' in footer(client)

    link.delete()

    assert "Datenschutz" not in footer(client)


def test_a_site_without_settings_shows_an_empty_footer_and_stores_none(client, home_page):
    assert client.get("/").status_code == 200
    assert not SiteSettings.objects.exists()  # SiteSettings.for_site would have made a row on a read
