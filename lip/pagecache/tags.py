"""The tags of the page cache: what a cached page depends on, and what a write bumps. The whole scheme is here.

| tag                  | pages that depend on it                                 | bumped by                                       |
| -------------------- | ------------------------------------------------------- | ----------------------------------------------- |
| `site`               | every cached page (menu, footer, CMS content)           | CMS publish, unpublish, move, delete; view      |
|                      |                                                         | restrictions, sites, site settings; topics,     |
|                      |                                                         | districts, organisations; a person's name       |
|                      |                                                         | changing (profile, user admin, account deleted) |
| `consultation:<pk>`  | the consultation page, its proposal list (every filter, | every write on a proposal of the consultation,  |
|                      | page, order) and its event pages                        | its comments, votes, responses, moderation,     |
|                      |                                                         | events (saved, deleted) and dot-vote tallies    |
| `proposal:<ref>`     | the proposal page (LIP-2026-0042); the measure pages    | the same writes on that proposal; a measure or  |
|                      | that name the proposal                                  | funded project linked to it ("Was daraus wurde")|
| `competition:<pk>`   | the competition page, its results, the audience prize;  | applications (submit, withdraw, decisions,      |
|                      | measure pages naming one of its projects                | award, progress reports), audience votes        |
| `fund:<pk>`          | the pages of the fund's competitions (budget figures)   | awards, changes of the fund                     |
| `measures`           | monitoring start page, measure list, measure pages      | measures, indicators, indicator values          |
| `reports`            | report archive and report pages                         | a report issued or released                     |
| `statistics`         | the statistics page                                     | every write counted there (proposals, comments, |
|                      |                                                         | votes, tallies, events, responses, moderation,  |
|                      |                                                         | applications, awards, audience votes,           |
|                      |                                                         | organisations: through `site`)                  |

Time-driven changes (a phase that starts, a submission window that closes) bump nothing: the pages that show them
cap their time in the cache at the next such moment (`expires_at`), and `LIP_PAGE_CACHE_SECONDS` caps everything.
"""

SITE = "site"
MEASURES = "measures"
REPORTS = "reports"
STATISTICS = "statistics"


def consultation(pk: int) -> str:
    return f"consultation:{pk}"


def proposal(reference: str) -> str:
    return f"proposal:{reference}"


def competition(pk: int) -> str:
    return f"competition:{pk}"


def fund(pk: int) -> str:
    return f"fund:{pk}"
