"""What monitoring holds about a person (lip.privacy.registry): the reports and standing orders naming them as a
recipient (council members), and, for staff, what they entered or released (measures, indicator values, reports).

Erase (account deletion): the person leaves the recipients of the standing orders and of the runs not yet issued.
Nothing touches an issued report (its run and recipients included): issued reports are immutable snapshots; the
e-mail to a report's recipients skips inactive accounts, so the tombstone gets none.
"""

from lip.privacy.registry import ExportSection, PersonalDataProvider, register

from .models import IndicatorValue, Measure, Report, ReportRun, ReportSchedule, ReportStatus
from .reach import privacy as reach_privacy


def _reports_received(user) -> list[dict]:
    runs = ReportRun.objects.filter(recipients=user).select_related("report").order_by("pk")
    rows = []
    for run in runs:
        report = getattr(run, "report", None)
        rows.append(
            {
                "betreff": run.title,
                "nummer": report.number if report else run.number,
                "zeitraum_von": run.period_start,
                "zeitraum_bis": run.period_end,
                "status": run.get_status_display(),
                "erstellt_am": report.issued_at if report else None,
            }
        )
    return rows


def _schedules(user) -> list[dict]:
    return [
        {"betreff": s.title, "turnus": s.get_period_display(), "aktiv": s.enabled}
        for s in ReportSchedule.objects.filter(recipients=user).order_by("pk")
    ]


def _staff_entries(user) -> list[dict]:
    rows = [
        {"art": "Maßnahme geändert", "gegenstand": m.title, "datum": m.updated_at}
        for m in Measure.objects.filter(updated_by=user).order_by("pk")
    ]
    rows += [
        {"art": "Indikatorwert erfasst", "gegenstand": f"{v.indicator.name} ({v.date})", "datum": v.entered_at}
        for v in IndicatorValue.objects.filter(entered_by=user).select_related("indicator").order_by("pk")
    ]
    rows += [
        {"art": "Bericht angefordert", "gegenstand": r.title, "datum": r.requested_at}
        for r in ReportRun.objects.filter(requested_by=user).order_by("pk")
    ]
    rows += [
        {"art": "Berichtsplan angelegt", "gegenstand": s.title, "datum": s.created_at}
        for s in ReportSchedule.objects.filter(created_by=user).order_by("pk")
    ]
    rows += [
        {"art": "Bericht freigegeben", "gegenstand": f"{r.number} {r.title}", "datum": r.released_at}
        for r in Report.objects.filter(released_by=user).order_by("pk")
    ]
    return rows


def export(user) -> ExportSection:
    return ExportSection(
        tables={
            "erhaltene_berichte": _reports_received(user),
            "berichtsplaene": _schedules(user),
            "eintraege_als_mitarbeitende": _staff_entries(user),
            "fragen_zur_person": reach_privacy.export_rows(user),  # only *that* the person answered
        }
    )


def erase(user) -> None:
    reach_privacy.erase(user)
    for schedule in ReportSchedule.objects.filter(recipients=user):
        schedule.recipients.remove(user)
    for run in ReportRun.objects.filter(recipients=user).exclude(status=ReportStatus.DONE):
        run.recipients.remove(user)


register(PersonalDataProvider(name="monitoring", export=export, erase=erase, order=40))
