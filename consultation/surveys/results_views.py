"""The public results page of a survey (`SurveyPage` route "ergebnisse/").

Public once staff publish the results (`SurveyPage.results_published`); before that a 404 for everyone but staff, who
see a preview with a note. Every question shows its numbers as a table (the primary content: counts online and
analog, their total and the share of those who answered) with a bar drawn beside each number as SVG (decoration,
hidden from assistive technology, as the same figure stands in the cell). Free texts: published ones for the public,
every one with its state for staff. The filter (channel, district) is a GET form (`results.ResultFilterForm`).

Charts are drawn here and not by `monitoring.statistics.charts`: `consultation` does not import `monitoring`.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from lip import http

from .. import permissions
from ..models import Channel, SurveyPage
from ..views.common import SAFE_METHODS
from . import text_moderation
from .results import ResultFilterForm, survey_results

BAR_WIDTH = 160


def bar(part: int, whole: int, *, style: str = "online") -> SafeString:
    """A horizontal bar of `part` out of `whole` (decoration beside the number; `aria-hidden`)."""
    width = round(BAR_WIDTH * part / whole) if whole else 0
    fill = "#00508c" if style == "online" else "#a4000f"
    return mark_safe(  # noqa: S308 - numbers only
        f'<svg class="survey-bar" width="{BAR_WIDTH}" height="12" viewBox="0 0 {BAR_WIDTH} 12" aria-hidden="true" '
        f'focusable="false"><rect x="0" y="1" width="{BAR_WIDTH}" height="10" fill="#eeeeee"/>'
        f'<rect x="0" y="1" width="{width}" height="10" fill="{fill}"/></svg>'
    )


def _with_bars(results) -> None:
    """Each row's bar: its total against the largest row of its question."""
    for result in results.questions:
        largest = max((row.count.total for row in result.rows), default=0)
        for row in result.rows:
            row.bar = bar(row.count.total, largest)
            if result.is_ranking:
                row.first_bar = bar(row.first.total, max((r.first.total for r in result.rows), default=0))


def results(request, page: SurveyPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    user = request.user
    if not permissions.can_view_results(user, page):
        raise Http404
    staff = permissions.can_moderate_answers(user)
    form = ResultFilterForm(request.GET or None)
    data = survey_results(page, channel=form.channel, district_id=form.district_id, staff=staff)
    _with_bars(data)
    consultation = page.get_parent()
    context = {
        "page": page,
        "self": page,
        "consultation": consultation,
        "consultation_url": http.page_url(request, consultation),
        "survey_url": http.page_url(request, page),
        "form": form,
        "results": data,
        "responses": data.responses,
        "staff": staff,
        "preview": not page.results_published,
        "channels": dict(Channel.choices),
        "moderation_url": text_moderation.list_url(page.pk) if staff else "",
        "export_links": _export_links(page) if permissions.can_export_results(user) else [],
    }
    return render(request, "consultation/surveys/results.html", context)


def _export_links(page: SurveyPage) -> list[tuple[str, str]]:
    return [(label, text_moderation.export_url(page.pk, fmt)) for fmt, label in (("xlsx", "XLSX"), ("csv", "CSV"))]
