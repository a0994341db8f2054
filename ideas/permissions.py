"""Who may do what in the idea competition, now. The one place that decides; views and templates both ask here.

Each predicate returns a `Decision`: allowed or not, and if not, why (and from when it becomes possible). Services
call the same predicates again, so no caller can skip them. Three kinds of people act here:

- applicants: active representatives of a verified organisation (`lip.permissions.can_act_for`);
- jurors: members of the Jury group who are assigned to the competition;
- staff of the fund: holders of `ideas.manage_competition` (the Moderation role).
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lip import permissions as lip_permissions
from lip.roles import Role
from lip.selectors import organisations_user_can_act_for

from .models import Application, ApplicationState, Assessment, CompetitionPage, ConflictOfInterest, JuryAssignment

Decision = lip_permissions.Decision
ALLOWED = lip_permissions.ALLOWED

WITHDRAWABLE = (ApplicationState.DRAFT, ApplicationState.SUBMITTED, ApplicationState.ELIGIBLE)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


_first_refusal = lip_permissions.first_refusal


require = lip_permissions.require


def _person_check(user) -> Decision | None:
    return lip_permissions.participation_refusal(user, login_reason=_("Bitte melden Sie sich an."))


# --- Staff -------------------------------------------------------------------------------------------------------


def is_fund_staff(user) -> bool:
    """Staff of the fund: check eligibility, award, see the ranking and every application."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("ideas.manage_competition"))


def _staff_check(user) -> Decision | None:
    if not user.is_authenticated:
        return Decision(False, _("Bitte melden Sie sich an."), needs_login=True)
    if not is_fund_staff(user):
        return Decision(False, _("Das kann nur die Geschäftsstelle des Gesellschaftsfonds."))
    return None


def can_decide_eligibility(user, application: Application) -> Decision:
    def state():
        if application.state != ApplicationState.SUBMITTED:
            return Decision(False, _("Über die Zulässigkeit dieses Antrags ist bereits entschieden."))
        return None

    return _first_refusal(lambda: _staff_check(user), state)


def _decidable(application: Application) -> Decision | None:
    if application.state != ApplicationState.ELIGIBLE:
        return Decision(False, _("Nur über zulässige Anträge, die noch offen sind, kann entschieden werden."))
    return None


def can_award(user, application: Application) -> Decision:
    return _first_refusal(lambda: _staff_check(user), lambda: _decidable(application))


def can_decline(user, application: Application) -> Decision:
    return _first_refusal(lambda: _staff_check(user), lambda: _decidable(application))


def can_view_ranking(user) -> bool:
    return is_fund_staff(user)


# --- Applicants --------------------------------------------------------------------------------------------------


def submission_decision(competition: CompetitionPage, moment: datetime | None = None) -> Decision:
    """Whether the submission window is open: start <= now < end (stored in UTC, shown in Hannover's time)."""
    moment = moment or timezone.now()
    if moment < competition.submission_start:
        return Decision(
            False,
            _("Anträge können ab %(date)s gestellt werden.") % {"date": _when(competition.submission_start)},
            opens_at=competition.submission_start,
        )
    if moment >= competition.submission_end:
        return Decision(
            False, _("Die Einreichungsfrist ist am %(date)s abgelaufen.") % {"date": _when(competition.submission_end)}
        )
    return ALLOWED


def _represents_any(user) -> Decision | None:
    if not organisations_user_can_act_for(user).exists():
        return Decision(
            False,
            _(
                "Anträge stellen können Vertreterinnen und Vertreter bestätigter Organisationen. "
                "Registrieren Sie Ihre Organisation oder bitten Sie Ihre Organisation, Sie als Vertretung einzutragen."
            ),
        )
    return None


def can_apply(user, competition: CompetitionPage) -> Decision:
    return _first_refusal(
        lambda: _person_check(user), lambda: _represents_any(user), lambda: submission_decision(competition)
    )


def lacks_organisation_only(user, competition: CompetitionPage) -> bool:
    """Whether the one thing keeping `user` from applying now is a verified organisation they act for."""
    return _person_check(user) is None and bool(submission_decision(competition)) and _represents_any(user) is not None


def can_view_application(user, application: Application) -> bool:
    """The applicant organisation's representatives, the person who wrote it, and the fund's staff."""
    if not user.is_authenticated:
        return False
    if is_fund_staff(user) or application.created_by_id == user.pk:
        return True
    return lip_permissions.can_act_for(user, application.organisation)


def _applicant_check(user, application: Application) -> Decision | None:
    refused = _person_check(user)
    if refused is not None:
        return refused
    if not lip_permissions.can_act_for(user, application.organisation):
        return Decision(False, _("Das können nur Vertreterinnen und Vertreter der antragstellenden Organisation."))
    return None


def _draft_check(application: Application) -> Decision | None:
    if application.state != ApplicationState.DRAFT:
        return Decision(False, _("Ein eingereichter Antrag kann nicht mehr geändert werden."))
    return None


def can_edit_application(user, application: Application) -> Decision:
    return _first_refusal(
        lambda: _applicant_check(user, application),
        lambda: _draft_check(application),
        lambda: submission_decision(application.competition),
    )


def can_submit_application(user, application: Application) -> Decision:
    return can_edit_application(user, application)


def can_withdraw_application(user, application: Application) -> Decision:
    def state():
        if application.state not in WITHDRAWABLE:
            return Decision(False, _("Nach der Entscheidung kann der Antrag nicht mehr zurückgezogen werden."))
        return None

    return _first_refusal(lambda: _applicant_check(user, application), state)


