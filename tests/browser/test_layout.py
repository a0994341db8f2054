"""Layout on small screens and when zoomed, left to right and right to left.

On a 320 px wide screen and at 200 % zoom (a 1280 × 900 window shows 640 × 450 CSS pixels) no page scrolls sideways
and nothing sticks out of the screen: tables scroll inside their own container, which the keyboard can reach, and long
words wrap. In Arabic the page is mirrored, while the German texts the editors wrote stay left to right and say they
are German.
"""

import pytest

from tests.browser import demo
from tests.browser.a11y import CHECKED_PAGES, LANGUAGES, PHONE_320, survey_of

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
