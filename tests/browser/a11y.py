"""What the accessibility, keyboard and layout tests share: the pages they check and one survey of them.

The pages are those issue 7 names (home, consultation, proposal list with filters, proposal page, submission form with
errors, login, registration, competition, application form, measure page, statistics) and the pages of its item 4,
opened as the person who would use them. A form page "with errors" is submitted empty first, as a hurried person would.

`survey_of` opens every checked page once per language and records what test_accessibility.py and
test_layout.py assert on: axe-core's findings, landmarks, headings and links at 1280 px, then the same page at 320 px,
at 200 % zoom and with very long words. One page load serves a dozen checks, which keeps the browser suite fast.
"""

from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.conftest import PageOpener, RequestGuard

# axe-core as bundled by axe-playwright-python (no download while testing).
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ["de", "ar"]


@dataclass(frozen=True)
class Checked:
    name: str
    path: str
    user: str | None = None
    submit_empty: bool = False  # submit the page's form without filling anything in, to see its errors
    phase: str | None = None  # the demo consultation's phase the page needs


SUBMISSION_FORM_WITH_ERRORS = Checked(
    "submission form with errors", demo.PROPOSAL_FORM, user=demo.REPRESENTATIVE, submit_empty=True, phase="submission"
)
CHECKED_PAGES = [
    Checked("home", demo.HOME),
    Checked("consultation", demo.CONSULTATION),
    Checked("proposal list with filters", demo.PROPOSAL_LIST_FILTERED + "&sort=votes"),
    Checked("proposal", demo.PROPOSAL, user=demo.PARTICIPANT),
    # Issue 17: in the voting phase the cards carry the vote button (signed in) or a sign-in link (signed out).
    Checked("proposal list while voting", demo.PROPOSAL_LIST, user=demo.PARTICIPANT, phase="voting"),
    Checked("proposal list while voting, signed out", demo.PROPOSAL_LIST, phase="voting"),
    Checked("submission form", demo.PROPOSAL_FORM, user=demo.REPRESENTATIVE, phase="submission"),
    SUBMISSION_FORM_WITH_ERRORS,
    Checked("login", demo.LOGIN),
    Checked("login with errors", demo.LOGIN, submit_empty=True),
    Checked("signup", demo.SIGNUP),
    Checked("signup with errors", demo.SIGNUP, submit_empty=True),
    Checked("competition", demo.COMPETITION),
    Checked("what applying takes, signed out", demo.APPLICATION_FORM),
    Checked("application form", demo.APPLICATION_FORM, user=demo.REPRESENTATIVE),
    Checked("application form with errors", demo.APPLICATION_FORM, user=demo.REPRESENTATIVE, submit_empty=True),
    # Issue 19: the plan draft, and a paragraph with an amendment, answers and the comment form.
    Checked("plan draft", demo.PLAN),
    Checked("plan paragraph", demo.PLAN_PARAGRAPH, user=demo.PARTICIPANT),
    Checked("plan versions", demo.PLAN_VERSIONS),
    Checked("plan chapter", demo.PLAN_CHAPTER, user=demo.COUNCIL),
    Checked("measure", demo.MEASURE),
    Checked("statistics", demo.STATISTICS),
    # Issue 20: who took part (voluntary) – the questionnaire about the person and the aggregates.
    Checked("reach questionnaire", demo.MONITORING + "wer-macht-mit/fragebogen/"),
    Checked("reach results", demo.MONITORING + "wer-macht-mit/"),
    # Issue 20: the survey's questionnaire (every kind of question), and with the errors of an empty answer.
    Checked("survey questionnaire", demo.SURVEY, user=demo.PARTICIPANT),
    Checked("survey questionnaire with errors", demo.SURVEY, submit_empty=True),
    # Issue 20: the survey's published results (tables with bars, the split, the filter).
    Checked("survey results", demo.SURVEY + "ergebnisse/"),
    # Issue 7, item 4: the pages everyone must be able to reach and read.
    Checked("how to take part", demo.HOW_TO_TAKE_PART),
    Checked("easy language", demo.EASY_LANGUAGE),
    Checked("accessibility statement", demo.ACCESSIBILITY),
]
PAGES_WITHOUT_ERRORS = [checked for checked in CHECKED_PAGES if not checked.submit_empty]
PAGES_WITH_ERRORS = [checked for checked in CHECKED_PAGES if checked.submit_empty]


