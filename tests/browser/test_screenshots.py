"""Full-page screenshots of the main pages for a person to look at: `make screenshots` writes them to var/screenshots/.

Only collected when LIP_SCREENSHOTS is set (tests/browser/conftest.py deselects them otherwise): they take a while
and assert nothing beyond the pages loading.
"""

import os
from pathlib import Path

import pytest

from tests.browser import demo

OUTPUT = Path(os.environ.get("LIP_SCREENSHOTS") or "var/screenshots")
WIDTHS = {1280: 900, 360: 740}
PAGES = [
    ("home", demo.HOME, None),
    ("consultation", demo.CONSULTATION, None),
    ("proposal-list", demo.PROPOSAL_LIST, None),
    ("proposal", demo.PROPOSAL, None),
    ("proposal-form-errors", demo.PROPOSAL_FORM, demo.REPRESENTATIVE),
    ("competition", demo.COMPETITION, None),
    ("what-applying-takes", demo.APPLICATION_FORM, None),
    ("application-form", demo.APPLICATION_FORM, demo.REPRESENTATIVE),
    ("my-applications", "/ideenwettbewerb/meine-antraege/", demo.REPRESENTATIVE),
    ("measures", demo.MEASURES, None),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_screenshots(open_page, server, language, width):
    server.set_phase("submission")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, path, user in PAGES:
        page = open_page(path, language=language, user=user, viewport=(width, WIDTHS[width]))
        if name == "proposal-form-errors":
            page.locator("main form button[type=submit]").click()
            page.get_by_role("alert").wait_for()
        target = OUTPUT / f"{name}-{language}-{width}.png"
        page.screenshot(path=target, full_page=True)
        assert target.stat().st_size > 0
        page.context.close()
