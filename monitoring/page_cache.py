"""Monitoring's part in the page cache (lip.pagecache).

Pages: the start page, the measure list and the measure pages depend on `measures` (a measure page also on the
proposals and funded projects it names); the report archive and report pages on `reports`; the statistics page on
`statistics`, which the consultation's and the competition's writes bump.

Writes: a measure, indicator or value bumps `measures`; a measure also the pages of the proposals whose "Was daraus
wurde" shows it, its parent or its sub-measures (title, state and progress of each) – before the change, for the
links it drops, and after it, for the links it makes (`measure_changed`).
"""

from lip import pagecache
from lip.pagecache import tags


def measure_page(request, proposals, projects) -> None:
    """The page of a measure naming `proposals` and the funded `projects` (applications with their competition)."""
    pagecache.depends_on(
        request,
        *(tags.proposal(proposal.reference) for proposal in proposals),
        *(tags.competition(project.competition_id) for project in projects),
    )


def measure_changed(measure) -> None:
    """After the commit, the measure pages and the pages of the proposals linked to `measure`'s family are stale."""
    from django.db.models import Q

    from .models import Measure

    # The measure, its sub-measures, its parent as given and as stored (a move to another parent changes both).
    family = Q(pk=measure.parent_id) if measure.parent_id else Q(pk__in=[])
    if measure.pk is not None:
        family |= Q(pk=measure.pk) | Q(parent_id=measure.pk)
        family |= Q(pk__in=Measure.objects.filter(pk=measure.pk, parent__isnull=False).values("parent_id"))
    references = (
        Measure.proposals.through.objects.filter(measure__in=Measure.objects.filter(family).values("pk"))
        .values_list("proposal__reference", flat=True)
        .distinct()
    )
    pagecache.invalidate(tags.MEASURES, *(tags.proposal(reference) for reference in references))
