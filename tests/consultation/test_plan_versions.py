"""Publishing a plan draft records versions and keeps its paragraphs' identity; answers lead to the next version."""

import pytest

from consultation.models import AnswerOutcome, CommentAnswer, PlanParagraph, PlanVersion
from consultation.plan import diff
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_first_publication_records_version_one_with_numbered_paragraphs(consultation_index):
    page = make_plan()
    assert list(page.versions.values_list("number", flat=True)) == [1]
    labels = list(PlanParagraph.objects.filter(page=page).values_list("label", "chapter_title"))
    assert labels == [("1.1", "Sprachförderung"), ("1.2", "Sprachförderung"), ("2.1", "Arbeitsmarktintegration")]


def test_republishing_the_same_text_records_no_version(consultation_index):
    page = make_plan()
    page.save_revision().publish()
    assert page.versions.count() == 1


def test_revision_keeps_identity_marks_removed_and_links_answers(consultation_index):
    page = make_plan()
    first, second, third = PlanParagraph.objects.filter(page=page).order_by("position")
    comment = paragraph_comment(first, UserFactory(), proposed_text="Alle Kinder erhalten früh Sprachförderung.")
    CommentAnswer.objects.create(comment=comment, outcome=AnswerOutcome.ADOPTED, reasoning="Guter Vorschlag.")
    page = publish_chapters(
        page,
        [
            ("Sprachförderung", [(str(first.key), "Alle Kinder erhalten früh Sprachförderung.")]),
            ("Arbeit", [(str(third.key), third.text), "Neuer Absatz."]),
        ],
        note="Nach der Beteiligung überarbeitet",
    )
    version = PlanVersion.objects.get(page=page, number=2)
    assert version.note == "Nach der Beteiligung überarbeitet"
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.text == "Alle Kinder erhalten früh Sprachförderung." and first.comment_count == 1
    assert second.removed_in == version
    assert (third.label, third.chapter_title) == ("2.1", "Arbeit")
    assert PlanParagraph.objects.filter(page=page, first_version=version).get().label == "2.2"
    assert CommentAnswer.objects.get(comment=comment).resulting_version == version
    page.refresh_from_db()
    assert page.version_note == ""


def test_word_diff_marks_inserted_and_deleted_words():
    segments = diff.word_diff("Alle Kinder erhalten Sprachförderung.", "Alle Kinder erhalten früh Sprachförderung.")
    assert [(s.kind, s.text) for s in segments] == [
        ("equal", "Alle Kinder erhalten "),
        ("insert", "früh "),
        ("equal", "Sprachförderung."),
    ]
    assert diff.has_changes(segments)
    assert not diff.has_changes(diff.word_diff("gleich", "gleich"))
