"""Everything works with the keyboard alone, and one always sees where the focus is.

Tabbing from the top of a page, the skip link comes first, shows itself and leads into <main>; every link, button and
field is reached in document order (no positive tabindex) and looks different while it has the focus. The language
switch, the main navigation, the proposal filters, the vote button and the comment form are used with keys only.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import LANGUAGES, PAGES_WITHOUT_ERRORS, SUBMISSION_FORM_WITH_ERRORS, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Every element Tab should reach, in document order; the radio buttons of one group are one stop. Each gets a
# data-kb number and its look without focus (outline and box-shadow), to compare with its look once focused.
FOCUSABLES = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const style = el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' '); };
  const stops = [], groups = {};
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    // A bot trap (the signup honeypot) is hidden from assistive technology and deliberately out of the tab order.
    if (el.tabIndex < 0 && el.closest('[aria-hidden="true"]')) continue;
    // A link, button or field is interactive even with tabindex=-1 (then Tab never reaches it: a failure).
    if (el.tabIndex < 0 && !el.matches('a[href], button, input, select, textarea, summary')) continue;
    if (el.type === 'radio') {
      const key = (el.form ? el.form.id || el.form.action : '') + '|' + el.name;
      if (key in groups) { el.dataset.kb = groups[key]; continue; }
      groups[key] = stops.length;
    }
    el.dataset.kb = stops.length;
    stops.push({name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"', style: style(el), tabindex: el.tabIndex});
  }
  return stops;
}"""
# Records, for every element that receives the focus, its number and look at that moment.
RECORD_FOCUS = """() => {
  window.focusLog = [];
  document.addEventListener('focusin', event => {
    const el = event.target, s = getComputedStyle(el), r = el.getBoundingClientRect();
    window.focusLog.push({
      kb: el.dataset.kb === undefined ? null : +el.dataset.kb,
      name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''),
      style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' '),
      indicated: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
      size: r.width > 0 && r.height > 0,
    });
  });
}"""


