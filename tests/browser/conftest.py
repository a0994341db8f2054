"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo content.

The suite starts the site itself, black-box, as `make run` shows it (lip.settings.browser: DEBUG off): a temporary
directory with a fresh SQLite database (migrated once per code state and copied from .pytest_cache, then
`seed_demo`), its media, and the e-mails the site sends (Django's file backend). `manage.py runserver --noreload`
serves it on a free port of 127.0.0.1 for the whole test session.

Fixtures:
- `server` (session): `.url` (no trailing slash), `.manage(*args) -> str`, `.emails() -> list[EmailMessage]`
  (oldest first), `.set_phase(name)` (moves the demo consultation's timeline so that phase runs now).
- `browser` (session): the Chromium browser.
- `open_page(path="/", *, language="de", user=None, viewport=(1280, 900)) -> Page`: a new browser context with the
  language cookie, signed in as the demo account `user` (an e-mail address) or anonymous, at `server.url + path`.

Every page opened through `open_page` records its requests: a test fails when a page asked a host other than the
server for anything (no third-party requests), or when the server answered with a 5xx. When a test fails, a
screenshot of each of its pages goes to var/browser-failures/.

Every test in this directory is marked `browser` and put in the xdist group "browser" (`--dist loadgroup`), so one
worker runs them all against one server. Without Chromium they are skipped, or fail when CI is set.

The demo consultation is in its submission phase. A test that needs another phase calls `server.set_phase(...)` and
restores "submission" afterwards (test_journeys.TestVotingPhase does it once for a class); tests that depend on the
phase call `server.set_phase(...)` first, which costs nothing when the phase already runs.

Logging out ends the session all tests share for that account: call `open_page.forget(user)` afterwards.
"""

import contextlib
import email
import email.policy
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import demo
from tests.processes import free_port, stop_process

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FAILURE_DIR = REPO_ROOT / "var" / "browser-failures"
SERVER_START_TIMEOUT = 120  # seconds; seed_demo runs meanwhile
DEFAULT_TIMEOUT_MS = 15_000
# Schemes a page may use without asking any host.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}


# --- collection --------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before xdist reads the group marks
def pytest_collection_modifyitems(config, items):
    screenshots = []
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            if Path(str(item.path)).name == "test_screenshots.py" and not os.environ.get("LIP_SCREENSHOTS"):
                screenshots.append(item)
    if screenshots:  # only `make screenshots` (LIP_SCREENSHOTS=<directory>) takes them
        config.hook.pytest_deselected(items=screenshots)
        items[:] = [item for item in items if item not in screenshots]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def require_chromium() -> None:
    """Skip without Chromium; under CI (the environment variable CI is set) fail instead."""
    if os.access(CHROMIUM, os.X_OK):
        return
    reason = f"Chromium is not installed at {CHROMIUM}: make system-deps (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


# --- the live server ---------------------------------------------------------------------


def _server_env(directory: Path, url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "EMAIL_HOST"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lip.settings.browser",
        DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}",
        MEDIA_ROOT=str(directory / "media"),
        STATIC_ROOT=str(directory / "static"),
        LIP_EMAIL_DIR=str(directory / "mail"),
        SITE_URL=url,
        PYTHONUNBUFFERED="1",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _run_manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def _migrations_key() -> str:
    """Changes whenever a migration or a locked dependency changes: then the cached database is rebuilt."""
    digest = hashlib.sha256(sys.version.encode())
    sources = [REPO_ROOT / "requirements.lock", *sorted(REPO_ROOT.glob("*/migrations/*.py"))]
    for path in sources:
        if path.exists():
            digest.update(str(path.relative_to(REPO_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _migrated_database(cache_dir: Path | None, scratch: Path) -> Path:
    """An SQLite file with every migration applied: built once and kept in the pytest cache until they change."""
    if cache_dir is None:
        cache_dir = scratch / "cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"migrated-{_migrations_key()}.sqlite3"
    with open(cache_dir / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test sessions at once build it only once
        if not target.exists():
            building = scratch / "migrating"
            building.mkdir()
            _run_manage(_server_env(building, "http://127.0.0.1"), "migrate", "--no-input", "-v0")
            for stale in cache_dir.glob("migrated-*.sqlite3"):
                stale.unlink()
            shutil.move(building / "db.sqlite3", target.with_suffix(".tmp"))
            os.replace(target.with_suffix(".tmp"), target)
    return target


@dataclass
class LiveServer:
    url: str
    directory: Path
    env: dict[str, str]
    phase: str = "submission"  # seed_demo lays the demo consultation's timeline so that submission runs
    process: subprocess.Popen | None = field(default=None, repr=False)

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database and settings; returns its output."""
        return _run_manage(self.env, *args)

    def set_phase(self, name: str) -> None:
        """Let phase `name` (voting, submission, discussion, ...) of the demo consultation run now."""
        if name != self.phase:
            self.manage("move_to_phase", name)
            self.phase = name

    def emails(self) -> list[EmailMessage]:
        """Every e-mail the site has sent, oldest first."""
        mail_dir = self.directory / "mail"
        files = sorted(mail_dir.glob("*.log"), key=lambda path: (path.stat().st_mtime_ns, path.name))
        separator = b"\n" + b"-" * 79 + b"\n"
        messages = []
        for path in files:
            for chunk in path.read_bytes().split(separator):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return messages

    def log(self) -> str:
        return (self.directory / "server.log").read_text(errors="replace")

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}{demo.LOGIN}", timeout=5) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False


@pytest.fixture(scope="session")
def server(request, tmp_path_factory):
    require_chromium()
    directory = tmp_path_factory.mktemp("browser-site")
    for name in ("media", "static", "mail"):
        (directory / name).mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = _server_env(directory, url)
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("lip-browser-db") if cache is not None else None
    shutil.copyfile(_migrated_database(cache_dir, directory), directory / "db.sqlite3")

    live = LiveServer(url=url, directory=directory, env=env)
    # The server starts (imports, static file index) while seed_demo fills the database.
    seed = subprocess.Popen(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    with open(directory / "server.log", "w") as log:
        live.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        seed_output, _ = seed.communicate(timeout=SERVER_START_TIMEOUT)
        if seed.returncode:
            pytest.fail(f"seed_demo failed:\n{seed_output}")
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not live.answers():
            if live.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The live server did not start on {url}:\n{live.log()}")
            time.sleep(0.2)
        yield live
    finally:
        if seed.poll() is None:
            seed.kill()
        stop_process(live.process)


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright():
    require_chromium()
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls of other tests
    # that run in this worker after the browser tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)  # a loaded CI machine may need more than the default 5 s
    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class RequestGuard:
    """Records what a context's pages asked for: requests to other hosts and server errors."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        context.on("request", self._on_request)
        context.on("response", self._on_response)

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in LOCAL_SCHEMES:
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            try:
                source = request.frame.url
            except Exception:  # a service worker's request has no frame
                source = "?"
            self.foreign.append(f"{request.method} {request.url} (from {source})")

    def _on_response(self, response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")


class PageOpener:
    """The `open_page` factory; see the module docstring."""

    def __init__(self, browser, server: LiveServer, logins: dict[str, dict], guard: RequestGuard):
        self.browser = browser
        self.server = server
        self.logins = logins
        self.guard = guard
        self.contexts = []

    def __call__(self, path: str = "/", *, language: str = "de", user: str | None = None, viewport=(1280, 900)):
        context = self.new_context(language=language, user=user, viewport=viewport)
        page = context.new_page()
        page.goto(self.server.url + path)
        return page

    def new_context(self, *, language: str = "de", user: str | None = None, viewport=(1280, 900)):
        """A browser context (language cookie, signed in as `user`, requests guarded) without a page yet."""
        width, height = viewport
        context = self.browser.new_context(
            base_url=self.server.url,
            viewport={"width": width, "height": height},
            locale=language,
            storage_state=self.login_state(user) if user else None,
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.add_cookies([{"name": "lip_language", "value": language, "url": self.server.url}])
        self.guard.watch(context)
        self.contexts.append(context)
        return context

    def login_state(self, user: str) -> dict:
        """The cookies of a session signed in through the login form, once per account and test session."""
        if user not in self.logins:
            context = self.browser.new_context(base_url=self.server.url)
            context.set_default_timeout(DEFAULT_TIMEOUT_MS)
            try:
                page = context.new_page()
                page.goto(demo.LOGIN)
                page.locator("#id_login").fill(user)
                page.locator("#id_password").fill(demo.PASSWORD)
                page.locator("form.account-form button[type=submit]").click()
                page.wait_for_load_state()
                session = [cookie for cookie in context.cookies() if cookie["name"] == "sessionid"]
                if not session or urlsplit(page.url).path == demo.LOGIN:
                    pytest.fail(f"Could not sign in as {user}: {page.url}\n{page.locator('main').inner_text()}")
                self.logins[user] = context.storage_state()
            finally:
                context.close()
        return self.logins[user]

    def forget(self, user: str) -> None:
        """Sign in again next time (after a test logged out, which ends the shared session)."""
        self.logins.pop(user, None)

    def close(self, screenshot_prefix: str | None = None) -> None:
        for number, context in enumerate(self.contexts):
            if screenshot_prefix:
                for index, page in enumerate(context.pages):
                    with contextlib.suppress(Exception):
                        FAILURE_DIR.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=FAILURE_DIR / f"{screenshot_prefix}-{number}-{index}.png", full_page=True)
            with contextlib.suppress(Exception):
                context.close()
        self.contexts.clear()


@pytest.fixture(scope="session")
def _logins():
    return {}


@pytest.fixture
def request_guard(server):
    return RequestGuard(origin=server.url)


@pytest.fixture
def open_page(request, browser, server, _logins, request_guard):
    opener = PageOpener(browser, server, _logins, request_guard)
    yield opener
    failed = getattr(request.node, "_report_call", None)
    prefix = None
    if failed is not None and failed.failed:
        prefix = "".join(char if char.isalnum() or char in "-_" else "_" for char in request.node.name)
    opener.close(screenshot_prefix=prefix)
    problems = []
    if request_guard.foreign:
        problems.append("Requests to third-party hosts:\n  " + "\n  ".join(request_guard.foreign))
    if request_guard.server_errors:
        problems.append("Server errors:\n  " + "\n  ".join(request_guard.server_errors) + "\n" + server.log()[-4000:])
    if problems:
        pytest.fail("\n".join(problems))
