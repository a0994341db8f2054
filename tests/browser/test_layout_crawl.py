"""Issue 17: every page fits a phone, signed out and signed in as each role, found by crawling instead of by a list.

For each demo account (and signed out) the crawler starts at the home page and the account's own pages, follows every
same-origin link in <header>, <main> and <footer> breadth-first (GET only), and looks at each page at 320 and 360 px:
the page must not scroll sideways, no element may stick out of the screen, no word may be broken letter by letter,
the server must not fail and no third-party host may be asked for anything. Problems are reported grouped per page.

Not followed: logging out, downloads (PDF, CSV, XLSX, ZIP, private files), the Wagtail admin under /admin/ (Wagtail
lays it out), the language switch, mailto:/tel: and in-page anchors. Lists with hundreds of pages do not explode the
crawl: a path is visited with at most MAX_QUERIES query strings (one per set of parameters), a path pattern
(numbers and references replaced) at most MAX_PER_PATTERN times, a parent path lists at most MAX_CHILDREN children
from links in <main>, and each role at most MAX_PAGES pages. One browser page per role is reused; only the viewport
changes between the widths.
"""

import re
from collections import defaultdict, deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.browser import demo
from tests.browser.a11y import PHONE_320, overflow
from tests.browser.conftest import RequestGuard

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE_360 = (360, 740)
WIDTHS = (PHONE_320, PHONE_360)
MAX_PAGES = 70
MAX_QUERIES = 4
MAX_PER_PATTERN = 2
MAX_CHILDREN = 4

# Who crawls: account, language, phase of the demo consultation, and the part of the site. Signed out also in Arabic
# (right to left); the participant once more in the voting phase, where only the consultation's pages change.
CRAWLS = {
    "anonymous": (None, "de", "submission", "/"),
    "anonymous-ar": (None, "ar", "submission", "/"),
    "teilnahme": (demo.PARTICIPANT, "de", "submission", "/"),
    "teilnahme-voting": (demo.PARTICIPANT, "de", "voting", demo.CONSULTATION),
    "vertretung": (demo.REPRESENTATIVE, "de", "submission", "/"),
    "beirat": (demo.COUNCIL, "de", "submission", "/"),
    "jury": (demo.JURY, "de", "submission", "/"),
    "moderation": (demo.MODERATOR, "de", "submission", "/"),
    "rat": (demo.COUNCIL_MEMBER, "de", "submission", "/"),
    "admin": (demo.ADMIN, "de", "submission", "/"),
}
# Where the crawl starts besides the home page: the profile and the "Meine …" pages of signed-in people.
# Pages no header or footer link leads to: search results, and monitoring (linked only from measures' neighbours).
UNLINKED_STARTS = [demo.SEARCH + "?q=Sprache", demo.MONITORING]
SIGNED_IN_STARTS = ["/profil/", "/profil/meine-daten/", "/ideenwettbewerb/meine-antraege/", "/ideenwettbewerb/jury/"]

SKIPPED_PATHS = re.compile(
    r"""^/(admin|django-admin|dokumente|sprache|static|media)/   # Wagtail's admin and documents, language switch
      | ^/api/                                                   # the open-data API: JSON and its Swagger UI
      | /(logout|abmelden)/                                      # logging out
      | \.(pdf|csv|xlsx|xls|zip|ics|json|xml|txt|png|jpe?g|svg|webp)$
      | /(pdf|export|exportieren|herunterladen|download|anlage-\d+|anlagen|foerderbescheid|protokoll)(/|$)""",
    re.VERBOSE,
)
SKIPPED_QUERY_KEYS = {"export", "format", "download"}
IGNORED_QUERY_KEYS = {"next"}  # where to go after logging in: the same page
NUMBERED = re.compile(r"\d")

LINKS = """() => [...document.querySelectorAll('header a[href], main a[href], footer a[href]')]
  .filter(a => !a.closest('.language-switch') && !a.hasAttribute('download') && !a.hasAttribute('hreflang'))
  .map(a => ({href: a.href, nav: !a.closest('main')}))"""

# A word broken letter by letter: a word of letters spread over several lines, where a line holds at most two of its
# letters, or over three lines or more. A long compound wrapped once into two readable parts is fine.
WORDS_BROKEN_LETTER_BY_LETTER = """() => {
  const found = [], range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const lineOf = (node, index) => {
    range.setStart(node, index); range.setEnd(node, index + 1);
    const rect = [...range.getClientRects()].find(r => r.width);
    return rect ? Math.round(rect.top) : null;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, script, style, select, option, textarea, template')) continue;
    if (!parent.checkVisibility()) continue;
    for (const word of node.textContent.matchAll(/\\p{L}{3,}/gu)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
      if (tops.size < 2) continue;
      const perLine = new Map();
      for (let i = 0; i < word[0].length; i++) {
        const top = lineOf(node, word.index + i);
        if (top !== null) perLine.set(top, (perLine.get(top) || 0) + 1);
      }
      const counts = [...perLine.values()];
      if (counts.length >= 3 || counts.some(count => count <= 2)) {
        found.push(`${parent.tagName.toLowerCase()}.${parent.className}: "${word[0]}" over lines of ${counts.join('+')} letters`);
      }
    }
  }
  return found.slice(0, 5);
}"""


