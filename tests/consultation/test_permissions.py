"""The permission predicates of consultation/permissions.py, role × time × action.

The expected table is DESIGN.md's "Phases decide what is allowed", written out here independently of the code's own
PHASE_ALLOWS: submission allows submit, edit own, comment (and council statements); discussion comment (and
statements); voting vote; information, evaluation, results and the time outside the phases nothing. Moderators are
never blocked by phases; anonymous people are asked to log in; a council statement is possible only for proposals
of the member's own district or city-wide ones.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from consultation import permissions
from consultation.models import PhaseType
from lip.roles import Role
from tests.factories import OrganisationFactory, UserFactory, representative_of
from tests.helpers import matrix

from .factories import CommentFactory, ConsultationPageFactory, ProposalFactory, district, phase_schedule

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_PHASE_START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
SCHEDULE = {phase_type: (start, end) for phase_type, start, end in phase_schedule(FIRST_PHASE_START)}

MOMENTS = {
    "before": FIRST_PHASE_START - timedelta(days=3),
    **{str(phase_type): start + timedelta(days=4, hours=3) for phase_type, (start, _end) in SCHEDULE.items()},
    "after": SCHEDULE[PhaseType.RESULTS][1] + timedelta(days=3),
}

SUBMIT, EDIT, COMMENT, STATE, VOTE = "submit", "edit", "comment", "state", "vote"
ACTIONS = [SUBMIT, EDIT, COMMENT, STATE, VOTE]

# DESIGN.md, "Phases decide what is allowed" (the statement is a kind of comment).
DESIGN_TABLE = {
    "before": set(),
    "information": set(),
    "submission": {SUBMIT, EDIT, COMMENT, STATE},
    "discussion": {COMMENT, STATE},
    "voting": {VOTE},
    "evaluation": set(),
    "results": set(),
    "after": set(),
}

ROLES = [
    "anonymous",
    "unverified",
    "participant",
    "representative",
    "council_of_district",
    "council_of_other_district",
    "moderator",
]


def make_person(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "participant":
        return UserFactory()
    if role == "representative":
        return representative_of(OrganisationFactory())
    if role == "council_of_district":
        return UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district("linden-limmer"))
    if role == "council_of_other_district":
        return UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district("mitte"))
    if role == "moderator":
        return UserFactory(roles=[Role.MODERATOR], is_staff=True)
    raise AssertionError(role)


def expected(role: str, moment: str, action: str) -> bool:
    if role in ("anonymous", "unverified"):
        return False
    if action == STATE and role != "council_of_district":
        return False
    if role == "moderator":
        return True
    return action in DESIGN_TABLE[moment]


def decide(action: str, person, consultation, proposal, own_proposal) -> permissions.Decision:
    if action == SUBMIT:
        return permissions.can_submit(person, consultation)
    if action == EDIT:
        return permissions.can_edit_proposal(person, own_proposal)
    if action == COMMENT:
        return permissions.can_comment(person, proposal)
    if action == STATE:
        return permissions.can_state(person, proposal)
    return permissions.can_vote(person, proposal)


@pytest.fixture
def consultation(db):
    return ConsultationPageFactory(phases__start=FIRST_PHASE_START)


@pytest.fixture
def proposal(consultation):
    """Someone else's published proposal from Linden-Limmer."""
    return ProposalFactory(consultation=consultation, district=district("linden-limmer"))


@matrix(ROLES, MOMENTS, ACTIONS)
def test_permission_matrix_follows_the_design_table(case, consultation, proposal):
    role, moment, action = case
    person = make_person(role)
    own_proposal = ProposalFactory(consultation=consultation, author=person) if person.is_authenticated else proposal

    with time_machine.travel(MOMENTS[moment], tick=False):
        decision = decide(action, person, consultation, proposal, own_proposal)

    assert decision.allowed is expected(role, moment, action)
    if decision.allowed:
        assert decision.reason == ""
    else:
        assert decision.reason, "a refusal must say why"
        assert decision.needs_login is (role == "anonymous")


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_people_are_asked_to_log_in(action, consultation, proposal):
    with time_machine.travel(MOMENTS["submission"], tick=False):
        decision = decide(action, AnonymousUser(), consultation, proposal, proposal)

    assert decision.needs_login is True
    assert decision.reason == "Bitte melden Sie sich an, um mitzumachen."


