"""Who may answer a survey and who enters paper questionnaires. Re-exported by `consultation.permissions`, which
views and templates ask.

A survey is open while its consultation is in a phase "Umfrage" (`Action.ANSWER`); moderators may answer in any phase
(to try a survey out before it opens). Signed-in people answer once and may change their answers while the survey is
open; where the editors allow it (`SurveyPage.allow_anonymous`) people answer without an account too.
"""

from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from ..models import SurveyPage
from . import Action, Decision, _first_refusal, _person_check, _phase_or_moderator, can_record_analog, phase_decision


def _person_or_anonymous(user, page: SurveyPage) -> Decision | None:
    """Signed-in people must be able to take part (active, not blocked, e-mail confirmed); anonymous people may answer
    where the survey allows it."""
    if not user.is_authenticated:
        if page.allow_anonymous:
            return None
        return Decision(False, _("Bitte melden Sie sich an, um an der Umfrage teilzunehmen."), needs_login=True)
    return _person_check(user)


def can_answer_survey(user, page: SurveyPage, consultation=None) -> Decision:
    """Answer the survey, or change one's answers. `consultation`: the survey's consultation, phases prefetched (the
    views pass it; otherwise it is read)."""
    consultation = consultation or page.consultation
    return _first_refusal(
        lambda: _person_or_anonymous(user, page),
        lambda: _phase_or_moderator(user, consultation, Action.ANSWER),
    )


def survey_is_open(consultation) -> bool:
    """Whether the consultation's current phase lets people answer (regardless of who asks)."""
    return bool(phase_decision(consultation, Action.ANSWER))


def can_enter_paper_responses(user) -> bool:
    """Staff type in paper questionnaires: the people who record analog proposals, events and tallies."""
    return can_record_analog(user)


# --- Results (consultation.surveys.results_views, text_moderation, exports) ------------------------------------------


def can_view_results(user, page: SurveyPage) -> bool:
    """The results page: public once the editors publish the results; staff preview it before."""
    return page.results_published or lip_permissions.is_moderator(user)


def can_moderate_answers(user) -> bool:
    """Staff read every free-text answer and decide which are published."""
    return lip_permissions.is_moderator(user)


def can_manage_surveys(user) -> bool:
    """The admin's survey list: for whoever may enter paper sheets, decide on free texts or download the answers."""
    return can_enter_paper_responses(user) or can_moderate_answers(user) or can_export_results(user)


def can_export_results(user) -> bool:
    """Staff download every response of a survey (XLSX/CSV), unpublished free texts included."""
    return lip_permissions.is_moderator(user)