def _size(viewport: tuple[int, int]) -> dict[str, int]:
    return {"width": viewport[0], "height": viewport[1]}


class Frontier:
    """The URLs still to visit, breadth-first, with the caps that keep long lists from exploding the crawl."""

    def __init__(self, origin: str, scope: str = "/"):
        self.origin = origin
        self.scope = scope
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.queries: dict[str | tuple, int] = defaultdict(int)
        self.patterns: dict[str, int] = defaultdict(int)
        self.children: dict[str, set[str]] = defaultdict(set)

    def normalise(self, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None  # mailto:, tel:, other hosts
        path = parts.path or "/"
        if SKIPPED_PATHS.search(path) or not path.startswith(self.scope):
            return None
        query = sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key not in IGNORED_QUERY_KEYS
        )
        if any(key in SKIPPED_QUERY_KEYS for key, _value in query):
            return None
        return path + ("?" + urlencode(query) if query else "")

    def add(self, href: str, *, navigation: bool = True) -> None:
        url = self.normalise(href)
        if url is None or url in self.seen:
            return
        path = url.split("?")[0]
        pattern = "/".join("#" if NUMBERED.search(segment) else segment for segment in path.split("/"))
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        keys = (path, tuple(sorted({key for key, _value in parse_qsl(url.partition("?")[2])})))
        if "?" in url and (self.queries[path] >= MAX_QUERIES or self.queries[keys]):
            return  # one list filtered by district looks like the same list filtered by another district
        if "?" not in url and pattern != path and self.patterns[pattern] >= MAX_PER_PATTERN:
            return
        if (
            not navigation
            and parent != "/"
            and path not in self.children[parent]
            and len(self.children[parent]) >= MAX_CHILDREN
        ):
            return
        self.seen.add(url)
        if "?" in url:
            self.queries[path] += 1
            self.queries[keys] += 1
        elif pattern != path:
            self.patterns[pattern] += 1
        self.children[parent].add(path)
        self.queue.append(url)


def _visit(page, url: str, guard: RequestGuard) -> tuple[list[str], list[str]]:
    """Open `url` at 320 px and look at it at 320 and 360 px; returns (problems, links on the page)."""
    errors_before = len(guard.server_errors) + len(guard.foreign)
    page.set_viewport_size(_size(WIDTHS[0]))
    try:
        response = page.goto(url)
    except Exception as error:  # a download the patterns did not catch: not a page to lay out
        if "Download is starting" in str(error):
            return [], []
        return [f"could not be opened: {str(error).splitlines()[0]}"], []
    problems = []
    status = response.status if response is not None else 0
    if status >= 500:
        problems.append(f"server error {status}")
    elif status == 404:
        problems.append("a link leads to a missing page (404)")
    content_type = (response.headers.get("content-type", "") if response is not None else "") or ""
    if "text/html" not in content_type:
        return problems, []
    for viewport in WIDTHS:
        if viewport != WIDTHS[0]:
            page.set_viewport_size(_size(viewport))
        where = f"{viewport[0]} px"
        problems += overflow(page, where)
        problems += [
            f"{where}: broken letter by letter: {word}" for word in page.evaluate(WORDS_BROKEN_LETTER_BY_LETTER)
        ]
    problems += (guard.server_errors + guard.foreign)[errors_before:]
    return problems, page.evaluate(LINKS)


def crawl(open_page, server, user, *, language: str = "de", scope: str = "/") -> tuple[list[str], dict[str, list[str]]]:
    """Every page reached from the starting pages (up to MAX_PAGES), and the problems found per page."""
    context = open_page.new_context(language=language, user=user, viewport=WIDTHS[0])
    guard = RequestGuard(origin=server.url)
    guard.watch(context)
    page = context.new_page()
    frontier = Frontier(server.url, scope)
    for start in [demo.HOME, *UNLINKED_STARTS, *(SIGNED_IN_STARTS if user else [])] if scope == "/" else [scope]:
        frontier.add(server.url + start)
    visited, problems = [], {}
    while frontier.queue and len(visited) < MAX_PAGES:
        url = frontier.queue.popleft()
        found, links = _visit(page, url, guard)
        visited.append(url)
        if found:
            problems[url] = found
        final = frontier.normalise(page.url)
        if final and final != url:
            frontier.seen.add(final)  # a redirect (e.g. to the login page) need not be visited again
        for link in links:
            frontier.add(link["href"], navigation=link["nav"])
    page.close()
    return visited, problems


@pytest.mark.parametrize("role", list(CRAWLS))
def test_every_page_fits_320_and_360_px(open_page, server, role):
    user, language, phase, scope = CRAWLS[role]
    server.set_phase(phase)
    try:
        visited, problems = crawl(open_page, server, user, language=language, scope=scope)
    finally:
        server.set_phase("submission")  # as seed_demo leaves it
    print(f"\n{role}: {len(visited)} pages crawled\n  " + "\n  ".join(visited))
    assert len(visited) >= (10 if scope == "/" else 5), f"the crawl as {role} found only {visited}"
    report = [f"{url}\n    " + "\n    ".join(found) for url, found in problems.items()]
    assert not problems, f"{len(problems)} of {len(visited)} pages as {role} do not fit a phone:\n" + "\n".join(report)
