"""Issue 17: an organisation applies to the idea competition on a phone (360 × 740), from the competition page to
the submitted application in "Meine Anträge": what applying takes is said before the form, a linked proposal is
found by its title, the cost plan is usable, and no page on the way scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "Nähcafé für Mütter im Stadtteil (Handy)"
PROPOSAL = "Sprachcafés mit Kinderbetreuung in Linden"


def test_a_representative_applies_on_a_phone(open_page, server):
    problems = []
    page = open_page(demo.COMPETITION, user=demo.REPRESENTATIVE, viewport=PHONE)
    expect(page.locator(".competition-facts")).to_contain_text("je Projekt")
    problems += overflow(page, "competition")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Antrag stellen").first.click()
    problems += overflow(page, "application form")
    page.locator("#id_organisation label", has_text=demo.ORGANISATION).click()  # radio buttons
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Ein wöchentliches Nähcafé, in dem Mütter Deutsch sprechen und Kontakte knüpfen.")
    page.fill("#id_goals", "Begegnung, Deutsch im Alltag, Zugang zu Beratung.")
    page.fill("#id_target_groups", "Mütter mit Zuwanderungsgeschichte in Linden.")
    page.locator("input[name=topics]").first.check()
    page.fill("#id_schedule", "März bis Dezember.")
    description = page.locator("#id_kosten-0-description")
    assert description.bounding_box()["width"] > 200, "the cost plan's description is usable on a phone"
    description.fill("Honorar Kursleitung")
    page.fill("#id_kosten-0-amount", "1.200,00")

    page.fill("#id_proposal_query", "Sprachcafés")
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen").click()
    assert page.locator("#id_title").input_value() == TITLE, "a search keeps what was entered"
    page.locator(".proposal-options label", has_text=PROPOSAL).first.click()

    with page.expect_navigation():
        page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text(PROPOSAL)
    problems += overflow(page, "draft")

    with page.expect_navigation():
        page.get_by_role("button", name="Antrag verbindlich einreichen").first.click()
    if page.get_by_role("button", name="Antrag verbindlich einreichen").count():  # the confirmation step
        with page.expect_navigation():
            page.get_by_role("button", name="Antrag verbindlich einreichen").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("eingereicht")

    page.goto("/ideenwettbewerb/meine-antraege/")
    card = page.locator("main li, main article").filter(has_text=TITLE).first
    expect(card).to_be_visible()
    problems += overflow(page, "Meine Anträge")
    assert not problems, "\n".join(problems)
