"""Issue 20: "Wer macht mit?" in the browser. A signed-in participant comments on the plan draft, follows the offer
below the thanks and answers the voluntary questions about the person on a phone (360 × 740) with the keyboard alone:
Tab, the arrow keys in the radio buttons (each group starts at "keine Angabe"), Space for the languages, typing to
choose the district. They see the thanks, and coming back, also in a new session, are told they have answered already.
Staff type one paper sheet in the admin, which keeps the channel and the event for the next one. Both count: one
profile more online, one more analog. No page on the phone scrolls sideways."""

import json
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import PHONE, overflow
from tests.browser.test_keyboard import tab_and_follow, tab_to
from tests.browser.test_privacy_delete import CREATE_ACCOUNT, PASSWORD, sign_in
from tests.browser.test_survey_paper_journey import labelled

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ALREADY_ANSWERED = "Sie haben die Fragen zur Person schon beantwortet."
COUNTS = (
    "from monitoring.models import ReachProfile; "
    "print(ReachProfile.objects.filter(channel='online').count(), ReachProfile.objects.exclude(channel='online').count())"
)


def profile_counts(server) -> tuple[int, int]:
    """The stored profiles: (online, analog)."""
    online, analog = server.manage("shell", "--no-imports", "-c", COUNTS).split()[-2:]
    return int(online), int(analog)


def radio_group(name: str) -> str:
    return f"el => el.type === 'radio' && el.name === {json.dumps(name)}"


def choose(page, group: str, key: str, times: int, expected: str) -> None:
    """Tab into a radio group (to its chosen button) and move the choice with an arrow key."""
    tab_to(page, radio_group(group))
    for _ in range(times):
        page.keyboard.press(key)
    chosen = page.locator(f"input[name={group}]:checked")
    expect(chosen).to_be_focused()
    expect(page.locator(f"label[for='{chosen.get_attribute('id')}']")).to_have_text(expected)


def new_participant(server) -> str:
    token = uuid.uuid4().hex[:8]
    address = f"wer-macht-mit-{token}@example.org"
    server.manage(
        "shell",
        "--no-imports",
        "-c",
        CREATE_ACCOUNT.format(email=address, password=PASSWORD, name=f"Mitmachende {token}"),
    )
    return address


def test_a_participant_answers_on_a_phone_with_the_keyboard_and_only_once(open_page, server):
    problems = []
    address = new_participant(server)
    online, analog = profile_counts(server)
    page = open_page(demo.LOGIN, viewport=PHONE)
    sign_in(page, address)
    page.wait_for_url(lambda url: demo.LOGIN not in url)  # signed in (the phone's menu hides the account links)

    # The way there: a comment on a paragraph of the plan draft, and the offer that follows the thanks.
    page.goto(demo.PLAN_PARAGRAPH)
    tab_to(page, "el => el.id === 'id_text'")
    page.keyboard.type(f"Bitte auch an Eltern denken ({address}).")
    tab_and_follow(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Kommentar veröffentlichen')")
    messages = page.locator("main .messages")
    expect(messages).to_contain_text("Ihr Kommentar ist veröffentlicht.")
    expect(messages).to_contain_text("Freiwillig: Helfen Sie uns mit ein paar Fragen zu Ihrer Person")
    problems += overflow(page, "paragraph with the invitation")
    tab_and_follow(page, "el => el.tagName === 'A' && el.textContent.trim() === 'Zu den Fragen zur Person'")

    expect(page.locator("h1")).to_contain_text("Fragen zur Person")
    problems += overflow(page, "reach questionnaire")
    choose(page, "age_group", "ArrowUp", 3, "30 bis 44 Jahre")  # from "keine Angabe"
    page.keyboard.press("Tab")
    expect(page.get_by_label("In welchem Stadtbezirk wohnen Sie?")).to_be_focused()
    page.keyboard.type("Linden")
    expect(page.locator("#id_district option:checked")).to_have_text("Linden-Limmer")
    for language in ("Deutsch", "Arabisch"):
        tab_to(page, labelled(language))
        page.keyboard.press("Space")
    expect(page.get_by_label("Arabisch")).to_be_checked()
    choose(page, "migration", "ArrowUp", 3, "ja, selbst zugewandert")
    choose(page, "organisation_kind", "ArrowDown", 1, "Selbstorganisation von Migrant*innen")  # wraps to the first
    tab_and_follow(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Angaben absenden')")

    expect(page.locator("h1")).to_have_text("Vielen Dank!")
    expect(page.locator("main")).to_contain_text("getrennt von Ihrem Konto")
    problems += overflow(page, "reach thanks")
    assert profile_counts(server) == (online + 1, analog)

    page.goto(demo.REACH_QUESTIONNAIRE)
    expect(page.locator("main")).to_contain_text(ALREADY_ANSWERED)
    expect(page.get_by_role("button", name="Angaben absenden")).to_have_count(0)
    problems += overflow(page, "reach questionnaire, answered")

    # Signed in anew (another session): still answered, the rule is per person.
    again = open_page(demo.LOGIN, viewport=PHONE)
    sign_in(again, address)
    again.wait_for_url(lambda url: demo.LOGIN not in url)
    again.goto(demo.REACH_QUESTIONNAIRE)
    expect(again.locator("main")).to_contain_text(ALREADY_ANSWERED)
    assert profile_counts(server) == (online + 1, analog)
    assert not problems, "\n".join(problems)


def test_staff_type_a_paper_sheet_of_the_questions_about_the_person(open_page, server):
    online, analog = profile_counts(server)
    page = open_page(demo.REACH_SHEETS, user=demo.ADMIN)
    expect(page.locator("#header-title")).to_have_text("Bögen „Fragen zur Person“ erfassen")
    tab_to(page, "el => el.id === 'id_channel'")
    page.keyboard.press("ArrowUp")  # from "Papierformular" to "Veranstaltung / Workshop"
    page.keyboard.press("Tab")
    page.keyboard.type("Netzwerktreffen")
    expect(page.locator("#id_event option:checked")).to_contain_text("Netzwerktreffen der Vereine")
    event = page.locator("#id_event").input_value()
    choose(page, "age_group", "ArrowUp", 4, "18 bis 29 Jahre")
    page.keyboard.press("Tab")
    page.keyboard.type("Nord")
    expect(page.locator("#id_district option:checked")).to_have_text("Nord")
    tab_to(page, labelled("Türkisch"))
    page.keyboard.press("Space")
    choose(page, "migration", "ArrowUp", 2, "ja, mindestens ein Elternteil ist zugewandert")
    tab_and_follow(page, "el => el.tagName === 'BUTTON' && el.textContent.trim() === 'Bogen speichern'")

    expect(page.locator(".messages")).to_contain_text("Bogen gespeichert. Der nächste Bogen kann folgen.")
    expect(page.locator("#id_channel")).to_have_value("event")  # kept for the next sheet
    expect(page.locator("#id_event")).to_have_value(event)
    expect(page.locator("input[name=age_group]:checked")).to_have_value("keine_angabe")  # the answers are empty
    expect(page.locator("input[name=languages]:checked")).to_have_count(0)
    assert profile_counts(server) == (online, analog + 1)
