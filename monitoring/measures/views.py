"""Public pages of the measures: the overview by topic and district, one page per measure."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lip import pagecache, reference

from .. import page_cache
from ..formats import fmt_value
from ..models import MeasureState
from ..statistics import charts
from . import selectors
from .forms import MeasureFilterForm

# --- Measures ------------------------------------------------------------------------------------------------------


@require_safe
def measure_overview(request):
    pagecache.depends_on(request, pagecache.tags.MEASURES, params=MeasureFilterForm.base_fields)
    topics = reference.topics()  # from the cache: no query (lip.reference)
    districts = reference.districts()
    query = MeasureFilterForm(request.GET)
    topic = next((t for t in topics if t.slug == query.value("handlungsfeld")), None)
    district = next((d for d in districts if d.slug == query.value("bezirk")), None)
    state = query.value("stand")
    measures = selectors.measure_list(topic=topic, district=district, state=state)
    context = {
        "page_title": _("LIP-Maßnahmen"),
        "topics": topics,
        "districts": districts,
        "states": MeasureState.choices,
        "selected": {"topic": topic, "district": district, "state": state},
        "is_filtered": bool(topic or district or state),
        "topic_groups": selectors.group_by_topic(measures),
        "district_groups": selectors.group_by_district(measures, districts),
        "measure_count": len(measures),
    }
    return render(request, "monitoring/measure_list.html", context)


def _indicator_rows(indicators) -> list[dict]:
    rows = []
    for indicator in indicators:
        values = selectors.value_list(indicator)
        latest = values[-1] if values else None
        chart = None
        if values:
            chart = charts.line_chart(
                chart_id=f"indicator-{indicator.pk}",
                title=_("Verlauf: %(name)s (%(unit)s)") % {"name": indicator.name, "unit": indicator.unit},
                description=_(
                    "Liniendiagramm der gemessenen Werte mit Ausgangswert (gestrichelt) und Zielwert (gepunktet). Die Werte stehen in der Tabelle darunter."
                ),
                points=[(v.date.strftime("%m/%Y"), v.value) for v in values],
                baseline=indicator.baseline_value,
                target=indicator.target_value,
                baseline_label=_("Ausgang"),
                target_label=_("Ziel"),
                value_format=fmt_value,
            )
        rows.append(
            {
                "indicator": indicator,
                "values": values,
                "latest": latest,
                "attainment": indicator.attainment(latest.value if latest else None),
                "chart": chart,
            }
        )
    return rows


@require_safe
def measure_detail(request, slug: str):
    pagecache.depends_on(request, pagecache.tags.MEASURES)
    measure = selectors.measure_detail(slug)
    if measure is None:
        raise Http404
    children = measure.child_list()
    proposals, projects = selectors.origins(measure)
    page_cache.measure_page(request, proposals, projects)
    context = {
        "page_title": measure.title,
        "measure": measure,
        "children": [{"measure": child, "share": measure.weight_share(child)} for child in children],
        "weight_total": sum(child.weight for child in children),
        "proposals": proposals,
        "projects": projects,
        "indicators": _indicator_rows(measure.indicators.all()),
    }
    return render(request, "monitoring/measure_detail.html", context)
