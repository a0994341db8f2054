"""Layout on small screens and when zoomed, left to right and right to left.

On a 320 px wide screen and at 200 % zoom (a 1280 × 900 window shows 640 × 450 CSS pixels) no page scrolls sideways
and nothing sticks out of the screen: tables scroll inside their own container, which the keyboard can reach, and long
words wrap. In Arabic the page is mirrored, while the German texts the editors wrote stay left to right and say they
are German.

Issue 17: the pages people use on a phone fit 320 and 360 px, signed out and signed in as the account that uses them,
and no word is broken letter by letter; on a phone the header is compact with a menu that works without JavaScript,
the consultation page puts what one can do now first, and the proposal filters fold behind "Filter".
"""

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import CHECKED_PAGES, DESKTOP, LANGUAGES, PHONE_320, Checked, Visitor, overflow, survey_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def survey(browser, server, _logins):
    """Every checked page in German and Arabic, opened once for this module and test_accessibility.py."""
    return survey_of(browser, server, _logins)


def _problems(survey, language: str, key: str) -> list[str]:
    return [problem for checked in CHECKED_PAGES for problem in survey[language, checked.name][key]]


@pytest.mark.parametrize("width", ["320px", "zoom200"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways(survey, language, width):
    problems = _problems(survey, language, width)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_scrolls_on_its_own_can_take_the_focus(survey, language):
    problems = _problems(survey, language, "scrolling regions")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_words_wrap_instead_of_widening_the_page(survey, language):
    problems = _problems(survey, language, "long words")
    assert not problems, "\n".join(problems)


def test_wide_tables_scroll_in_a_named_region_of_their_own(open_page):
    page = open_page(demo.STATISTICS, viewport=PHONE_320)
    scrolling = page.locator(".table-scroll").evaluate_all(
        "boxes => boxes.filter(box => box.scrollWidth > box.clientWidth).map(box => ({"
        "tabindex: box.tabIndex, role: box.getAttribute('role'),"
        "named: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))}))"
    )
    assert scrolling, "the statistics have tables wider than a phone"
    assert all(box == {"tabindex": 0, "role": "region", "named": True} for box in scrolling), scrolling


def test_arabic_pages_are_mirrored_and_keep_german_content_left_to_right(open_page, server):
    server.set_phase("submission")
    page = open_page(demo.CONSULTATION, language="ar")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    width = page.viewport_size["width"]

    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > width * 0.75, "the site's name starts at the right"
    padding = page.locator(".phase").first.evaluate(
        "el => [getComputedStyle(el).paddingLeft, getComputedStyle(el).paddingRight]"
    )
    assert padding == ["16px", "48px"], "room for the phase number at the right, where a line starts"

    h1 = page.locator("h1")
    assert (h1.get_attribute("lang"), h1.get_attribute("dir")) == ("de", "ltr"), "the German title says so"
    assert page.locator(".lead").get_attribute("lang") == "de"
    assert page.locator(".phase__title span[lang=de]").count() == page.locator(".phase").count()

    page.goto(demo.PROPOSAL)
    separator = page.locator(".breadcrumbs li + li").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert separator == '"‹"', "the breadcrumb arrow points along the reading direction"
    assert page.locator("h1").get_attribute("dir") == "auto", "what people wrote takes the direction of its script"
    assert page.locator(".proposal__text").get_attribute("dir") == "auto"

    german = open_page(demo.CONSULTATION, language="de")
    assert german.locator("h1").get_attribute("lang") is None, "German pages need no marks"


# --- Issue 17: phone first, task first ----------------------------------------------------------------------------

PHONE_360 = (360, 740)
MY_APPLICATIONS = "/ideenwettbewerb/meine-antraege/"
PHONE_PAGES = [
    Checked("consultation", demo.CONSULTATION, phase="submission"),
    Checked("proposal list", demo.PROPOSAL_LIST),
    Checked("proposal list with filters", demo.PROPOSAL_LIST_FILTERED),
    Checked("proposal list while voting", demo.PROPOSAL_LIST, user=demo.PARTICIPANT, phase="voting"),
    Checked("application form", demo.APPLICATION_FORM, user=demo.REPRESENTATIVE),
    Checked("my applications", MY_APPLICATIONS, user=demo.REPRESENTATIVE),
    Checked("monitoring", demo.MONITORING, user=demo.COUNCIL_MEMBER),
    Checked("monitoring signed out", demo.MONITORING),
    Checked("measures", demo.MEASURES, user=demo.COUNCIL_MEMBER),
]
# Words (letters only: a compound breaks at its hyphen) that the browser split over two lines.
WORDS_BROKEN = """() => {
  const found = [], range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, script, style, select') || !parent.getClientRects().length) continue;
    for (const word of node.textContent.matchAll(/\\p{L}{2,}/gu)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
      if (tops.size > 1) found.push(`${parent.tagName.toLowerCase()}.${parent.className}: "${word[0]}"`);
    }
  }
  return found.slice(0, 10);
}"""


def _top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_pages_fit_320_and_360_px_without_breaking_words(open_page, server, language):
    problems = []
    for viewport in (PHONE_320, PHONE_360):
        visitor = Visitor(open_page, server, language=language, viewport=viewport)
        for checked in PHONE_PAGES:
            page = visitor.visit(checked)
            where = f"{checked.name} ({language}, {viewport[0]} px)"
            problems += overflow(page, where)
            problems += [f"{where}: broken mid-word: {word}" for word in page.evaluate(WORDS_BROKEN)]
            page.close()
    assert not problems, "\n".join(problems)


def test_the_consultation_page_puts_what_one_can_do_now_first(open_page, server):
    server.set_phase("submission")
    for viewport, limit in ((PHONE_360, 700), (DESKTOP, 600)):
        page = open_page(demo.CONSULTATION, user=demo.PARTICIPANT, viewport=viewport)
        action = _top(page, ".now-box .offer-list")
        assert action < limit, f"the first action starts {action:.0f} px down at {viewport[0]} px"
        assert action < _top(page, ".phase-timeline"), "what one can do comes before the timeline"
        expect(page.locator(".now-box__phase")).to_contain_text("Aktuelle Phase:")
        current = page.locator('.phase-timeline > li[aria-current="step"]')
        expect(current).to_have_count(1)
        expect(current).to_be_visible()
        past = page.locator(".phase--past details").evaluate_all("items => items.map(item => item.open)")
        assert past and not any(past), "past phases are folded"
        expect(page.locator(".phase--past .phase__dates").first).to_be_hidden()
        expect(page.locator(".phase--future .phase__dates").first).to_be_visible()
        assert page.evaluate(WORDS_BROKEN) == [], "no word is broken in the timeline or elsewhere"


def test_the_phone_header_is_compact_and_the_language_switch_one_tap_away(open_page):
    page = open_page(demo.CONSULTATION, viewport=PHONE_360)
    height = page.locator("header.site-header").bounding_box()["height"]
    assert height <= 160, f"the header takes {height:.0f} px on a phone"
    expect(page.locator("nav.main-nav")).to_be_hidden()
    for link in page.locator("nav.language-switch a").all():
        expect(link).to_be_visible()
    toggle = page.locator(".menu-toggle--open")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page.locator("nav.account-nav")).to_be_visible()
    toggle.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("nav.main-nav")).to_be_hidden()

    desktop = open_page(demo.CONSULTATION, viewport=DESKTOP)
    expect(desktop.locator(".menu-toggle--open")).to_be_hidden()
    expect(desktop.locator("nav.main-nav")).to_be_visible()
    expect(desktop.locator("nav.account-nav")).to_be_visible()


