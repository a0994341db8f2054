"""Issue 20: a participant answers the demo survey on a phone (360 × 740) by tapping, ranks with the selects, fixes an
error the form points to, and comes back to see that the answers can still be changed. No page scrolls sideways."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_participant_answers_the_survey_on_a_phone(open_page):
    problems = []
    marker = uuid.uuid4().hex[:8]
    page = open_page(demo.SURVEY, user=demo.PARTICIPANT, viewport=PHONE)
    expect(page.locator("h1")).to_contain_text("Bedarfsumfrage unter Vereinen von Migrant*innen")
    problems += overflow(page, "survey")

    # The demo's participant may have answered already: the form then shows those answers; start from none.
    for box in page.locator(".survey-question--multiple_choice input[type=checkbox]").all():
        box.uncheck()
    for select in page.locator(".ranking select").all():
        select.select_option("")
    page.get_by_label("11 bis 50").check()
    for label in ("Räume", "Finanzierung", "Fortbildung", "Vernetzung"):
        page.get_by_label(label, exact=True).check()  # one more than the three allowed
    page.get_by_label("4", exact=True).check()
    ranking = page.locator(".ranking")
    ranking.get_by_label("Feste Ansprechpersonen").select_option("1")
    ranking.get_by_label("Ein Haus der Vereine").select_option("2")
    page.get_by_label("Was möchten Sie der Stadt noch mitgeben?").fill(f"Mehr Räume am Abend ({marker}).")
    with page.expect_navigation():
        page.get_by_role("button", name="Antwort").click()

    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("höchstens 3 Antworten")
    problems += overflow(page, "survey with an error")
    summary.get_by_role("link").first.click()  # the summary leads to the question
    page.get_by_label("Vernetzung", exact=True).uncheck()
    expect(page.get_by_label("Was möchten Sie der Stadt noch mitgeben?")).to_have_value(
        f"Mehr Räume am Abend ({marker})."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Antwort").click()

    expect(page.locator("h1")).to_contain_text("Vielen Dank für Ihre Teilnahme!")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Ihre Antworten sind gespeichert.")
    problems += overflow(page, "thanks")

    with page.expect_navigation():
        page.get_by_role("link", name="Antworten ansehen und ändern").click()
    expect(page.locator(".survey__answered")).to_contain_text("bis zum Ende der Umfrage ändern")
    expect(page.get_by_label("Was möchten Sie der Stadt noch mitgeben?")).to_have_value(
        f"Mehr Räume am Abend ({marker})."
    )
    expect(page.locator(".ranking").get_by_label("Feste Ansprechpersonen")).to_have_value("1")
    assert not problems, "\n".join(problems)
