"""The public statistics page (non-personal figures only), and its charts, which the admin dashboard shows too."""

from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from consultation.models import Channel
from lip import pagecache

from ..formats import fmt_euro
from . import charts
from .figures import participation_statistics
from .forms import StatisticsFilterForm
from .results import ParticipationStatistics


def _year(request) -> int | None:
    return StatisticsFilterForm(request.GET).year


def statistics_charts(figures: ParticipationStatistics) -> dict:
    """The charts of the statistics page and the admin dashboard (the same numbers are in the tables)."""

    def online_analog(rows, chart_id, title):
        return charts.bar_chart(
            chart_id=chart_id,
            title=title,
            description=_(
                "Balkendiagramm: Zahl der Vorschläge, geteilt in online (voll) und analog (schraffiert). Die Zahlen stehen in der Tabelle daneben."
            ),
            categories=[r.label for r in rows],
            series=[
                charts.Series(_("online"), [r.proposals_online for r in rows]),
                charts.Series(_("analog"), [r.proposals_analog for r in rows], style="hatched"),
            ],
        )

    return {
        "districts": online_analog(figures.by_district, "chart-districts", _("Vorschläge nach Stadtbezirk")),
        "topics": online_analog(figures.by_topic, "chart-topics", _("Vorschläge nach Handlungsfeld")),
        "channels": charts.tally_chart(
            "chart-channels",
            _("Vorschläge nach Weg der Beteiligung"),
            _("Balkendiagramm: Zahl der Vorschläge je Weg. Die Zahlen stehen in der Tabelle daneben."),
            _("Vorschläge"),
            [(r.label, r.proposals) for r in figures.by_channel],
        ),
        "organisations": charts.tally_chart(
            "chart-organisations",
            _("Beteiligte Organisationen nach Art"),
            _("Balkendiagramm: Zahl der beteiligten Organisationen je Art. Die Zahlen stehen in der Tabelle daneben."),
            _("beteiligt"),
            [(r.label, r.other) for r in figures.organisations_by_type],
        ),
        "ideas": charts.tally_chart(
            "chart-ideas",
            _("Bewilligte Fördersummen nach Stadtbezirk"),
            _(
                "Balkendiagramm: Summe der bewilligten Förderungen je Stadtbezirk in Euro. Die Zahlen stehen in der Tabelle daneben."
            ),
            _("bewilligt"),
            [(r.label, r.amount) for r in figures.applications_by_district],
            value_format=fmt_euro,
        ),
    }


@require_safe
def statistics_page(request):
    pagecache.depends_on(request, pagecache.tags.STATISTICS, params=StatisticsFilterForm.base_fields)
    year = _year(request)
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    figures = participation_statistics(start=start, end=end)
    context = {
        "page_title": _("Beteiligung in Zahlen"),
        "figures": figures,
        "charts": statistics_charts(figures),
        "year": year,
        "years": list(range(date.today().year, 2023, -1)),
        "online_key": Channel.ONLINE,
    }
    return render(request, "monitoring/statistics.html", context)
