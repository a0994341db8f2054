"""Who may do what in monitoring. The one place that decides; views, admin views, templates and services ask here.

- Staff of the monitoring (the Moderation and Administration roles, `apps.STAFF_PERMISSIONS`) maintain measures,
  indicators and their values, plan and issue reports, and release them to the public.
- Council members (role "Ratsmitglied", permission `lip.read_council_reports`) read every issued report.
- Everyone reads measures, the public statistics and released reports, without an account.
"""

from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from .models import Report

Decision = lip_permissions.Decision
ALLOWED = lip_permissions.ALLOWED


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not getattr(user, "is_blocked", False))


def is_monitoring_staff(user) -> bool:
    """Maintains measures, indicators and values; sees the statistics dashboard in the admin."""
    return _active(user) and user.has_perm("monitoring.change_measure")


def can_enter_values(user) -> bool:
    return _active(user) and user.has_perm("monitoring.add_indicatorvalue")


def can_import_values(user) -> bool:
    """Imports indicator values from CSV: monitoring staff who may also enter values."""
    return is_monitoring_staff(user) and can_enter_values(user)


def can_plan_reports(user) -> bool:
    return _active(user) and user.has_perm("monitoring.change_reportschedule")


def can_issue_report(user) -> bool:
    return _active(user) and user.has_perm("monitoring.issue_report")


def can_read_unreleased_reports(user) -> bool:
    """Council members and the staff who issue reports read every report, released or not."""
    return _active(user) and (user.has_perm("lip.read_council_reports") or user.has_perm("monitoring.issue_report"))


def can_read_report(user, report: Report) -> Decision:
    if report.is_released:
        return ALLOWED
    if not user.is_authenticated:
        return Decision(
            False, _("Bitte melden Sie sich an. Dieser Bericht ist nur für Ratsmitglieder."), needs_login=True
        )
    if can_read_unreleased_reports(user):
        return ALLOWED
    return Decision(
        False,
        _("Dieser Bericht ist noch nicht öffentlich. Nur Ratsmitglieder und die Verwaltung können ihn lesen."),
    )


def can_release_report(user, report: Report) -> Decision:
    if not (_active(user) and user.has_perm("monitoring.release_report")):
        return Decision(False, _("Berichte kann nur die Verwaltung freigeben."))
    if report.is_released:
        return Decision(False, _("Dieser Bericht ist bereits öffentlich."))
    return ALLOWED