@pytest.mark.parametrize("action", ACTIONS)
def test_people_without_confirmed_email_are_asked_to_confirm_it(action, consultation, proposal):
    person = UserFactory(verified=False)
    own = ProposalFactory(consultation=consultation, author=person)

    with time_machine.travel(MOMENTS["submission"], tick=False):
        decision = decide(action, person, consultation, proposal, own)

    assert not decision
    assert decision.needs_login is False
    assert decision.reason == "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse."


def test_submit_refusal_names_the_start_of_the_submission_phase(consultation):
    with time_machine.travel(MOMENTS["information"], tick=False):
        decision = permissions.can_submit(UserFactory(), consultation)

    assert not decision
    assert decision.opens_at == SCHEDULE[PhaseType.SUBMISSION][0]
    assert decision.reason == "Das ist ab 12. März 2026 09:00 möglich (Phase „Vorschläge einreichen“)."


def test_vote_refusal_names_the_start_of_the_voting_phase(consultation, proposal):
    with time_machine.travel(MOMENTS["before"], tick=False):
        decision = permissions.can_vote(UserFactory(), proposal)

    assert decision.opens_at == SCHEDULE[PhaseType.VOTING][0]
    assert "1. April 2026 09:00" in decision.reason
    assert "„Abstimmung“" in decision.reason


def test_comment_refusal_in_information_phase_names_the_submission_start(consultation, proposal):
    with time_machine.travel(MOMENTS["information"], tick=False):
        decision = permissions.can_comment(UserFactory(), proposal)

    assert decision.opens_at == SCHEDULE[PhaseType.SUBMISSION][0]
    assert "12. März 2026 09:00" in decision.reason


def test_statement_refusal_in_voting_phase_has_no_opening_date(consultation, proposal):
    member = make_person("council_of_district")

    with time_machine.travel(MOMENTS["voting"], tick=False):
        decision = permissions.can_state(member, proposal)

    assert decision.opens_at is None
    assert decision.reason == "In der aktuellen Phase ist das nicht möglich."


def test_refusal_before_a_consultation_without_such_phase_says_it_has_not_begun(db):
    consultation = ConsultationPageFactory(
        phases=[(PhaseType.INFORMATION, FIRST_PHASE_START, FIRST_PHASE_START + timedelta(days=10))]
    )

    with time_machine.travel(MOMENTS["before"], tick=False):
        decision = permissions.can_submit(UserFactory(), consultation)

    assert decision.opens_at is None
    assert decision.reason == "Die Beteiligung hat noch nicht begonnen."


def test_phase_end_is_exclusive(consultation):
    submission_end = SCHEDULE[PhaseType.SUBMISSION][1]
    person = UserFactory()

    with time_machine.travel(submission_end - timedelta(seconds=1), tick=False):
        assert permissions.can_submit(person, consultation)
    with time_machine.travel(submission_end, tick=False):
        assert not permissions.can_submit(person, consultation)


def test_council_member_of_another_district_may_state_on_citywide_proposals(consultation):
    citywide = ProposalFactory(consultation=consultation, district=None)
    member = make_person("council_of_other_district")

    with time_machine.travel(MOMENTS["discussion"], tick=False):
        decision = permissions.can_state(member, citywide)

    assert decision.allowed is True


def test_council_member_of_another_district_is_told_why_not(consultation, proposal):
    member = make_person("council_of_other_district")

    with time_machine.travel(MOMENTS["discussion"], tick=False):
        decision = permissions.can_state(member, proposal)

    assert decision.reason == (
        "Ihr Integrationsbeirat kann nur zu Vorschlägen aus seinem Stadtbezirk oder stadtweiten Vorschlägen "
        "Stellung nehmen."
    )


def test_council_member_without_a_district_may_not_state(consultation, proposal):
    member = UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=None)

    with time_machine.travel(MOMENTS["discussion"], tick=False):
        decision = permissions.can_state(member, proposal)

    assert decision.reason == "Nur Mitglieder eines Integrationsbeirats können Stellungnahmen veröffentlichen."