class Visitor:
    """Opens checked pages in one browser context per account (and language), so each login is reused."""

    def __init__(self, open_page, server, *, language: str = "de", viewport=(1280, 900), axe: bool = False):
        self.open_page = open_page
        self.server = server
        self.language = language
        self.viewport = viewport
        self.axe = axe
        self.contexts = {}

    def context(self, user: str | None):
        if user not in self.contexts:
            context = self.open_page.new_context(language=self.language, user=user, viewport=self.viewport)
            if self.axe:
                context.add_init_script(path=AXE_SCRIPT)
            self.contexts[user] = context
        return self.contexts[user]

    def visit(self, checked: Checked):
        if checked.phase:
            self.server.set_phase(checked.phase)
        page = self.context(checked.user).new_page()
        page.goto(checked.path)
        if checked.submit_empty:
            submit_empty(page)
        return page


def submit_empty(page) -> None:
    """Send the page's (first) form in <main> as it is, bypassing the browser's own checks, and wait for the errors."""
    form = page.locator("main form[method=post]").first
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type=submit]:not([formnovalidate])").first.click()  # not a search inside the form
    expect(page.locator(".form-errors")).to_be_visible()


def axe_violations(page, *, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations of the WCAG 2.0 and 2.1 A and AA rules (or only `rules`) on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=AXE_SCRIPT)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_A_AA}
    result = page.evaluate(
        "options => axe.run(document, options)", {"runOnly": run_only, "resultTypes": ["violations"]}
    )
    return result["violations"]


def describe_violations(where: str, violations: list[dict]) -> list[str]:
    """One block per violated rule: id, impact, what it asks for, help URL and every element it found."""
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} – {violation['helpUrl']}")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return lines


# --- what the survey records, as JavaScript run in the page ---------------------------------------------------------

STRUCTURE = """() => {
  const named = el => el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(' ')
    .map(id => document.getElementById(id)?.textContent.trim()).join(' ').trim();
  const visible = el => el.getClientRects().length > 0 || el.closest('.visually-hidden');
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible)
    .map(h => ({level: +h.tagName[1], text: h.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)}));
  const skipped = [];
  headings.reduce((previous, h) => {
    if (h.level > previous + 1) skipped.push(`h${previous} → h${h.level} "${h.text}"`);
    return h.level;
  }, 0);
  return {
    banner: document.querySelectorAll('body > header, [role=banner]').length,
    main: document.querySelectorAll('main, [role=main]').length,
    contentinfo: document.querySelectorAll('body > footer, [role=contentinfo]').length,
    h1: headings.filter(h => h.level === 1).length,
    skipped,
    navs: [...document.querySelectorAll('nav, [role=navigation]')].map(named),
  };
}"""
# Links inside a sentence or list item with other text: colour alone must not set them apart (WCAG 1.4.1).
TEXT_LINKS_WITHOUT_UNDERLINE = """() => [...document.querySelectorAll('main a, footer a')]
  .filter(a => !a.closest('nav') && !a.classList.contains('button') && getComputedStyle(a).display.startsWith('inline'))
  .filter(a => { const block = a.closest('p, li, dd, td'); return block && block.textContent.trim() !== a.textContent.trim(); })
  .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
  .map(a => a.outerHTML.slice(0, 120))"""
