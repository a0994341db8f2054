"""Who may do what in a consultation, now. The one place that decides; views and templates both ask here.

Each predicate returns a `Decision`: allowed or not, and if not, why and from when it becomes possible.
The phase table below is the rule from DESIGN.md ("Phases decide what is allowed"); the predicates for the plan
draft (`plan`) are re-exported at the end of this module. Moderators are never
blocked by phases. Anonymous people are told to log in (views turn that into a redirect).
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from ..models import Comment, CommentState, ConsultationPage, ContentReport, PhaseType, Proposal, ProposalState


class Action(StrEnum):
    SUBMIT = "submit"
    EDIT = "edit"
    COMMENT = "comment"
    STATE = "state"
    VOTE = "vote"
    WITHDRAW = "withdraw"
    # On the plan draft: comment on a paragraph or propose a rewording of it; a council's statement on it.
    TEXT_COMMENT = "text_comment"
    TEXT_STATE = "text_state"
    # Answer a survey (and change the answers until the phase ends).
    ANSWER = "answer"


PHASE_ALLOWS: dict[str, frozenset[Action]] = {
    PhaseType.INFORMATION: frozenset(),
    # Withdrawing a proposal: until the voting begins (afterwards votes, results and responses rest on it).
    PhaseType.SUBMISSION: frozenset({Action.SUBMIT, Action.EDIT, Action.WITHDRAW, Action.COMMENT, Action.STATE}),
    PhaseType.DISCUSSION: frozenset({Action.WITHDRAW, Action.COMMENT, Action.STATE}),
    PhaseType.TEXT_REVIEW: frozenset({Action.TEXT_COMMENT, Action.TEXT_STATE}),
    PhaseType.SURVEY: frozenset({Action.ANSWER}),
    PhaseType.VOTING: frozenset({Action.VOTE}),
    PhaseType.EVALUATION: frozenset(),
    PhaseType.RESULTS: frozenset(),
}

COMMENT_EDIT_WINDOW = timedelta(minutes=15)


Decision = lip_permissions.Decision
ALLOWED = lip_permissions.ALLOWED


def _login_required() -> Decision:
    return Decision(False, _("Bitte melden Sie sich an, um mitzumachen."), needs_login=True)


_first_refusal = lip_permissions.first_refusal


def _person_check(user) -> Decision | None:
    """None when the person may take part at all; otherwise the reason why not."""
    return lip_permissions.participation_refusal(user)


def phase_decision(consultation: ConsultationPage, action: Action, moment: datetime | None = None) -> Decision:
    """Whether the current phase allows `action`, and if not, when the next phase that does begins."""
    moment = moment or timezone.now()
    phases = consultation.phase_list()
    current = next((p for p in phases if p.start <= moment < p.end), None)
    if current is not None and action in PHASE_ALLOWS[current.type]:
        return ALLOWED
    upcoming = next((p for p in phases if p.start > moment and action in PHASE_ALLOWS[p.type]), None)
    if upcoming is not None:
        return Decision(
            False,
            _("Das ist ab %(date)s möglich (Phase „%(phase)s“).")
            % {"date": date_format(timezone.localtime(upcoming.start), "DATETIME_FORMAT"), "phase": upcoming.title},
            opens_at=upcoming.start,
        )
    if current is None and phases and moment < phases[0].start:
        return Decision(False, _("Die Beteiligung hat noch nicht begonnen."))
    return Decision(False, _("In der aktuellen Phase ist das nicht möglich."))


def _phase_or_moderator(user, consultation: ConsultationPage, action: Action) -> Decision:
    """The phase decides, moderators may act in any phase. The phase is asked first: it is already loaded with the
    page, while asking for the moderator's permission costs two queries that a participant in an open phase never
    needs."""
    decision = phase_decision(consultation, action)
    if decision or not lip_permissions.is_moderator(user):
        return decision
    return ALLOWED


def can_view_proposal(user, proposal: Proposal) -> bool:
    """Hidden proposals and those waiting for approval: only their author and moderators see them."""
    if proposal.state not in (ProposalState.HIDDEN, ProposalState.PENDING):
        return True
    return bool(user.is_authenticated and (proposal.author_id == user.pk or lip_permissions.is_moderator(user)))


def can_submit(user, consultation: ConsultationPage) -> Decision:
    return _first_refusal(lambda: _person_check(user), lambda: _phase_or_moderator(user, consultation, Action.SUBMIT))


def has_published_response(proposal: Proposal) -> bool:
    """Whether the city answered the proposal publicly (the answer is loaded with the proposal by the selectors)."""
    try:
        response = proposal.response
    except ObjectDoesNotExist:
        return False
    return response.published_at is not None


def _refuse_if(condition: bool, refusal: str) -> Decision | None:
    """A check for `_first_refusal`: refuse with `refusal` when `condition` holds."""
    return Decision(False, refusal) if condition else None


def _answered(proposal: Proposal, refusal: str) -> Decision | None:
    """Once the city answered publicly, the author can no longer change or withdraw what the answer is about."""
    return Decision(False, refusal) if has_published_response(proposal) else None


def can_edit_proposal(user, proposal: Proposal) -> Decision:
    refused = _person_check(user)
    if refused is not None:
        return refused
    if lip_permissions.is_moderator(user):
        return ALLOWED
    if proposal.author_id != user.pk:
        return Decision(False, _("Nur die Verfasserin oder der Verfasser kann den Vorschlag bearbeiten."))
    if proposal.state != ProposalState.PUBLISHED:
        return Decision(False, _("Dieser Vorschlag kann nicht mehr bearbeitet werden."))
    return _first_refusal(
        lambda: _answered(
            proposal,
            _("Die Stadtverwaltung hat auf diesen Vorschlag geantwortet. Er kann nicht mehr bearbeitet werden."),
        ),
        lambda: phase_decision(proposal.consultation, Action.EDIT),
    )


def can_withdraw_proposal(user, proposal: Proposal) -> Decision:
    """The author withdraws their proposal while proposals are collected and discussed (PHASE_ALLOWS), never once the
    city answered it: the answer and what became of the proposal stay public."""
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _refuse_if(
            proposal.author_id != user.pk, _("Nur die Verfasserin oder der Verfasser kann den Vorschlag zurückziehen.")
        ),
        lambda: _refuse_if(proposal.state == ProposalState.WITHDRAWN, _("Der Vorschlag ist bereits zurückgezogen.")),
        lambda: _answered(
            proposal,
            _("Die Stadtverwaltung hat auf diesen Vorschlag geantwortet. Er kann nicht mehr zurückgezogen werden."),
        ),
        lambda: phase_decision(proposal.consultation, Action.WITHDRAW),
    )


def _open_proposal(proposal: Proposal) -> Decision | None:
    if proposal.state != ProposalState.PUBLISHED:
        return Decision(False, _("Zu diesem Vorschlag ist keine Beteiligung mehr möglich."))
    return None


def can_comment(user, proposal: Proposal) -> Decision:
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _open_proposal(proposal),
        lambda: _phase_or_moderator(user, proposal.consultation, Action.COMMENT),
    )


def _council_check(user) -> Decision | None:
    if not user.has_perm("lip.state_for_council") or user.council_district_id is None:
        return Decision(False, _("Nur Mitglieder eines Integrationsbeirats können Stellungnahmen veröffentlichen."))
    return None


def can_state(user, proposal: Proposal) -> Decision:
    """Publish a comment as the official statement of the person's district integration council."""
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _council_check(user),
        lambda: _refuse_if(
            proposal.district_id is not None and proposal.district_id != user.council_district_id,
            _(
                "Ihr Integrationsbeirat kann nur zu Vorschlägen aus seinem Stadtbezirk oder stadtweiten Vorschlägen Stellung nehmen."
            ),
        ),
        lambda: _open_proposal(proposal),
        lambda: _phase_or_moderator(user, proposal.consultation, Action.STATE),
    )


