"""The statistics dashboard in the Wagtail admin: Wagtail report views with charts and CSV export, under „Berichte“
(Wagtail's reports menu). Wired in `wagtail_hooks.py`.
"""

from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from lip.access import RuleRequiredMixin
from lip.exports import LipExportMixin

from .. import permissions
from . import charts
from .figures import participation_statistics
from .forms import PeriodForm
from .results import ParticipationStatistics
from .views import statistics_charts


class StatisticsMixin(RuleRequiredMixin):
    """Staff only; the period comes from ?von=…&bis=… (both optional)."""

    access_rule = permissions.is_monitoring_staff

    @cached_property
    def period_form(self) -> PeriodForm:
        return PeriodForm(self.request.GET if ("von" in self.request.GET or "bis" in self.request.GET) else None)

    @cached_property
    def figures(self) -> ParticipationStatistics:
        start = end = None
        if self.period_form.is_bound and self.period_form.is_valid():
            start, end = self.period_form.cleaned_data.get("von"), self.period_form.cleaned_data.get("bis")
        return participation_statistics(start=start, end=end)


BREAKDOWNS = {
    "bezirke": ("by_district", _("Beteiligung nach Stadtbezirk"), _("Stadtbezirk")),
    "handlungsfelder": ("by_topic", _("Beteiligung nach Handlungsfeld"), _("Handlungsfeld")),
    "beteiligungen": ("by_consultation", _("Beteiligung nach Beteiligungsverfahren"), _("Beteiligung")),
    "wege": ("by_channel", _("Beteiligung nach Weg (online und analog)"), _("Weg")),
    "organisationen": ("organisations_by_type", _("Organisationen nach Art"), _("Art")),
    "veranstaltungen": ("events_by_kind", _("Veranstaltungen nach Art"), _("Art")),
    "ideen-bezirke": ("applications_by_district", _("Ideenwettbewerb nach Stadtbezirk"), _("Stadtbezirk")),
    "ideen-handlungsfelder": ("applications_by_topic", _("Ideenwettbewerb nach Handlungsfeld"), _("Handlungsfeld")),
}
ACTIVITY_FIELDS = {
    "label": None,
    "proposals_online": _("Vorschläge online"),
    "proposals_analog": _("Vorschläge analog"),
    "comments": _("Kommentare"),
    "votes_online": _("Stimmen online"),
    "votes_analog": _("Stimmen analog"),
    "draft_comments_online": _("Kommentare zum Planentwurf online"),
    "draft_comments_analog": _("Kommentare zum Planentwurf analog"),
    "survey_responses_online": _("Antwortbögen in Umfragen online"),
    "survey_responses_analog": _("Antwortbögen in Umfragen analog"),
}
COUNT_FIELDS = {
    "organisations_by_type": {"label": None, "count": _("registriert und bestätigt"), "other": _("beteiligt")},
    "events_by_kind": {"label": None, "count": _("Veranstaltungen"), "other": _("Teilnehmende")},
}
FUNDING_FIELDS = {
    "label": None,
    "applications": _("Anträge"),
    "awarded": _("gefördert"),
    "amount": _("Fördersumme (€)"),
}


class StatisticsDashboardView(StatisticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/statistics.html"
    page_title = _("Beteiligungsstatistik")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()
        context.update(
            period_form=self.period_form if self.period_form.is_bound else PeriodForm(),
            figures=self.figures,
            charts=statistics_charts(self.figures),
            breakdowns=[
                (title, reverse("monitoring_statistics:breakdown", args=[slug]) + (f"?{query}" if query else ""))
                for slug, (_attr, title, _first) in BREAKDOWNS.items()
            ],
        )
        return context


class BreakdownReportView(LipExportMixin, StatisticsMixin, ReportView):
    """One table of the statistics as a Wagtail report: chart, table, CSV and XLSX export."""

    results_template_name = "monitoring/admin/breakdown_results.html"
    header_icon = "table"
    paginate_by = 200

    def setup(self, request, *args, slug: str = "", **kwargs):
        super().setup(request, *args, **kwargs)
        if slug not in BREAKDOWNS:
            raise Http404
        self.slug = slug
        self.attribute, self.page_title, first = BREAKDOWNS[slug]
        fields = COUNT_FIELDS.get(self.attribute) or (
            FUNDING_FIELDS if self.attribute.startswith("applications") else ACTIVITY_FIELDS
        )
        self.list_export = list(fields)
        self.export_headings = {name: heading or first for name, heading in fields.items()}
        self.columns = [Column(name, label=heading or first) for name, heading in fields.items()]

    def get_index_url(self):
        return reverse("monitoring_statistics:breakdown", args=[self.slug])

    def get_index_results_url(self):
        return self.get_index_url()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("monitoring_statistics:dashboard"), "label": _("Beteiligungsstatistik")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_filename(self):
        return f"beteiligungsstatistik-{self.slug}-{date.today():%Y-%m-%d}"

    def get_filtered_queryset(self):
        return getattr(self.figures, self.attribute)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = getattr(self.figures, self.attribute)
        fields = [name for name in self.list_export if name != "label"]
        if fields[:2] == ["proposals_online", "proposals_analog"]:
            description = gettext(
                "Balkendiagramm: Vorschläge je Zeile, online (voll) und analog (schraffiert). Die Zahlen stehen in der Tabelle darunter."
            )
            series = [
                charts.Series(gettext("online"), [r.proposals_online for r in rows]),
                charts.Series(gettext("analog"), [r.proposals_analog for r in rows], style="hatched"),
            ]
        else:
            column = str(self.export_headings[fields[0]])
            description = gettext("Balkendiagramm der Spalte „%(column)s“ der Tabelle darunter.") % {"column": column}
            series = [charts.Series(column, [getattr(r, fields[0]) for r in rows])]
        context.update(
            period_form=self.period_form if self.period_form.is_bound else PeriodForm(),
            chart=charts.bar_chart(
                chart_id=f"chart-{self.slug}",
                title=str(self.page_title),
                description=description,
                categories=[r.label for r in rows],
                series=series,
            ),
        )
        return context
