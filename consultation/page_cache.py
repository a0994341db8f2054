"""The consultation's part in the page cache (lip.pagecache): what its public pages depend on, what its writes change.

Pages: the consultation page, its proposal list and event pages depend on `consultation:<pk>`; a proposal page on
`proposal:<reference>`. All of them change by themselves when a phase starts or ends, so they are cached until the
consultation's next phase boundary at most; the home page and the list of consultations until any consultation's.

Writes: a change that shows in lists and figures (a proposal submitted, edited, withdrawn or moderated, a comment
made, deleted or moderated, a vote, a dot-vote tally, a response) bumps the proposal, its consultation and the
statistics (`proposal_changed`); editing a comment's text only the proposal's page (`proposal_page_changed`).
"""

from datetime import datetime

from django.db.models import Min, Q
from django.utils import timezone

from lip import pagecache
from lip.pagecache import tags


def _next_boundary(phases, now: datetime) -> datetime | None:
    moments = [moment for phase in phases for moment in (phase.start, phase.end) if moment > now]
    return min(moments, default=None)


def consultation_page(request, page, *, params=()) -> None:
    """A page of the consultation that shows its proposals or figures (phases prefetched: `prepare_page`), reading
    the query parameters `params`."""
    if pagecache.is_caching(request):
        pagecache.depends_on(request, tags.consultation(page.pk), params=params)
        pagecache.expires_at(request, _next_boundary(page.phase_list(), timezone.now()))


def proposal_page(request, page, reference: str) -> None:
    """The page of the proposal `reference` in `page` (phases prefetched); called before the proposal is read."""
    if pagecache.is_caching(request):
        pagecache.depends_on(request, tags.proposal(reference))
        pagecache.expires_at(request, _next_boundary(page.phase_list(), timezone.now()))


def until_next_phase_change(request) -> None:
    """A page showing which consultations run now (home page, list of consultations): cached until any live
    consultation's next phase boundary (one query, only when the page is being cached)."""
    if not pagecache.is_caching(request):
        return
    from .models import Phase

    now = timezone.now()
    moments = Phase.objects.filter(page__live=True).aggregate(
        start=Min("start", filter=Q(start__gt=now)), end=Min("end", filter=Q(end__gt=now))
    )
    pagecache.expires_at(request, min((m for m in moments.values() if m is not None), default=None))


def proposal_changed(proposal) -> None:
    """After the commit, the proposal's page, its consultation's pages and the statistics are stale."""
    pagecache.invalidate(
        tags.proposal(proposal.reference), tags.consultation(proposal.consultation_id), tags.STATISTICS
    )


def proposal_page_changed(proposal) -> None:
    """After the commit, the proposal's page is stale (a change that no list or figure shows)."""
    pagecache.invalidate(tags.proposal(proposal.reference))


def consultation_changed(consultation_id: int) -> None:
    """After the commit, the consultation's pages and the statistics are stale (an event, say)."""
    pagecache.invalidate(tags.consultation(consultation_id), tags.STATISTICS)


def comment_changed(comment, *, shows_in_figures: bool = True) -> None:
    """After the commit, what shows the comment is stale: its proposal's pages, or for a comment on the plan draft
    (whose pages are not cached) the statistics, which count it. `shows_in_figures=False`: only its text changed."""
    if comment.proposal_id:
        (proposal_changed if shows_in_figures else proposal_page_changed)(comment.proposal)
    elif shows_in_figures:
        pagecache.invalidate(tags.STATISTICS)