def can_vote(user, proposal: Proposal) -> Decision:
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _open_proposal(proposal),
        lambda: _phase_or_moderator(user, proposal.consultation, Action.VOTE),
    )


def can_withdraw_vote(user, proposal: Proposal) -> Decision:
    """Take back one's vote in the voting phase, also on a proposal the moderation hid meanwhile: such a vote keeps
    counting against the budget (see selectors.budget_votes), so the person must be able to free it."""

    def not_withdrawn() -> Decision | None:
        if proposal.state == ProposalState.WITHDRAWN:
            return Decision(False, _("Zu diesem Vorschlag ist keine Beteiligung mehr möglich."))
        return None

    return _first_refusal(
        lambda: _person_check(user),
        not_withdrawn,
        lambda: _phase_or_moderator(user, proposal.consultation, Action.VOTE),
    )


# Consultation-wide forms of the predicates above, for overviews that speak of "the proposals" in general
# (the consultation page's "what you can do now"). They apply the same person, role and phase rules.


def can_comment_in(user, consultation: ConsultationPage) -> Decision:
    return _first_refusal(lambda: _person_check(user), lambda: _phase_or_moderator(user, consultation, Action.COMMENT))


def can_state_in(user, consultation: ConsultationPage) -> Decision:
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _council_check(user),
        lambda: _phase_or_moderator(user, consultation, Action.STATE),
    )


