"""Reads on reports: the archive, runs and schedules, and the warnings about awards whose results are not public
yet.
"""

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ideas.models import Application, ApplicationState

from .. import permissions
from ..measures.selectors import results_public
from ..models import Report, ReportRun, ReportSchedule


def withheld_award_notes() -> list[str]:
    """For staff before issuing a report: awards not yet public, which the report will not count (one query)."""
    rows = (
        Application.objects.filter(state=ApplicationState.AWARDED)
        .exclude(results_public())
        .values("competition__title", "competition__results_published_at")
        .annotate(n=Count("pk"))
        .order_by("competition__results_published_at", "competition__title")
    )
    return [
        ngettext(
            "%(count)s Förderung im Wettbewerb „%(competition)s“ ist noch nicht öffentlich (Ergebnisse ab %(date)s). "
            "Berichte zählen sie erst danach.",
            "%(count)s Förderungen im Wettbewerb „%(competition)s“ sind noch nicht öffentlich (Ergebnisse ab %(date)s). "
            "Berichte zählen sie erst danach.",
            row["n"],
        )
        % {
            "count": row["n"],
            "competition": row["competition__title"],
            "date": date_format(timezone.localtime(row["competition__results_published_at"]), "DATE_FORMAT"),
        }
        for row in rows
    ]


def report_award_warnings(report: Report) -> list[str]:
    """For staff before releasing a report: funded projects it names whose results are not public yet (one query).

    Reports built now never name them (snapshot counts only public awards); one built before that rule might."""
    references = [
        p["reference"] for p in (report.snapshot or {}).get("ideas", {}).get("projects", []) if p.get("reference")
    ]
    if not references:
        return []
    rows = (
        Application.objects.filter(state=ApplicationState.AWARDED, reference__in=references)
        .exclude(results_public())
        .values_list("title", "competition__results_published_at")
        .order_by("title")
    )
    return [
        _(
            "Der Bericht nennt die Förderung „%(title)s“, deren Ergebnisse erst ab %(date)s öffentlich sind. "
            "Geben Sie ihn erst danach frei."
        )
        % {"title": title, "date": date_format(timezone.localtime(results_at), "DATE_FORMAT")}
        for title, results_at in rows
    ]


# --- Reports -------------------------------------------------------------------------------------------------------


def report_archive(user) -> QuerySet[Report]:
    """Issued reports the person may open: all for council members and staff, the released ones for everyone else."""
    qs = Report.objects.select_related("document", "annex_document").order_by("-issued_at", "-pk")
    if permissions.can_read_unreleased_reports(user):
        return qs
    return qs.filter(released_at__isnull=False)


def report_detail(pk: int) -> Report | None:
    return Report.objects.select_related("document", "annex_document", "run", "released_by").filter(pk=pk).first()


def run_list() -> QuerySet[ReportRun]:
    return ReportRun.objects.select_related("schedule", "requested_by", "submitted_by", "report")


def schedule_list() -> QuerySet[ReportSchedule]:
    return ReportSchedule.objects.select_related("district", "periodic_task", "periodic_task__crontab")
