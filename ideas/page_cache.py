"""The idea competition's part in the page cache (lip.pagecache).

Pages: the competition page, its results and its audience prize depend on `competition:<pk>` and, for the budget
figures, on `fund:<pk>`. They change by themselves when the submission window, the audience vote or the publication of
the results begins or ends, so they are cached until the next of those moments at most.

Writes: every change of an application that its competition's pages or the statistics count bumps both
(`application_changed`); an award also the fund's figures and the pages of the proposals the project builds on
("Was daraus wurde").
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lip import pagecache
from lip.pagecache import tags


def next_midnight(now: datetime) -> datetime:
    """The next midnight in Hannover: the days left until a deadline ("noch 12 Tage") count down then."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def _moments(page, now: datetime) -> list[datetime]:
    moments = [
        page.submission_start,
        page.submission_end,
        page.results_published_at,
        page.audience_vote_start,
        page.audience_vote_end,
    ]
    if page.submission_end > now:  # the fact box counts the days left
        moments.append(next_midnight(now))
    return [m for m in moments if m is not None and m > now]


def competition_page(request, page) -> None:
    """A public page of the competition `page`."""
    if not pagecache.is_caching(request):
        return
    pagecache.depends_on(request, tags.competition(page.pk), tags.fund(page.fund_id))
    pagecache.expires_at(request, min(_moments(page, timezone.now()), default=None))


def competition_cards(request, pages) -> None:
    """A page listing the competitions `pages` as cards (home page): new competitions bump `site` (CMS publish)."""
    if not pagecache.is_caching(request):
        return
    pagecache.depends_on(request, *(tags.fund(page.fund_id) for page in pages))
    now = timezone.now()
    pagecache.expires_at(request, min((m for page in pages for m in _moments(page, now)), default=None))


def application_changed(application, *, awarded: bool = False) -> None:
    """After the commit, the pages of the application's competition and the statistics are stale; with `awarded`,
    the fund's figures and the pages of the proposals the project builds on too."""
    changed = [tags.competition(application.competition_id), tags.STATISTICS]
    if awarded:
        fund_id = application.competition.fund_id
        references = application.proposals.values_list("reference", flat=True)
        changed += [tags.fund(fund_id), *(tags.proposal(reference) for reference in references)]
    pagecache.invalidate(*changed)