def can_vote_in(user, consultation: ConsultationPage) -> Decision:
    return _first_refusal(lambda: _person_check(user), lambda: _phase_or_moderator(user, consultation, Action.VOTE))


def can_edit_comment(user, comment: Comment, moment: datetime | None = None) -> Decision:
    moment = moment or timezone.now()
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _refuse_if(
            comment.author_id != user.pk, _("Nur die Verfasserin oder der Verfasser kann den Kommentar bearbeiten.")
        ),
        lambda: _refuse_if(comment.is_deleted, _("Der Kommentar wurde gelöscht.")),
        lambda: _refuse_if(
            moment - comment.created_at > COMMENT_EDIT_WINDOW,
            _("Kommentare können nur in den ersten 15 Minuten bearbeitet werden."),
        ),
    )


def can_delete_comment(user, comment: Comment) -> Decision:
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _refuse_if(
            comment.author_id != user.pk and not lip_permissions.is_moderator(user),
            _("Nur die Verfasserin oder der Verfasser kann den Kommentar löschen."),
        ),
        lambda: _refuse_if(comment.is_deleted, _("Der Kommentar wurde bereits gelöscht.")),
    )


def can_record_analog(user) -> bool:
    """Staff enter analog proposals, events and tallies."""
    return lip_permissions.is_moderator(user)


def can_respond(user) -> bool:
    """Staff draft and publish the city's responses (the same people who moderate and record analog input)."""
    return lip_permissions.is_moderator(user)


def can_export(user) -> bool:
    """Staff download the spreadsheet exports of proposals, comments and events."""
    return lip_permissions.is_moderator(user)


# --- Moderation --------------------------------------------------------------------
# Participants report (flag) what they see; moderators decide. The services in `moderation.services` ask these
# predicates again once they hold the row lock, so that a decision never rests on a state that changed in the meantime.


def can_moderate(user) -> bool:
    """The moderation queue, decisions about contributions and blocking people are for moderators (city staff)."""
    return lip_permissions.is_moderator(user)


def report_target(item: Proposal | Comment) -> dict:
    """The ContentReport field that points at `item`: {"proposal": item} or {"comment": item}."""
    return {"comment": item} if isinstance(item, Comment) else {"proposal": item}


def _own_item(user, item: Proposal | Comment) -> Decision | None:
    if item.author_id is not None and item.author_id == user.pk:
        return Decision(False, _("Ihre eigenen Beiträge können Sie nicht melden."))
    return None


def _reportable(item: Proposal | Comment) -> Decision | None:
    """Only what everyone can see can be reported: published, not deleted, on a published proposal."""
    if isinstance(item, Comment) and item.is_deleted:
        return Decision(False, _("Dieser Kommentar wurde gelöscht."))
    if item.state == ProposalState.PENDING:  # the same value for comments
        return Decision(False, _("Dieser Beitrag wartet noch auf Freigabe und kann nicht gemeldet werden."))
    if item.state == ProposalState.HIDDEN:
        return Decision(False, _("Dieser Beitrag ist bereits ausgeblendet. Die Moderation prüft ihn."))
    if item.state != ProposalState.PUBLISHED:
        return Decision(False, _("Dieser Vorschlag wurde zurückgezogen."))
    if isinstance(item, Comment) and item.proposal_id and item.proposal.state != ProposalState.PUBLISHED:
        return _open_proposal(item.proposal)
    return None


