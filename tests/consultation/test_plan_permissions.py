"""The plan draft's predicates (consultation/permissions/plan.py), role × time.

The expected table is written out here, independently of PHASE_ALLOWS: commenting on a paragraph (with or without
a rewording) and a council's statement (on a paragraph or a whole chapter) are open only in the "Textentwurf kommentieren" phase; statements only for
members of a district integration council; moderators comment in any phase, but state for no council; only
moderators answer comments, in any phase. Anonymous people are asked to log in; people without a confirmed e-mail
address and blocked accounts are refused with their reason. Nobody comments on a paragraph no longer in the text,
nor states on a chapter no longer in it.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultation import permissions
from consultation.models import PhaseType, PlanChapter, PlanParagraph
from lip.roles import Role
from tests.factories import OrganisationFactory, UserFactory, representative_of
from tests.helpers import matrix

from .factories import ConsultationPageFactory, district
from .plan_support import make_plan, publish_chapters

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
DAYS = timedelta(days=10)
SCHEDULE = [
    (PhaseType.INFORMATION, START, START + DAYS),
    (PhaseType.TEXT_REVIEW, START + DAYS, START + 2 * DAYS),
    (PhaseType.EVALUATION, START + 2 * DAYS, START + 3 * DAYS),
]
MOMENTS = {
    "before": START - timedelta(days=3),
    **{str(phase_type): start + timedelta(days=4, hours=3) for phase_type, start, _end in SCHEDULE},
    "after": START + 3 * DAYS + timedelta(days=3),
}
TEXT_REVIEW_OPENS = START + DAYS

ROLES = ["anonymous", "unverified", "blocked", "participant", "representative", "council", "moderator"]
CANNOT_TAKE_PART = {
    "anonymous": "Bitte melden Sie sich an, um mitzumachen.",
    "unverified": "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.",
    "blocked": "Ihr Konto ist gesperrt. Sie können weiterhin alles lesen, aber keine Beiträge schreiben.",
}
NOT_A_COUNCIL = "Nur Mitglieder eines Integrationsbeirats können Stellungnahmen veröffentlichen."
REMOVED = "Dieser Absatz ist in der aktuellen Fassung nicht mehr enthalten."


def make_person(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "blocked":
        return UserFactory(blocked_at=timezone.now(), blocked_reason="Werbung.")
    if role == "participant":
        return UserFactory()
    if role == "representative":
        return representative_of(OrganisationFactory())
    if role == "council":
        return UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district("linden-limmer"))
    if role == "moderator":
        return UserFactory(roles=[Role.MODERATOR], is_staff=True)
    raise AssertionError(role)


def may_comment(role: str, moment: str) -> bool:
    if role in CANNOT_TAKE_PART:
        return False
    return role == "moderator" or moment == PhaseType.TEXT_REVIEW


def may_state(role: str, moment: str) -> bool:
    return role == "council" and moment == PhaseType.TEXT_REVIEW


@pytest.fixture
def plan(consultation_index):
    consultation = ConsultationPageFactory(phases=SCHEDULE)
    return make_plan(consultation)


@matrix(ROLES, MOMENTS)
def test_plan_permission_matrix_follows_the_phase_table(case, plan):
    role, moment = case
    person = make_person(role)
    paragraph = PlanParagraph.objects.filter(page=plan).first()
    chapter = PlanChapter.objects.filter(page=plan).first()
    consultation = plan.consultation

    with time_machine.travel(MOMENTS[moment], tick=False):
        decisions = {
            "comment_paragraph": (permissions.can_comment_paragraph(person, paragraph), may_comment(role, moment)),
            "comment_plan": (permissions.can_comment_plan(person, plan, consultation), may_comment(role, moment)),
            "state_paragraph": (
                permissions.can_state_paragraph(person, paragraph, consultation),
                may_state(role, moment),
            ),
            "state_plan": (permissions.can_state_plan(person, plan), may_state(role, moment)),
            "state_chapter": (permissions.can_state_chapter(person, chapter, consultation), may_state(role, moment)),
        }
        may_answer = permissions.can_answer_comments(person)

    for name, (decision, allowed) in decisions.items():
        assert decision.allowed is allowed, name
        if allowed:
            assert decision.reason == "", name
            continue
        assert decision.needs_login is (role == "anonymous"), name
        if role in CANNOT_TAKE_PART:
            assert decision.reason == CANNOT_TAKE_PART[role], name
        elif name.startswith("state") and role != "council":
            assert decision.reason == NOT_A_COUNCIL, name
        elif moment in ("before", PhaseType.INFORMATION):
            assert decision.opens_at == TEXT_REVIEW_OPENS, name
            assert "12. März 2026" in decision.reason and "„Textentwurf kommentieren“" in decision.reason, name
        else:
            assert decision.opens_at is None, name
            assert decision.reason == "In der aktuellen Phase ist das nicht möglich.", name
    assert may_answer is (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_nobody_comments_or_states_on_a_removed_paragraph(role, plan):
    first, second, third = PlanParagraph.objects.filter(page=plan).order_by("position")
    publish_chapters(plan, [("Sprachförderung", [(str(first.key), first.text), (str(third.key), third.text)])])
    second.refresh_from_db()
    assert second.is_removed
    person = make_person(role)

    with time_machine.travel(MOMENTS[PhaseType.TEXT_REVIEW], tick=False):
        comment = permissions.can_comment_paragraph(person, second)
        statement = permissions.can_state_paragraph(person, second)
        still_open = permissions.can_comment_paragraph(person, first)

    assert not comment and not statement
    if role in CANNOT_TAKE_PART:
        assert comment.reason == CANNOT_TAKE_PART[role]
    else:
        assert comment.reason == REMOVED
        assert statement.reason == (REMOVED if role == "council" else NOT_A_COUNCIL)
        assert still_open, "the paragraphs still in the text stay open"


@pytest.mark.parametrize("role", ["participant", "council", "moderator"])
def test_nobody_states_on_a_removed_chapter(role, plan):
    first, second = PlanChapter.objects.filter(page=plan).order_by("number")
    kept = [(str(p.key), p.text) for p in PlanParagraph.objects.filter(page=plan, chapter_number=1)]
    publish_chapters(plan, [((str(first.key), first.title), kept)])
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_removed and not first.is_removed
    person = make_person(role)

    with time_machine.travel(MOMENTS[PhaseType.TEXT_REVIEW], tick=False):
        removed = permissions.can_state_chapter(person, second)
        kept_open = permissions.can_state_chapter(person, first)

    assert not removed
    assert removed.reason == (
        "Dieses Kapitel ist in der aktuellen Fassung nicht mehr enthalten." if role == "council" else NOT_A_COUNCIL
    )
    assert bool(kept_open) is (role == "council")