def can_report_progress(user, application: Application) -> Decision:
    def state():
        if application.state != ApplicationState.AWARDED:
            return Decision(False, _("Fortschrittsberichte gibt es nur für geförderte Projekte."))
        return None

    return _first_refusal(lambda: _applicant_check(user, application), state)


# --- Jury --------------------------------------------------------------------------------------------------------


def is_juror(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and lip_permissions.has_role(user, Role.JURY)
        and user.has_perm("lip.score_applications")
    )


def is_assigned_juror(user, competition: CompetitionPage | int) -> bool:
    competition_id = getattr(competition, "pk", competition)
    return is_juror(user) and JuryAssignment.objects.filter(competition_id=competition_id, juror=user).exists()


def has_conflict(user, application: Application) -> bool:
    return ConflictOfInterest.objects.filter(application=application, juror=user).exists()


def own_scores_complete(user, application: Application) -> bool:
    """True when the juror has scored every criterion of the application's competition."""
    criteria = {c.pk for c in application.competition.criteria.all()}
    scored = set(Assessment.objects.filter(application=application, juror=user).values_list("criterion_id", flat=True))
    return bool(criteria) and criteria <= scored


def _jury_check(user, application: Application) -> Decision | None:
    refused = _person_check(user)
    if refused is not None:
        return refused
    if not is_assigned_juror(user, application.competition_id):
        return Decision(False, _("Nur Mitglieder der Jury dieses Wettbewerbs können Anträge bewerten."))
    if application.state not in ApplicationState.jury_states():
        return Decision(False, _("Dieser Antrag liegt der Jury nicht vor."))
    if has_conflict(user, application):
        return Decision(False, _("Sie haben sich für diesen Antrag als befangen erklärt."))
    return None


def can_view_as_juror(user, application: Application) -> Decision:
    return _first_refusal(lambda: _jury_check(user, application))


def can_score(user, application: Application) -> Decision:
    def open_for_scoring():
        if application.state != ApplicationState.ELIGIBLE:
            return Decision(False, _("Über diesen Antrag ist bereits entschieden."))
        if own_scores_complete(user, application):
            return Decision(False, _("Sie haben diesen Antrag bereits bewertet."))
        return None

    return _first_refusal(lambda: _jury_check(user, application), open_for_scoring)


def can_see_scores(user, application: Application) -> Decision:
    """Staff always; a juror only after submitting their own scores for every criterion, and never when biased."""
    if is_fund_staff(user):
        return ALLOWED

    def own_first():
        if not own_scores_complete(user, application):
            return Decision(
                False, _("Die Bewertungen der anderen Jurymitglieder sehen Sie, sobald Sie selbst bewertet haben.")
            )
        return None

    return _first_refusal(lambda: _jury_check(user, application), own_first)


def can_declare_conflict(user, application: Application) -> Decision:
    def open_application():
        if application.state != ApplicationState.ELIGIBLE:
            return Decision(False, _("Über diesen Antrag ist bereits entschieden."))
        return None

    return _first_refusal(lambda: _jury_check(user, application), open_application)


def can_download_attachment(user, application: Application) -> bool:
    return can_view_application(user, application) or bool(can_view_as_juror(user, application))


# --- The public ---------------------------------------------------------------------------------------------------


def results_decision(competition: CompetitionPage, moment: datetime | None = None) -> Decision:
    """The results are public from the publication date on, for everyone alike (staff use the ranking)."""
    if competition.results_published(moment):
        return ALLOWED
    return Decision(
        False,
        _("Die Ergebnisse werden am %(date)s veröffentlicht.") % {"date": _when(competition.results_published_at)},
        opens_at=competition.results_published_at,
    )


# --- Audience prize (Publikumspreis) -----------------------------------------------------------------------------

AUDIENCE_CANDIDATE_STATES = (ApplicationState.ELIGIBLE, ApplicationState.AWARDED, ApplicationState.DECLINED)


def audience_vote_decision(competition: CompetitionPage, moment: datetime | None = None) -> Decision:
    """Whether the audience vote of the competition is open now, and if not, why (and from when)."""
    moment = moment or timezone.now()
    if not competition.has_audience_vote:
        return Decision(False, _("Bei diesem Wettbewerb gibt es keinen Publikumspreis."))
    if moment < competition.audience_vote_start:
        return Decision(
            False,
            _("Die Abstimmung über den Publikumspreis beginnt am %(date)s.")
            % {"date": _when(competition.audience_vote_start)},
            opens_at=competition.audience_vote_start,
        )
    if moment >= competition.audience_vote_end:
        return Decision(False, _("Die Abstimmung über den Publikumspreis ist beendet."))
    return ALLOWED


def can_view_audience_candidates(competition: CompetitionPage, moment: datetime | None = None) -> bool:
    """Candidates are public from the start of the audience vote on."""
    moment = moment or timezone.now()
    return competition.has_audience_vote and moment >= competition.audience_vote_start


def can_audience_vote(user, application: Application) -> Decision:
    """Any registered, confirmed person may support checked applications during the vote, except their own."""

    def candidate() -> Decision | None:
        if application.state not in AUDIENCE_CANDIDATE_STATES:
            return Decision(False, _("Dieser Antrag steht nicht zur Wahl."))
        return None

    def not_own() -> Decision | None:
        if application.organisation_id in lip_permissions.represented_organisation_ids(user):
            return Decision(False, _("Für Anträge der eigenen Organisation können Sie nicht stimmen."))
        return None

    return _first_refusal(
        lambda: _person_check(user),
        candidate,
        lambda: audience_vote_decision(application.competition),
        not_own,
    )
