"""Issue 20: staff type paper questionnaires of the demo survey in the admin with the keyboard alone – Tab between the
fields, Space and the arrow keys for check boxes, radio buttons and selects, typing into the text fields, Enter to
save. After a sheet the form is empty again with "Bogen … gespeichert", keeps where the sheets come from (channel,
event) and counts the sheet number up, and the cursor waits in the first question. A sheet with too many choices is
shown again with the error and stores nothing. The index of surveys counts the sheets with the analog answers."""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.test_keyboard import tab_and_follow, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIRST_QUESTION = "Wie viele Menschen engagieren sich in Ihrer Organisation?"
MULTIPLE_CHOICE = "Wobei brauchen Sie am meisten Unterstützung?"  # at most 3
SCALE = "Wie zufrieden sind Sie mit der Zusammenarbeit mit der Stadtverwaltung?"


def in_question(text: str) -> str:
    """A JavaScript condition on the focused element: a field of the admin's question `text` (a group's legend, or
    the label of a single field)."""
    return (
        "el => { const group = el.closest('fieldset'); const legend = group && group.querySelector('legend'); "
        f"if (legend && legend.textContent.includes({json.dumps(text)})) return true; "
        "const wrapper = el.closest('[data-field-wrapper]'); const label = wrapper && wrapper.querySelector('label'); "
        f"return !!label && label.textContent.includes({json.dumps(text)}); }}"
    )


def labelled(text: str) -> str:
    """A JavaScript condition: the focused field's label reads `text`."""
    return f"el => !!el.labels && [...el.labels].some(label => label.textContent.trim() === {json.dumps(text)})"


def focused(page) -> dict:
    return page.evaluate(
        "() => { const el = document.activeElement; "
        "return {id: el.id, type: el.type || '', checked: !!el.checked, value: el.value || '',"
        " label: el.labels && el.labels[0] ? el.labels[0].textContent.trim() : ''}; }"
    )


def analog_count(page) -> int:
    """The survey's sheets and other analog answers in the admin's index of surveys."""
    row = page.locator("tbody tr", has=page.locator("th", has_text=demo.SURVEY_TITLE))
    return int(row.locator("td").nth(1).inner_text())


def entered(page) -> int:
    """The form's "Bisher sind N Bögen erfasst"."""
    return int(re.search(r"Bisher (?:ist|sind) (\d+) B", page.locator("main").inner_text())[1])


def press(page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def save(page) -> None:
    """To the save button with Tab, Enter, and wait for the next page."""
    tab_and_follow(
        page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Bogen speichern und nächsten erfassen')"
    )


def assert_cursor_in_first_question(page) -> None:
    where = focused(page)
    assert where["type"] == "radio" and where["label"] == "bis 10", where


def test_staff_type_two_paper_sheets_with_the_keyboard(open_page):
    marker = uuid.uuid4().hex[:8]
    page = open_page(demo.SURVEYS_ADMIN, user=demo.ADMIN)
    before = analog_count(page)

    # From the index to the form, by keyboard.
    tab_to(
        page,
        "el => el.tagName === 'A' && el.textContent.includes('Papierbögen erfassen')"
        f" && el.textContent.includes({json.dumps(demo.SURVEY_TITLE)})",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Herkunft des Bogens")).to_be_visible()
    assert entered(page) == before
    assert_cursor_in_first_question(page)

    # The origin stands above the questions: back to it with Shift+Tab (sheet number, event, channel).
    page.keyboard.press("Shift+Tab")
    assert focused(page)["id"] == "id_sheet"
    page.keyboard.type("A-017")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["id"] == "id_event"
    page.keyboard.press("ArrowDown")  # from "---------" to the workshop
    expect(page.locator("#id_event option:checked")).to_contain_text("Netzwerktreffen der Vereine")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["id"] == "id_channel"
    page.keyboard.press("ArrowUp")  # from "Papierformular" to "Veranstaltung / Workshop"
    expect(page.locator("#id_channel")).to_have_value("event")
    event = page.locator("#id_event").input_value()

    # Sheet A-017.
    tab_to(page, in_question(FIRST_QUESTION))
    page.keyboard.press("ArrowDown")  # the radio buttons: from "bis 10" to "11 bis 50", which is chosen
    where = focused(page)
    assert where["label"] == "11 bis 50" and where["checked"], where
    for label in ("Räume", "Finanzierung"):
        tab_to(page, labelled(label))
        page.keyboard.press("Space")
    tab_to(page, in_question(SCALE))
    page.keyboard.press("Space")  # "1 – gar nicht zufrieden"
    press(page, "ArrowDown", 3)  # … to 4
    where = focused(page)
    assert where["label"] == "4" and where["checked"], where
    tab_to(page, labelled("Feste Ansprechpersonen"))
    page.keyboard.press("ArrowDown")  # rank 1
    tab_to(page, labelled("Ein Haus der Vereine"))
    press(page, "ArrowDown", 2)  # rank 2
    tab_to(page, labelled("5. Name Ihrer Organisation (freiwillig)"))
    page.keyboard.type(f"Kulturbrücke e. V. ({marker})")
    page.keyboard.press("Tab")
    page.keyboard.type(f"Ein Raum am Abend wäre gut ({marker}).")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_district"
    page.keyboard.type("Linden")  # a select finds its option by typing
    expect(page.locator("#id_district option:checked")).to_have_text("Linden-Limmer")
    save(page)

    expect(page.locator(".messages")).to_contain_text("Bogen A-017 gespeichert.")
    assert entered(page) == before + 1
    expect(page.locator("#id_channel")).to_have_value("event")  # kept for the next sheet
    expect(page.locator("#id_event")).to_have_value(event)
    expect(page.locator("#id_sheet")).to_have_value("A-018")  # counted up
    expect(page.get_by_label("5. Name Ihrer Organisation (freiwillig)")).to_have_value("")  # the answers are empty
    assert_cursor_in_first_question(page)

    # Sheet A-018, first with four needs ticked where three are allowed: shown again, nothing stored.
    page.keyboard.press("Space")  # "bis 10"
    for label in ("Räume", "Finanzierung", "Beratung zu Förderanträgen", "Fortbildung"):
        tab_to(page, labelled(label))
        page.keyboard.press("Space")
    tab_to(page, labelled("5. Name Ihrer Organisation (freiwillig)"))
    page.keyboard.type(f"Elternnetzwerk ({marker})")
    save(page)

    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("Es wurde nichts gespeichert")
    expect(summary).to_contain_text("höchstens 3 Antworten")
    assert entered(page) == before + 1
    expect(page.locator("#id_sheet")).to_have_value("A-018")  # the sheet keeps its number and its answers
    expect(page.get_by_label("5. Name Ihrer Organisation (freiwillig)")).to_have_value(f"Elternnetzwerk ({marker})")
    where = focused(page)  # the cursor waits in the question with the error
    assert where["type"] == "checkbox" and where["label"] == "Räume", where

    tab_to(page, labelled("Fortbildung"))
    page.keyboard.press("Space")  # untick the fourth
    save(page)
    expect(page.locator(".messages")).to_contain_text("Bogen A-018 gespeichert.")
    expect(page.locator("#id_sheet")).to_have_value("A-019")
    assert entered(page) == before + 2

    # "Fertig" leads back to the index, where the sheets count with the analog answers.
    tab_and_follow(page, "el => el.tagName === 'A' && el.textContent.trim() === 'Fertig'")
    assert analog_count(page) == before + 2
