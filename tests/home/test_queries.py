"""Query budget of the home page: the same number of queries with few and with many rows."""

import pytest
from wagtail.models import Site

from home.models import FooterLink, SiteSettings, StandardPage
from tests import factories
from tests.helpers import assert_constant_queries

# Measured on SQLite with the sections registered today: 9 anonymous, 13 signed in (session, user, permissions); menu
# and footer come from the cache (home.navigation), so adding pages and links costs nothing.
# A section that another app adds to the home page must keep the count constant; raise the budget deliberately.
# +1 (issue 17): the idea competitions open or opening, as cards with their facts (one query, fund included).
HOME_BUDGET = {False: 9, True: 13}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_home_page_costs_the_same_with_5_and_40_pages_links_and_organisations(client, home_page, signed_in):
    if signed_in:
        client.force_login(factories.UserFactory())
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert client.get("/").status_code == 200

    def build(n: int) -> None:
        for i in range(StandardPage.objects.count(), n):
            page = home_page.add_child(instance=StandardPage(title=f"Seite {i}", slug=f"seite-{i}", show_in_menus=True))
            FooterLink.objects.create(settings=site_settings, title=page.title, page=page, sort_order=i)
            factories.OrganisationFactory()

    def request():
        response = client.get("/")
        assert response.status_code == 200
        assert "Gemeinsam den Integrationsplan gestalten" in response.content.decode()

    count = assert_constant_queries(build, request, sizes=(5, 40))

    body = client.get("/").content.decode()
    assert body.count('href="/seite-39/"') == 2  # main menu and footer
    assert count <= HOME_BUDGET[signed_in]
