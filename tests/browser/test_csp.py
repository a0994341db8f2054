"""The Content-Security-Policy blocks nothing the pages need: no page of the site or the admin is refused anything.

Chromium reports each refusal twice: as a `securitypolicyviolation` event in the page and as a console message
"Refused to ...". An init script (not subject to the page's policy) collects the events; the console is watched
too. The pages are visited until the network is idle so that late scripts and images are included.
"""

import pytest

from tests.browser import demo

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "(inline)"} at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""

PUBLIC_PAGES = [*demo.MAIN_PAGES, demo.SEARCH + "?q=Sprache"]
SIGNED_IN_PAGES = [
    (demo.REPRESENTATIVE, [demo.PROPOSAL_FORM, demo.APPLICATION_FORM, "/profil/", "/ideenwettbewerb/meine-antraege/"]),
    (demo.JURY, ["/ideenwettbewerb/jury/"]),
]


class Watcher:
    """A browser context whose pages report every CSP refusal."""

    def __init__(self, open_page, user=None):
        self.refusals: list[str] = []
        self.context = open_page.new_context(user=user)
        self.context.add_init_script(COLLECT_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            self.refusals.append(f"console: {message.text}")

    def visit(self, path: str) -> list[str]:
        """Open `path`, wait until it settled and return what was refused on it."""
        response = self.page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        assert demo.LOGIN not in self.page.url or path == demo.LOGIN, f"{path} asks to sign in"
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(100)  # violation events are dispatched asynchronously
        found = self.refusals + [f"event: {text}" for text in self.page.evaluate("window.__cspViolations || []")]
        self.refusals = []
        return [f"{path}: {text}" for text in found]


def test_public_pages_run_under_the_strict_policy(open_page, server):
    server.set_phase("submission")
    watcher = Watcher(open_page)
    refused = []
    for path in PUBLIC_PAGES:
        refused += watcher.visit(path)
    assert not refused, "Refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.mark.parametrize(("user", "paths"), SIGNED_IN_PAGES, ids=["representative", "jury"])
def test_personal_pages_run_under_the_strict_policy(open_page, server, user, paths):
    server.set_phase("submission")
    watcher = Watcher(open_page, user=user)
    refused = []
    for path in paths:
        refused += watcher.visit(path)
    assert not refused, "Refused by the Content-Security-Policy:\n" + "\n".join(refused)


def primary_key(server, expression: str) -> int:
    module = expression.rsplit(".objects", 1)[0].rsplit(".", 1)[0]
    output = server.manage("shell", "--no-imports", "-c", f"import {module}; print({expression}.pk)")
    return int(output.strip().splitlines()[-1])


def test_the_admin_works_under_its_policy(open_page, server):
    consultation_id = primary_key(server, f"wagtail.models.Page.objects.get(url_path__endswith='{demo.CONSULTATION}')")
    proposal_id = primary_key(
        server, f"consultation.models.Proposal.objects.get(reference='{demo.PROPOSAL_REFERENCE}')"
    )
    watcher = Watcher(open_page, user=demo.MODERATOR)
    refused = []
    for path in [
        demo.ADMIN_HOME,
        f"/admin/pages/{consultation_id}/edit/",
        "/admin/moderation-proposals/",
        demo.MODERATION_COMMENTS,
        "/admin/consultation-proposals/",
        f"/admin/consultation-proposals/edit/{proposal_id}/",
        "/admin/monitoring-measures/",
        "/admin/images/",
    ]:
        refused += watcher.visit(path)
    assert not refused, "Refused by the admin's Content-Security-Policy:\n" + "\n".join(refused)


def test_the_page_editors_live_preview_is_shown(open_page, server):
    """The preview panel frames an admin URL: allowed for the admin itself (frame-ancestors 'self' there only)."""
    consultation_id = primary_key(server, f"wagtail.models.Page.objects.get(url_path__endswith='{demo.CONSULTATION}')")
    watcher = Watcher(open_page, user=demo.MODERATOR)
    refused = watcher.visit(f"/admin/pages/{consultation_id}/edit/")
    watcher.page.click('[data-side-panel-toggle="preview"]')
    frame = watcher.page.frame_locator("#w-preview-iframe")
    frame.locator("main h1").first.wait_for(state="attached", timeout=15_000)
    watcher.page.wait_for_timeout(200)
    refused += watcher.refusals + watcher.page.evaluate("window.__cspViolations || []")
    assert not refused, "Refused:\n" + "\n".join(refused)


def test_a_refusal_would_be_noticed(open_page, server):
    """The watcher itself works: an inline style set by a script is refused on a public page and reported."""
    watcher = Watcher(open_page)
    watcher.visit(demo.HOME)
    watcher.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    watcher.page.wait_for_timeout(200)
    reported = watcher.refusals + watcher.page.evaluate("window.__cspViolations")
    assert any("style" in text for text in reported), reported


def test_the_admins_image_upload_shows_its_preview(open_page, server, tmp_path):
    """Choosing a file on the multiple-upload page previews it from a blob: URL and uploads it at once."""
    from PIL import Image

    picture = tmp_path / "sprachcafe-foto.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture)
    watcher = Watcher(open_page, user=demo.ADMIN)
    refused = watcher.visit("/admin/images/multiple/add/")
    watcher.page.locator("input[type=file]").first.set_input_files(picture)
    watcher.page.locator("#upload-list li.upload-complete").wait_for()
    assert watcher.page.locator("#upload-list li.upload-success").count() == 1
    watcher.page.wait_for_load_state("networkidle")
    refused += watcher.refusals + watcher.page.evaluate("window.__cspViolations")
    assert not refused, "Refused by the admin's Content-Security-Policy:\n" + "\n".join(refused)


def test_the_authenticator_qr_code_shows_under_the_strict_policy(open_page, server):
    """allauth draws the QR code for the authenticator app as a data: SVG image: img-src allows data:."""
    watcher = Watcher(open_page, user=demo.PARTICIPANT)
    refused = watcher.visit("/konto/2fa/totp/activate/")
    if "/reauthenticate/" in watcher.page.url:  # allauth asks for the password again before a second factor
        watcher.page.locator("#id_password").fill(demo.PASSWORD)
        watcher.page.locator("main form button[type=submit]").click()
        watcher.page.wait_for_load_state("networkidle")
    qr_code = watcher.page.locator("img[src^='data:image/svg+xml']")
    assert qr_code.count() == 1, watcher.page.url
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    refused += watcher.refusals + watcher.page.evaluate("window.__cspViolations")
    assert not refused, "Refused by the Content-Security-Policy:\n" + "\n".join(refused)