def can_report(user, item: Proposal | Comment, *, already_reported: bool | None = None) -> Decision:
    """Report a proposal or a comment to the moderation: once per person and item, never one's own.

    `already_reported` spares the query when the caller knows it already (a whole comment thread at once).
    """

    def not_reported_yet() -> Decision | None:
        reported = already_reported
        if reported is None:
            reported = ContentReport.objects.filter(reporter=user, **report_target(item)).exists()
        if reported:
            return Decision(False, _("Sie haben diesen Beitrag bereits gemeldet. Die Moderation kümmert sich darum."))
        return None

    return _first_refusal(
        lambda: _person_check(user),
        lambda: _own_item(user, item),
        lambda: _reportable(item),
        not_reported_yet,
    )


def _moderator_check(user) -> Decision | None:
    if not user.is_authenticated:
        return _login_required()
    if not can_moderate(user):
        return Decision(False, _("Das kann nur die Moderation."))
    return None


def _state_check(item: Proposal | Comment, states: tuple[str, ...], reason: str) -> Decision | None:
    return None if item.state in states else Decision(False, reason)


def can_hide(user, item: Proposal | Comment) -> Decision:
    return _first_refusal(
        lambda: _moderator_check(user),
        lambda: _state_check(
            item,
            (ProposalState.PUBLISHED, ProposalState.PENDING),
            _("Nur veröffentlichte oder auf Freigabe wartende Beiträge können ausgeblendet werden."),
        ),
    )


def can_restore(user, item: Proposal | Comment) -> Decision:
    return _first_refusal(
        lambda: _moderator_check(user),
        lambda: _state_check(
            item, (ProposalState.HIDDEN,), _("Nur ausgeblendete Beiträge können wiederhergestellt werden.")
        ),
    )


def can_approve(user, item: Proposal | Comment) -> Decision:
    return _first_refusal(
        lambda: _moderator_check(user),
        lambda: _state_check(
            item, (CommentState.PENDING,), _("Nur Beiträge, die auf Freigabe warten, können freigegeben werden.")
        ),
    )


def can_mark_reviewed(user, item: Proposal | Comment, *, open_reports: int | None = None) -> Decision:
    """Post-moderation: a published item is looked at and stays; its open reports count as dealt with."""

    def needs_review() -> Decision | None:
        if item.reviewed_at is None:
            return None
        reports = open_reports
        if reports is None:
            reports = ContentReport.objects.filter(resolved_at__isnull=True, **report_target(item)).count()
        return None if reports else Decision(False, _("Dieser Beitrag ist bereits geprüft."))

    return _first_refusal(
        lambda: _moderator_check(user),
        lambda: _state_check(
            item, (ProposalState.PUBLISHED,), _("Nur veröffentlichte Beiträge können als geprüft markiert werden.")
        ),
        needs_review,
    )


def can_block(user, person) -> Decision:
    """Moderators block participants; staff accounts and one's own account are not blocked here."""

    def blockable() -> Decision | None:
        if person.pk == user.pk:
            return Decision(False, _("Sie können sich nicht selbst sperren."))
        if person.is_superuser or person.is_staff or lip_permissions.is_moderator(person):
            return Decision(False, _("Konten der Verwaltung können hier nicht gesperrt werden."))
        if person.is_blocked:
            return Decision(False, _("Diese Person ist bereits gesperrt."))
        return None

    return _first_refusal(lambda: _moderator_check(user), blockable)


def can_unblock(user, person) -> Decision:
    return _first_refusal(
        lambda: _moderator_check(user),
        lambda: None if person.is_blocked else Decision(False, _("Diese Person ist nicht gesperrt.")),
    )


# The plan draft's predicates (consultation.permissions.plan), for views and templates through this one module.
from .plan import (  # noqa: E402, F401  (re-exported)
    can_answer_comments,
    can_comment_paragraph,
    can_comment_plan,
    can_state_chapter,
    can_state_paragraph,
    can_state_plan,
    can_view_comment,
)

# The survey's predicates (consultation.permissions.surveys).
from .surveys import (  # noqa: E402, F401
    can_answer_survey,
    can_enter_paper_responses,
    can_export_results,
    can_manage_surveys,
    can_moderate_answers,
    can_view_results,
    survey_is_open,
)