def tab_to(page, condition: str, *, limit: int = 200) -> None:
    """Press Tab until the focused element satisfies the JavaScript `condition` (a function of the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({condition})(el); }}"):
            return
    pytest.fail(f"Tab never reached an element with {condition} on {page.url}")


def tab_and_follow(page, condition: str) -> None:
    """Tab to the link or button that satisfies `condition`, press Enter and wait for the page it leads to."""
    tab_to(page, condition)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_tab_reaches_the_skip_link_which_shows_and_leads_into_main(open_page, language):
    page = open_page(demo.CONSULTATION, language=language)
    skip = page.locator("a.skip-link")
    hidden = skip.bounding_box()
    assert hidden is None or hidden["y"] + hidden["height"] <= 0, "out of sight until it has the focus"

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on the screen"
    viewport = page.viewport_size["width"]
    if language == "ar":
        assert box["x"] + box["width"] > viewport / 2, "right to left: the skip link sits at the right"
    else:
        assert box["x"] < viewport / 2

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), (
        "the next Tab stays in the main content"
    )


def test_every_interactive_element_is_reached_in_order_and_shows_its_focus(open_page, server):
    """In German; the Arabic pages come from the same templates in the same order (the skip link test covers both)."""
    visitor = Visitor(open_page, server)
    problems = []
    for checked in PAGES_WITHOUT_ERRORS:
        page = visitor.visit(checked)
        problems += _tab_through(page, checked.name)
        page.close()
    assert not problems, "\n".join(problems)


def _tab_through(page, where: str) -> list[str]:
    stops = page.evaluate(FOCUSABLES)
    problems = [f"{where}: positive tabindex on {stop['name']}" for stop in stops if stop["tabindex"] > 0]
    page.evaluate(RECORD_FOCUS)
    for _ in range(len(stops) + 1):
        page.keyboard.press("Tab")
    log = page.evaluate("() => window.focusLog")
    reached = []
    for focused in log:
        if reached and focused["kb"] == reached[0]:
            break  # round again
        if focused["kb"] is None:
            problems.append(f"{where}: Tab reached {focused['name']}, which does not look interactive")
            continue
        reached.append(focused["kb"])
        stop = stops[focused["kb"]]
        if focused["style"] == stop["style"] or not focused["indicated"]:
            problems.append(f"{where}: no visible focus indicator on {stop['name']} ({focused['style']})")
        if not focused["size"]:
            problems.append(f"{where}: {stop['name']} has the focus but cannot be seen")
    expected = list(range(len(stops)))
    if reached != expected:
        missing = [stops[index]["name"] for index in expected if index not in reached]
        problems.append(
            f"{where}: Tab order {reached} instead of {expected}" + (f"; never reached: {missing}" if missing else "")
        )
    return problems


def test_the_error_summary_has_the_focus_and_its_links_lead_to_the_fields(open_page, server):
    page = Visitor(open_page, server).visit(SUBMISSION_FORM_WITH_ERRORS)
    summary = page.locator(".form-errors")
    expect(summary).to_be_focused()

    page.keyboard.press("Tab")
    first_link = summary.locator("a").first
    expect(first_link).to_be_focused()
    target = first_link.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page.locator(target)).to_be_focused()


def test_the_language_switch_works_with_the_keyboard(open_page):
    page = open_page(demo.PROPOSAL)
    tab_to(page, "el => !!el.closest('nav.language-switch') && el.hreflang === 'en'")
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(demo.PROPOSAL), "the language switch keeps the page"


def test_the_main_navigation_works_with_the_keyboard(open_page):
    page = open_page(demo.HOME)
    tab_to(page, f"el => !!el.closest('nav.main-nav') && el.pathname === '{demo.CONSULTATIONS}'")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(demo.CONSULTATIONS) + "$"))
    expect(page.locator(f'nav.main-nav a[href="{demo.CONSULTATIONS}"]')).to_have_attribute("aria-current", "page")


def test_the_proposal_filters_work_with_the_keyboard(open_page):
    page = open_page(demo.PROPOSAL_LIST)
    tab_to(page, "el => el.id === 'id_district'")
    page.keyboard.type("Linden")
    expect(page.locator("#id_district")).to_have_value("linden-limmer")
    tab_to(page, "el => el.id === 'id_statement'")
    page.keyboard.press("Space")
    expect(page.locator("#id_statement")).to_be_checked()
    tab_to(page, "el => el.type === 'submit' && !!el.closest('.filter-form')")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"district=linden-limmer.*statement=on|statement=on.*district=linden-limmer"))
    expect(page.locator(".proposal-results [role=status]")).to_contain_text(
        re.compile(r"(passt|passen) zu Ihren Filtern")
    )
    assert page.locator(".proposal-item").count() >= 1


def test_a_comment_is_written_and_sent_with_the_keyboard(open_page, server):
    server.set_phase("submission")
    text = f"Mit der Tastatur geschrieben {uuid.uuid4().hex[:8]}"
    page = open_page(demo.PROPOSAL, user=demo.PARTICIPANT)
    tab_to(page, "el => el.id === 'id_text' && !!el.closest('.comment-form')")
    page.keyboard.type(text)
    tab_to(page, "el => el.type === 'submit' && !!el.closest('.comment-form')")
    page.keyboard.press("Enter")

    expect(page.locator(".comment-list")).to_contain_text(text)
    expect(page.locator("main .messages")).to_be_visible()


def test_a_vote_is_cast_and_withdrawn_with_the_keyboard(open_page, server):
    server.set_phase("voting")
    try:
        page = open_page(demo.PROPOSAL_VOTABLE, user=demo.COUNCIL)
        votes = page.locator(".votes")
        vote_button = votes.get_by_role("button", name="Vorschlag unterstützen")
        withdraw_button = votes.get_by_role("button", name="Unterstützung zurückziehen")
        voted_before = withdraw_button.count() == 1

        for voted in (not voted_before, voted_before):
            tab_to(page, "el => el.type === 'submit' && !!el.closest('.votes')")
            page.keyboard.press("Enter")
            expect(withdraw_button if voted else vote_button).to_be_visible()
            if voted:
                expect(votes).to_contain_text("Sie unterstützen diesen Vorschlag.")
    finally:
        server.set_phase("submission")
