"""No page asks a third party for anything: every request goes to the site's own host.

`open_page` records the requests of every browser test (tests/browser/conftest.py); this test visits every public
page, the forms and the admin's start page on purpose (pages with scripts until the network is idle) and names the
offenders.
"""

from tests.browser import demo

ANONYMOUS_PAGES = [
    *demo.MAIN_PAGES,
    demo.CONSULTATIONS,
    demo.PROPOSAL_LIST + "?q=Sprache&sort=votes",
    demo.REPORT_ARCHIVE,
    demo.SEARCH + "?q=Sprachcaf%C3%A9",
    *demo.STATIC_PAGES,
]
SIGNED_IN_PAGES = [
    (demo.REPRESENTATIVE, demo.PROPOSAL_FORM),
    (demo.REPRESENTATIVE, demo.APPLICATION_FORM),
    (demo.PARTICIPANT, demo.PROPOSAL),
    (demo.MODERATOR, demo.ADMIN_HOME),
    (demo.MODERATOR, demo.MODERATION_COMMENTS),
]


def settle(page) -> None:
    """Wait until the page has asked for everything: pages with scripts until the network is idle."""
    if page.locator("script").count():
        page.wait_for_load_state("networkidle")


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, f"{path}: {response.status}"
    assert path == demo.LOGIN or demo.LOGIN not in response.url, f"{path} asks to sign in"
    settle(page)


def test_pages_ask_no_other_host(open_page, request_guard, server):
    """German pages; the accessibility tests open the Arabic ones, under the same guard."""
    server.set_phase("submission")
    page = open_page(demo.HOME)
    for path in ANONYMOUS_PAGES:
        visit(page, path)
    for user, path in SIGNED_IN_PAGES:
        signed_in = open_page(path, user=user)
        settle(signed_in)
        assert signed_in.url == server.url + path, f"{user} at {path} was sent to {signed_in.url}"
    assert not request_guard.foreign, "Requests to other hosts:\n" + "\n".join(request_guard.foreign)
