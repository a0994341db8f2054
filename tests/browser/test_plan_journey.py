"""Issue 19: a participant comments on a paragraph of the draft plan and proposes a rewording of another, on a phone
(360 × 740): the first entirely with the keyboard (Tab and Enter), the second by tapping. No page on the way scrolls
sideways; the rewording is shown as a change against the current text, marked in words."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import PHONE, overflow
from tests.browser.test_keyboard import tab_and_follow, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_participant_comments_with_the_keyboard_and_proposes_a_rewording_on_a_phone(open_page):
    problems = []
    marker = uuid.uuid4().hex[:8]
    page = open_page(demo.PLAN, user=demo.PARTICIPANT, viewport=PHONE)
    expect(page.locator("h1")).to_contain_text("Entwurf des Lokalen Integrationsplans 4.0")
    problems += overflow(page, "plan draft")

    # Keyboard only: to the second paragraph, into the comment field, write, send.
    tab_and_follow(page, "el => el.tagName === 'A' && el.textContent.includes('Absatz 1.2 kommentieren')")
    expect(page.locator("h1")).to_contain_text("Absatz 1.2")
    problems += overflow(page, "paragraph 1.2")
    tab_to(page, "el => el.id === 'id_text'")
    page.keyboard.type(f"Bitte auch Kurse am Vormittag ({marker}).")
    tab_and_follow(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Kommentar veröffentlichen')")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Ihr Kommentar ist veröffentlicht.")
    expect(page.locator(".comment-list")).to_contain_text(marker)
    problems += overflow(page, "paragraph 1.2 after commenting")

    # Tapping: to the next paragraph, write a comment and the paragraph anew, send.
    with page.expect_navigation():
        page.locator(".plan-pager__next a").click()
    expect(page.locator("h1")).to_contain_text("Absatz 1.3")
    current = page.locator(".plan-paragraph--single .plan-paragraph__text").inner_text().strip()
    page.fill("#id_text", f"Ein konkreter Vorschlag ({marker}).")
    expect(page.locator(".plan-reference__text")).to_contain_text(current[:40])
    page.fill("#id_proposed_text", f"{current} Das gilt in allen Stadtbezirken ({marker}).")
    with page.expect_navigation():
        page.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Formulierungsvorschlag")
    amendment = page.locator(".plan-comment--amendment", has_text=marker).last
    expect(amendment.locator("ins")).to_contain_text("allen Stadtbezirken")
    expect(amendment.locator("ins .visually-hidden").first).to_have_text("[eingefügt: ")
    problems += overflow(page, "paragraph 1.3 with the rewording")
    assert not problems, "\n".join(problems)
