"""Issue 17: linked proposals are chosen by search in the application form, as one types (JavaScript) and through
the form's search button (the server shows the form again with the matches), and chosen ones stay chosen."""

import pytest
from playwright.sync_api import expect

from tests.browser import demo

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "Sprachcafés mit Kinderbetreuung in Linden"


def test_proposals_are_found_as_one_types_and_stay_checked_through_a_server_search(open_page, server):
    page = open_page(demo.APPLICATION_FORM, user=demo.REPRESENTATIVE)
    page.fill("#id_title", "Mein Projekt")

    page.fill("#id_proposal_query", "Sprachcaf")
    option = page.locator(".proposal-options label", has_text=TITLE)
    expect(option).to_be_visible()
    option.click()
    expect(page.locator(".proposal-options input:checked")).to_have_count(1)

    page.fill("#id_proposal_query", "Eltern")
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen").click()

    assert page.locator("#id_title").input_value() == "Mein Projekt"
    checked = page.locator(".proposal-options li", has=page.locator("input:checked"))
    expect(checked).to_have_count(1)
    expect(checked).to_contain_text(TITLE)