def test_the_phone_menu_works_without_javascript(open_page, browser, server):
    context = browser.new_context(
        base_url=server.url, viewport={"width": PHONE_360[0], "height": PHONE_360[1]}, java_script_enabled=False
    )
    context.add_cookies([{"name": "lip_language", "value": "de", "url": server.url}])
    open_page.guard.watch(context)
    open_page.contexts.append(context)
    page = context.new_page()
    page.goto(demo.CONSULTATION)
    expect(page.locator("nav.main-nav")).to_be_hidden()
    page.get_by_role("link", name="Menü", exact=True).click()
    expect(page.locator("nav.main-nav")).to_be_visible()
    page.get_by_role("link", name="Menü schließen").click()
    expect(page.locator("nav.main-nav")).to_be_hidden()


def test_the_proposal_filters_fold_on_a_phone_and_say_how_many_are_set(open_page):
    page = open_page(demo.PROPOSAL_LIST, viewport=PHONE_360)
    assert not page.locator("details.filter-panel").evaluate("panel => panel.open")
    expect(page.locator(".filter-panel__toggle")).to_have_text("Filter")
    results = _top(page, "#results-heading")
    assert results < 700, f"the results start {results:.0f} px down on a phone"
    page.locator(".filter-panel__toggle").click()
    expect(page.locator("#id_district")).to_be_visible()

    filtered = open_page(demo.PROPOSAL_LIST_FILTERED, viewport=PHONE_360)
    expect(filtered.locator(".filter-panel__toggle")).to_have_text("Filter (2 aktiv)")
    expect(filtered.locator("#id_district")).to_be_visible()

    wide = open_page(demo.PROPOSAL_LIST, viewport=DESKTOP)
    expect(wide.locator("#id_district")).to_be_visible()
    expect(wide.locator(".filter-panel__toggle")).to_be_hidden()
