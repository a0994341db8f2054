"""Accessibility of the public pages in Chromium, in German and in Arabic (right to left).

axe-core with the WCAG 2.0 and 2.1 A and AA rules finds no violation on any checked page; beyond what axe can see:
landmarks and headings, form errors that are announced and tied to their fields, links in text that do not rely on
colour alone, states written in words, and the easy-language, how-to-take-part and accessibility-statement pages
reachable from every page.

Every checked page is opened once per language (`survey`, shared with test_layout.py); most tests below look at what it
recorded.
"""

import re

import pytest

from tests.browser import demo
from tests.browser.a11y import CHECKED_PAGES, LANGUAGES, PAGES_WITH_ERRORS, Visitor, describe_violations, survey_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def survey(browser, server, _logins):
    """Every checked page in German and Arabic, opened once for this module and test_layout.py."""
    return survey_of(browser, server, _logins)


BY_LANGUAGE = pytest.mark.parametrize("language", LANGUAGES)


@BY_LANGUAGE
def test_checked_pages_have_no_wcag_a_or_aa_violations(survey, language):
    problems = []
    for checked in CHECKED_PAGES:
        problems += describe_violations(
            f"{checked.name} ({language}, {checked.path})", survey[language, checked.name]["axe"]
        )
    assert not problems, "axe-core found WCAG 2.0/2.1 A/AA violations:\n" + "\n".join(problems)


@BY_LANGUAGE
def test_pages_have_landmarks_one_h1_and_no_skipped_heading_levels(survey, language):
    problems = []
    for checked in CHECKED_PAGES:
        found = survey[language, checked.name]["structure"]
        where = f"{checked.name} ({language})"
        for landmark in ("banner", "main", "contentinfo"):
            if found[landmark] != 1:
                problems.append(f"{where}: {found[landmark]} {landmark} landmarks instead of one")
        if found["h1"] != 1:
            problems.append(f"{where}: {found['h1']} h1 headings instead of one")
        problems += [f"{where}: heading level skipped: {skip}" for skip in found["skipped"]]
        if "" in found["navs"] or len(set(found["navs"])) != len(found["navs"]):
            problems.append(f"{where}: every navigation needs a name of its own: {found['navs']}")
    assert not problems, "\n".join(problems)


@BY_LANGUAGE
def test_links_in_running_text_are_underlined_not_only_coloured(survey, language):
    problems = [
        f"{checked.name} ({language}): {link}"
        for checked in CHECKED_PAGES
        for link in survey[language, checked.name]["text links"]
    ]
    assert not problems, "\n".join(problems)


REACHABLE = {
    "how to take part": demo.HOW_TO_TAKE_PART,
    "easy language": demo.EASY_LANGUAGE,
    "accessibility statement": demo.ACCESSIBILITY,
}


@BY_LANGUAGE
def test_easy_language_how_to_take_part_and_accessibility_statement_are_linked_from_every_page(survey, language):
    missing = [
        f"{checked.name} ({language}): no link to the {name} ({path})"
        for checked in CHECKED_PAGES
        for name, path in REACHABLE.items()
        if path not in survey[language, checked.name]["links"]
    ]
    assert not missing, "\n".join(missing)


def test_accessibility_statement_names_a_feedback_contact(open_page):
    page = open_page(demo.ACCESSIBILITY)
    main = page.get_by_role("main")
    assert main.get_by_text(re.compile("Feedback und Kontakt")).is_visible()
    assert main.locator('a[href^="mailto:"]').count() >= 1, "the statement has an address to write to"
    footer = page.get_by_role("contentinfo")
    assert footer.locator('a[href^="mailto:barrierefreiheit@"]').count() == 1, "every page offers to report a barrier"


ERRORS = """() => {
  const summary = document.querySelector('.form-errors');
  const out = {focused: document.activeElement === summary, role: summary.getAttribute('role'), links: [], fields: []};
  for (const link of summary.querySelectorAll('a')) {
    const target = document.getElementById(link.getAttribute('href').replace(/^#/, ''));
    out.links.push({href: link.getAttribute('href'), target: target ? target.tagName.toLowerCase() : null});
  }
  for (const control of document.querySelectorAll('main [aria-invalid="true"]')) {
    // A group of checkboxes or radio buttons is described by its fieldset.
    const described = [control, control.closest('fieldset')].filter(Boolean)
      .flatMap(el => (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean))
      .map(id => document.getElementById(id)).filter(Boolean);
    out.fields.push({
      id: control.id,
      error: described.some(el => el.classList.contains('errorlist') && el.textContent.trim() !== ''),
    });
  }
  out.unmarked = [...document.querySelectorAll('main .field--error')]
    .filter(field => !field.querySelector('[aria-invalid="true"]'))
    .map(field => field.textContent.trim().slice(0, 60));
  return out;
}"""


@pytest.mark.parametrize("checked", PAGES_WITH_ERRORS, ids=lambda checked: checked.name)
def test_form_errors_are_announced_and_linked_to_their_fields(open_page, server, checked):
    page = Visitor(open_page, server).visit(checked)
    found = page.evaluate(ERRORS)

    assert found["role"] == "alert", "screen readers announce the error summary"
    assert found["focused"], "the error summary has the focus when the page opens"
    assert found["links"], "the summary lists the errors"
    assert all(link["target"] in {"input", "select", "textarea", "fieldset"} for link in found["links"]), found["links"]
    assert found["fields"], "the fields with errors are marked aria-invalid"
    assert all(field["error"] for field in found["fields"]), f"fields not described by their error: {found['fields']}"
    assert not found["unmarked"], f"fields with an error but without aria-invalid: {found['unmarked']}"


def test_states_are_written_in_words(open_page, server):
    """Phase, response state and progress have text of their own; colour and frames only repeat it."""
    server.set_phase("submission")
    page = open_page(demo.CONSULTATION)
    phases = page.locator(".phase")
    assert phases.count() >= 3
    for index in range(phases.count()):
        assert phases.nth(index).locator(".phase__status").inner_text().strip(), "every phase says where it stands"
    assert "Aktuelle Phase" in page.locator('.phase[aria-current="step"]').inner_text()

    page.goto(demo.PROPOSAL_LIST)
    items = page.locator(".proposal-item")
    assert items.count() > 0
    for index in range(items.count()):
        assert re.search(r"Antwort der Verwaltung: \S+", items.nth(index).inner_text())

    page.goto(demo.MEASURE)
    assert re.fullmatch(r"\d+(,\d+)?\s%", page.locator(".progress__value").first.inner_text().strip())
    assert page.locator(".measure-state").first.inner_text().strip()


def test_a_filter_without_matches_says_so_instead_of_reporting_an_error(open_page):
    page = open_page(demo.PROPOSAL_LIST + "?q=Zwiebelkuchenrezept")
    status = page.locator(".proposal-results [role=status]")
    assert "ungültig" not in status.inner_text(), "valid filters that match nothing are no error"
    assert page.get_by_text("Keine Vorschläge passen zu diesen Filtern.").is_visible()
