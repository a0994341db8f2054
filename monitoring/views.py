"""Public pages of monitoring: the measures (overview by topic and district, one page per measure), the statistics
(non-personal figures only) and the archive of reports to the council bodies.

Reading is open to everyone, except reports that are not released yet: those only council members and staff may open
(`permissions.can_read_report`); anonymous visitors are sent to log in, everyone else gets 403 with the reason.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from consultation.models import Channel
from lip import http
from lip.files import serve_private_file
from lip.models import District, Topic

from . import charts, immutability, permissions, selectors, services, statistics
from .formats import fmt_euro, fmt_value
from .forms import MeasureFilterForm, StatisticsFilterForm
from .models import MeasureState, Report, ReportFile

SAFE_METHODS = ("GET", "HEAD")
_login_url = http.login_url
_forbidden = http.forbidden
_refuse = http.refuse
PAGE_SIZE = 20


def _safe_only(request):
    return None if request.method in SAFE_METHODS else HttpResponseNotAllowed(list(SAFE_METHODS))


# --- Landing page --------------------------------------------------------------------------------------------------


def index(request):
    if refusal := _safe_only(request):
        return refusal
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


# --- Measures ------------------------------------------------------------------------------------------------------


def measure_overview(request):
    if refusal := _safe_only(request):
        return refusal
    topics = list(Topic.objects.all())
    districts = list(District.objects.all())
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


def measure_detail(request, slug: str):
    if refusal := _safe_only(request):
        return refusal
    measure = selectors.measure_detail(slug)
    if measure is None:
        raise Http404
    children = measure.child_list()
    proposals, projects = selectors.origins(measure)
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


# --- Statistics ----------------------------------------------------------------------------------------------------


def _year(request) -> int | None:
    return StatisticsFilterForm(request.GET).year


def statistics_charts(figures: statistics.ParticipationStatistics) -> dict:
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
        "channels": charts.bar_chart(
            chart_id="chart-channels",
            title=_("Vorschläge nach Weg der Beteiligung"),
            description=_("Balkendiagramm: Zahl der Vorschläge je Weg. Die Zahlen stehen in der Tabelle daneben."),
            categories=[r.label for r in figures.by_channel],
            series=[charts.Series(_("Vorschläge"), [r.proposals for r in figures.by_channel])],
        ),
        "organisations": charts.bar_chart(
            chart_id="chart-organisations",
            title=_("Beteiligte Organisationen nach Art"),
            description=_(
                "Balkendiagramm: Zahl der beteiligten Organisationen je Art. Die Zahlen stehen in der Tabelle daneben."
            ),
            categories=[r.label for r in figures.organisations_by_type],
            series=[charts.Series(_("beteiligt"), [r.other for r in figures.organisations_by_type])],
        ),
        "ideas": charts.bar_chart(
            chart_id="chart-ideas",
            title=_("Bewilligte Fördersummen nach Stadtbezirk"),
            description=_(
                "Balkendiagramm: Summe der bewilligten Förderungen je Stadtbezirk in Euro. Die Zahlen stehen in der Tabelle daneben."
            ),
            categories=[r.label for r in figures.applications_by_district],
            series=[charts.Series(_("bewilligt"), [r.amount for r in figures.applications_by_district])],
            value_format=fmt_euro,
        ),
    }


def statistics_page(request):
    if refusal := _safe_only(request):
        return refusal
    year = _year(request)
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    figures = statistics.participation_statistics(start=start, end=end)
    context = {
        "page_title": _("Beteiligung in Zahlen"),
        "figures": figures,
        "charts": statistics_charts(figures),
        "year": year,
        "years": list(range(date.today().year, 2023, -1)),
        "online_key": Channel.ONLINE,
    }
    return render(request, "monitoring/statistics.html", context)


# --- Reports -------------------------------------------------------------------------------------------------------


def report_archive(request):
    if refusal := _safe_only(request):
        return refusal
    reports = selectors.report_archive(request.user)
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_title": _("Berichte an die Ratsgremien"),
        "page_obj": page_obj,
        "reports": page_obj.object_list,
        "reads_unreleased": permissions.can_read_unreleased_reports(request.user),
    }
    return render(request, "monitoring/report_archive.html", context)


def _get_report(pk: int) -> Report:
    report = selectors.report_detail(pk)
    if report is None:
        raise Http404
    return report


def report_detail(request, pk: int):
    if refusal := _safe_only(request):
        return refusal
    report = _get_report(pk)
    decision = permissions.can_read_report(request.user, report)
    if not decision:
        if request.user.is_authenticated:
            raise Http404  # an unreleased report's page does not confirm to others that it exists (issue 12, §3)
        return _refuse(request, decision)
    meta = report.snapshot.get("meta", {})
    context = {
        "page_title": f"{meta.get('kind', _('Informationsdrucksache'))} {report.number}",
        "report": report,
        "meta": meta,
        "summary": report.snapshot.get("summary", {}),
        "release_decision": permissions.can_release_report(request.user, report),
    }
    return render(request, "monitoring/report_detail.html", context)


def report_integrity_response(request, report: Report):
    """The PDF of `report` is not the one issued (`immutability.verified_pdf` logged it): say so, serve nothing."""
    context = {"page_title": _("Bericht nicht verfügbar"), "report": report, "reason": immutability.integrity_refusal()}
    return render(request, "monitoring/report_unavailable.html", context, status=409)


def report_pdf(request, pk: int, part: str = ReportFile.PAPER):
    """One of the report's PDFs: the council paper, or its annex (Anlage 1). An unreleased report's file sends
    anonymous visitors to log in and answers 404 to everyone else who may not read it (the report page says why)."""
    if refusal := _safe_only(request):
        return refusal
    report = _get_report(pk)
    decision = permissions.can_read_report(request.user, report)
    if not decision:
        if decision.needs_login:
            return _refuse(request, decision)
        raise Http404
    file = report.file(part)
    if file is None:
        raise Http404(_("Dieser Bericht hat keine Anlage."))
    try:
        immutability.verified_pdf(report, part)
    except immutability.ReportIntegrityError:
        return report_integrity_response(request, report)
    return serve_private_file(
        request, file.document.file, filename=file.filename, as_attachment=False, public=report.is_released
    )


def report_release(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    report = _get_report(pk)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(reverse("monitoring:report_detail", args=[pk])))
    try:
        services.report_release(report=report, user=request.user)
    except PermissionDenied as exc:
        return _forbidden(request, str(exc))
    messages.success(request, _("Der Bericht %(number)s ist jetzt öffentlich.") % {"number": report.number})
    return HttpResponseRedirect(reverse("monitoring:report_detail", args=[pk]))
