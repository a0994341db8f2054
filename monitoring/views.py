"""The landing page of monitoring. The other public pages are in their features' packages: `measures.views`,
`statistics.views`, `reports.views` (mounted by `urls.py`)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lip import pagecache

from .measures import selectors

# --- Landing page --------------------------------------------------------------------------------------------------


@require_safe
def index(request):
    pagecache.depends_on(request, pagecache.tags.MEASURES)
    measures = selectors.measure_list()
    return render(
        request,
        "monitoring/index.html",
        {
            "page_title": _("Monitoring und Evaluation"),
            "measure_count": len(measures),
            "topic_groups": selectors.group_by_topic(measures),
        },
    )