@pytest.mark.parametrize("state", ["hidden", "withdrawn"])
@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_no_comment_or_vote_on_hidden_or_withdrawn_proposals(state, role, consultation):
    closed = ProposalFactory(consultation=consultation, **{state: True})
    person = make_person(role)

    with time_machine.travel(MOMENTS["voting"], tick=False):
        vote = permissions.can_vote(person, closed)
    with time_machine.travel(MOMENTS["discussion"], tick=False):
        comment = permissions.can_comment(person, closed)

    for decision in (vote, comment):
        assert decision.allowed is False
        assert decision.reason == "Zu diesem Vorschlag ist keine Beteiligung mehr möglich."


def test_participant_may_not_edit_someone_elses_proposal(consultation, proposal):
    with time_machine.travel(MOMENTS["submission"], tick=False):
        decision = permissions.can_edit_proposal(UserFactory(), proposal)

    assert decision.reason == "Nur die Verfasserin oder der Verfasser kann den Vorschlag bearbeiten."


def test_moderator_may_edit_someone_elses_proposal_in_any_phase(consultation, proposal):
    with time_machine.travel(MOMENTS["results"], tick=False):
        decision = permissions.can_edit_proposal(make_person("moderator"), proposal)

    assert decision.allowed is True


def test_withdrawn_proposal_can_no_longer_be_edited_by_its_author(consultation):
    withdrawn = ProposalFactory(consultation=consultation, withdrawn=True)

    with time_machine.travel(MOMENTS["submission"], tick=False):
        decision = permissions.can_edit_proposal(withdrawn.author, withdrawn)

    assert decision.reason == "Dieser Vorschlag kann nicht mehr bearbeitet werden."


def test_author_may_no_longer_withdraw_after_all_phases(consultation, proposal):
    """Issue 13: withdrawal follows the phases (submission and discussion only)."""
    with time_machine.travel(MOMENTS["after"], tick=False):
        decision = permissions.can_withdraw_proposal(proposal.author, proposal)

    assert decision.allowed is False


def test_only_the_author_may_withdraw(consultation, proposal):
    decision = permissions.can_withdraw_proposal(make_person("moderator"), proposal)

    assert decision.reason == "Nur die Verfasserin oder der Verfasser kann den Vorschlag zurückziehen."


def test_withdrawn_proposal_cannot_be_withdrawn_again(consultation):
    withdrawn = ProposalFactory(consultation=consultation, withdrawn=True)

    decision = permissions.can_withdraw_proposal(withdrawn.author, withdrawn)

    assert decision.reason == "Der Vorschlag ist bereits zurückgezogen."


@pytest.mark.parametrize(
    ("minutes", "allowed"), [(0, True), (14, True), (15, True), (16, False)], ids=["0", "14", "15", "16"]
)
def test_author_may_edit_a_comment_for_15_minutes(minutes, allowed, consultation, proposal):
    comment = CommentFactory(proposal=proposal, created_at=MOMENTS["discussion"])

    decision = permissions.can_edit_comment(
        comment.author, comment, moment=MOMENTS["discussion"] + timedelta(minutes=minutes)
    )

    assert decision.allowed is allowed
    if not allowed:
        assert decision.reason == "Kommentare können nur in den ersten 15 Minuten bearbeitet werden."


def test_only_the_author_may_edit_a_comment(consultation, proposal):
    comment = CommentFactory(proposal=proposal)

    decision = permissions.can_edit_comment(make_person("moderator"), comment)

    assert decision.reason == "Nur die Verfasserin oder der Verfasser kann den Kommentar bearbeiten."


@pytest.mark.parametrize(("role", "allowed"), [("author", True), ("moderator", True), ("participant", False)])
def test_author_and_moderators_may_delete_a_comment(role, allowed, consultation, proposal):
    comment = CommentFactory(proposal=proposal)
    person = comment.author if role == "author" else make_person(role)

    decision = permissions.can_delete_comment(person, comment)

    assert decision.allowed is allowed


@pytest.mark.parametrize(
    ("role", "visible"), [("anonymous", False), ("participant", False), ("author", True), ("moderator", True)]
)
def test_hidden_proposal_is_visible_to_its_author_and_moderators_only(role, visible, consultation):
    hidden = ProposalFactory(consultation=consultation, hidden=True)
    person = hidden.author if role == "author" else make_person(role)

    assert permissions.can_view_proposal(person, hidden) is visible


@pytest.mark.parametrize(("role", "allowed"), [("moderator", True), ("participant", False), ("anonymous", False)])
def test_only_moderators_record_analog_contributions(role, allowed, db):
    assert permissions.can_record_analog(make_person(role)) is allowed
