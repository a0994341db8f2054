"""`seed_demo` adds a second consultation with the plan draft: two versions, comments of every kind, answers."""

import io

import pytest
from django.core.management import call_command

from consultation import counters
from consultation.demo_plan import AMENDED, CONSULTATION_SLUG, key
from consultation.models import (
    AnswerOutcome,
    Channel,
    Comment,
    CommentAnswer,
    ConsultationPage,
    PhaseType,
    PlanDraftPage,
    PlanParagraph,
    PlanVersion,
)
from tests.helpers import seed_demo_twice


@pytest.fixture
def plan(db):
    call_command("seed_demo", stdout=io.StringIO())
    return PlanDraftPage.objects.get(slug="entwurf")


def test_demo_plan_has_two_versions_comments_answers_and_matching_counters(plan, client):
    consultation = plan.consultation
    assert consultation.slug == CONSULTATION_SLUG and consultation.title == "Entwurf LIP 4.0 kommentieren"
    assert [p.type for p in consultation.phase_list()] == ["information", "text_review", "evaluation"]
    assert consultation.current_phase.type == PhaseType.TEXT_REVIEW
    assert 20 <= consultation.current_phase.days_left() <= 21
    assert plan.live and plan.title == "Entwurf des Lokalen Integrationsplans 4.0"

    first, second = plan.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.published_at < second.published_at
    assert [chapter["title"] for chapter in second.content] == [
        "Sprachförderung",
        "Arbeitsmarktintegration",
        "Wohnen und Leben",
    ]
    assert all(3 <= len(chapter["paragraphs"]) <= 4 for chapter in second.content)
    amended = PlanParagraph.objects.get(page=plan, key=key("sprache-1"))
    assert amended.text == AMENDED, "version 2 takes over the adopted amendment, keeping the paragraph's identity"

    comments = Comment.objects.filter(paragraph__page=plan)
    amendment = comments.exclude(proposed_text="").get()
    assert amendment.organisation.name == "Deutsch-Syrischer Kulturverein Hannover"
    assert amendment.answer.outcome == AnswerOutcome.ADOPTED and amendment.answer.resulting_version == second
    statement = comments.get(statement_district__isnull=False)
    assert statement.statement_district.slug == "linden-limmer" and statement.author.email.startswith("beirat@")
    analog = comments.get(channel=Channel.EVENT)
    assert analog.event.consultation_id == consultation.pk and analog.recorded_by.email.startswith("moderation@")
    assert set(CommentAnswer.objects.filter(comment__paragraph__page=plan).values_list("outcome", flat=True)) == {
        AnswerOutcome.ADOPTED,
        AnswerOutcome.PARTLY,
        AnswerOutcome.NOT_ADOPTED,
    }
    waiting = comments.filter(answer__isnull=True)
    assert waiting.count() == 2 and {c.version_id for c in waiting} == {second.pk}
    assert counters.mismatches() == []
    assert amended.comment_count == 2 and amended.amendment_count == 1

    history = client.get(plan.url + plan.reverse_subpage("versions"))
    assert history.status_code == 200
    assert f"#kommentar-{amendment.pk}" in history.content.decode()


def test_seeding_twice_adds_nothing_to_the_plan(db):
    out = seed_demo_twice(ConsultationPage, PlanDraftPage, PlanVersion, PlanParagraph, Comment, CommentAnswer)

    assert "Fassungen vergleichen:" in out
    assert PlanVersion.objects.count() == 2
    assert counters.mismatches() == []


def test_move_to_phase_moves_only_the_consultation_it_is_given(plan):
    original = ConsultationPage.objects.get(slug="lip-4-0-ihre-vorschlaege")
    plan_phases = list(plan.consultation.phases.values_list("start", flat=True))

    call_command("move_to_phase", "voting", stdout=io.StringIO())
    assert ConsultationPage.objects.get(pk=original.pk).current_phase.type == PhaseType.VOTING
    assert list(plan.consultation.phases.values_list("start", flat=True)) == plan_phases

    call_command("move_to_phase", "evaluation", slug=CONSULTATION_SLUG, stdout=io.StringIO())
    assert ConsultationPage.objects.get(slug=CONSULTATION_SLUG).current_phase.type == PhaseType.EVALUATION
