"""Who may do what in monitoring. The one place that decides; views, admin views, templates and services ask here.

- Staff of the monitoring (the Moderation and Administration roles, `apps.STAFF_PERMISSIONS`) maintain measures,
  indicators and their values, plan and issue reports, and release them to the public.
- Council members (role "Ratsmitglied", permission `lip.read_council_reports`) read every issued report.
- Everyone reads measures, the public statistics and released reports, without an account.
"""

from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from .models import Report, ReportRun

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


# --- Draft, review and issue of a report (see `monitoring.reports.review`) -------------------------------------------


def can_edit_report_texts(user, run: ReportRun) -> Decision:
    """The texts and the signer of a run are written while it is a draft, by those who issue reports."""
    if not can_issue_report(user):
        return Decision(False, _("Berichte bearbeiten nur Mitarbeitende der Verwaltung."))
    if not run.is_draft:
        return Decision(False, _("Nur Entwürfe können bearbeitet werden. Dieser Bericht ist nicht mehr im Entwurf."))
    return ALLOWED


def can_submit_report(user, run: ReportRun) -> Decision:
    return can_edit_report_texts(user, run)


def can_review_reports(user) -> bool:
    """Whether the person may review report drafts at all (the admin's review page; `can_review_report` decides on
    one draft)."""
    return bool(_active(user) and user.has_perm("monitoring.review_report"))


def can_review_report(user, run: ReportRun) -> Decision:
    """A second person approves: someone who may review reports and did not submit this one (four-eyes principle)."""
    if not can_review_reports(user):
        return Decision(False, _("Berichtsentwürfe prüfen nur Mitarbeitende der Verwaltung mit Prüfrecht."))
    if not run.is_in_review:
        return Decision(False, _("Dieser Bericht liegt nicht zur Prüfung vor."))
    if run.submitted_by_id is not None and run.submitted_by_id == user.pk:
        return Decision(
            False, _("Eine zweite Person muss den Bericht prüfen: Sie haben ihn selbst zur Prüfung vorgelegt.")
        )
    return ALLOWED


def can_return_report(user, run: ReportRun) -> Decision:
    """Back to the draft: the reviewer who wants changes, or the submitter who withdraws it."""
    if not can_issue_report(user):
        return Decision(False, _("Berichte bearbeiten nur Mitarbeitende der Verwaltung."))
    if not run.is_in_review:
        return Decision(False, _("Dieser Bericht liegt nicht zur Prüfung vor."))
    return ALLOWED


# --- The Abwägungstabelle of a plan draft (see `monitoring.consideration`) ------------------------------------------


def can_issue_consideration_table(user) -> Decision:
    """Those who issue reports issue the tables that go with them."""
    if not can_issue_report(user):
        return Decision(False, _("Abwägungstabellen erstellen nur Mitarbeitende der Verwaltung."))
    return ALLOWED


def can_read_consideration_pdf(user, table) -> Decision:
    """An issued table is a public document of the council paper: its PDF is open to everyone once it is ready;
    before that (being made, or failed) only to staff."""
    if table.is_ready:
        return ALLOWED
    if can_issue_report(user):
        return ALLOWED
    return Decision(False, _("Diese Abwägungstabelle ist noch nicht fertig."))


def can_read_consideration_xlsx(user) -> Decision:
    """The XLSX is a working file for the administration (to sort and filter the rows), not part of the paper."""
    if not (can_issue_report(user) or is_monitoring_staff(user)):
        return Decision(
            False,
            _("Die Tabelle als XLSX erhalten nur Mitarbeitende der Verwaltung."),
            needs_login=not user.is_authenticated,
        )
    return ALLOWED


# --- Who took part: the voluntary questionnaire about the person (see `monitoring.reach`) ---------------------------


def can_enter_reach_sheets(user) -> bool:
    """Types in the paper sheets of the questionnaire about the person: monitoring staff."""
    return _active(user) and user.has_perm("monitoring.add_reachprofile")


REACH_SESSION_KEY = "monitoring_reach_answered"


def can_answer_reach_questionnaire(user, session) -> Decision:
    """Everyone may answer once: signed in once per person (`ReachAnswered`), anonymously once per browser session."""
    from .models import ReachAnswered

    if session.get(REACH_SESSION_KEY) or (
        user.is_authenticated and ReachAnswered.objects.filter(user_id=user.pk).exists()
    ):
        return Decision(False, _("Sie haben die Fragen zur Person schon beantwortet. Vielen Dank!"))
    return ALLOWED