HEADER_AND_FOOTER_LINKS = "() => [...document.querySelectorAll('header a, footer a')].map(a => a.pathname)"
# Elements that reach past the left or right edge of the viewport without a scrolling container around them.
STICKING_OUT = """() => {
  const width = window.innerWidth, out = [];
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || (r.right <= width + 1 && r.left >= -1)) continue;
    // What is not rendered (inside a closed <details>) keeps the stale box of an earlier window size: skip it.
    if (el.closest('.visually-hidden, .skip-link') || !el.checkVisibility() || scrolls(el)) continue;
    out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}…${Math.round(r.right)} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""
# What scrolls sideways on its own must take the focus (or hold something that does), so that the keyboard can
# scroll it: axe's rule scrollable-region-focusable, in a few lines.
SCROLLING_UNREACHABLE = """() => [...document.body.querySelectorAll('*')]
  .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth)
  .filter(el => el.tabIndex < 0 && !el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]'))
  .map(el => el.outerHTML.slice(0, 100))"""
LONG_WORD = "Integrationsbeiratsgeschäftsordnungsänderungsantragsformular"
LENGTHEN = """word => {
  const texts = document.querySelectorAll(
    'main :is(h1, h2, h3, p, li, dt, dd, th, td, a, label, legend, button, summary), .main-nav a, .site-footer a');
  for (const el of texts) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: n => n.textContent.trim() ? 1 : 3});
    const text = walker.nextNode();
    if (text && !text.lengthened) { text.textContent += ' ' + word; text.lengthened = true; }
  }
}"""

DESKTOP = (1280, 900)
PHONE_320 = (320, 640)
PHONE = (360, 740)  # the journeys' phone
ZOOM_200 = (640, 450)  # a 1280 × 900 window at 200 %


def overflow(page, where: str) -> list[str]:
    """The page scrolling sideways, and elements sticking out of the screen, as messages."""
    found = page.evaluate(STICKING_OUT)
    problems = []
    if found["scrollWidth"] > found["width"]:
        problems.append(f"{where}: scrolls sideways ({found['scrollWidth']} px content in {found['width']} px)")
    problems += [f"{where}: sticks out: {element}" for element in found["out"]]
    return problems


def _size(viewport: tuple[int, int]) -> dict[str, int]:
    return {"width": viewport[0], "height": viewport[1]}


_SURVEYS: dict[str, dict] = {}


def survey_of(browser, server, logins) -> dict[tuple[str, str], dict]:
    """What every checked page shows, by (language, page name); looked at once per test session (the test modules'
    `survey` fixtures share it). Requests to other hosts and server errors fail it, as they fail a test that uses
    `open_page`."""
    if server.url not in _SURVEYS:
        _SURVEYS[server.url] = _survey(browser, server, logins)
    return _SURVEYS[server.url]


def _survey(browser, server, logins) -> dict[tuple[str, str], dict]:
    guard = RequestGuard(origin=server.url)
    opener = PageOpener(browser, server, logins, guard)
    found = {}
    server.set_phase("submission")  # as seed_demo leaves it, whatever other tests did before
    try:
        for language in LANGUAGES:
            visitor = Visitor(opener, server, language=language, viewport=DESKTOP, axe=True)
            for checked in CHECKED_PAGES:
                page = visitor.visit(checked)
                where = f"{checked.name} ({language}"
                seen = found[language, checked.name] = {
                    "axe": axe_violations(page),
                    "structure": page.evaluate(STRUCTURE),
                    "text links": page.evaluate(TEXT_LINKS_WITHOUT_UNDERLINE),
                    "links": set(page.evaluate(HEADER_AND_FOOTER_LINKS)),
                }
                page.set_viewport_size(_size(PHONE_320))
                seen["320px"] = overflow(page, f"{where}, 320 px)")
                seen["scrolling regions"] = [
                    f"{where}, 320 px): scrolls, but the keyboard cannot reach it: {element}"
                    for element in page.evaluate(SCROLLING_UNREACHABLE)
                ]
                page.set_viewport_size(_size(ZOOM_200))
                seen["zoom200"] = overflow(page, f"{where}, 200 % zoom)")
                page.set_viewport_size(_size(PHONE_320))
                page.evaluate(LENGTHEN, LONG_WORD)
                seen["long words"] = overflow(page, f"{where}, 320 px, „{LONG_WORD}“)")
                page.close()
    finally:
        opener.close()
    problems = guard.foreign + guard.server_errors
    if problems:
        pytest.fail("Requests to third-party hosts or server errors:\n  " + "\n  ".join(problems))
    return found
