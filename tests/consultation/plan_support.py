"""Building plan drafts in tests: a consultation in its "Textentwurf kommentieren" phase and a draft under it."""

import uuid
from datetime import timedelta

from django.utils import timezone

from consultation.models import Comment, PhaseType, PlanDraftPage
from tests.consultation.factories import ConsultationPageFactory

DEMO_CHAPTERS = [
    ("Sprachförderung", ["Alle Kinder erhalten vor der Einschulung Sprachförderung.", "Kurse für Erwachsene."]),
    ("Arbeitsmarktintegration", ["Abschlüsse werden schneller anerkannt."]),
]


def text_review_schedule(current: str = PhaseType.TEXT_REVIEW, *, days: int = 10):
    """Information, text review, evaluation back to back, the phase of type `current` running since yesterday."""
    order = [PhaseType.INFORMATION, PhaseType.TEXT_REVIEW, PhaseType.EVALUATION]
    start = timezone.now() - timedelta(days=1) - timedelta(days=days * order.index(current))
    return [(t, start + timedelta(days=days * i), start + timedelta(days=days * (i + 1))) for i, t in enumerate(order)]


def chapters_value(chapters) -> list[dict]:
    """StreamField data for [(title, [paragraph text, …]), …]; a paragraph may be (key, text) to keep its identity,
    a chapter's title (key, title) likewise."""
    value = []
    for title, paragraphs in chapters:
        chapter_key, title = title if isinstance(title, tuple) else (str(uuid.uuid4()), title)
        items = []
        for paragraph in paragraphs:
            key, text = paragraph if isinstance(paragraph, tuple) else (str(uuid.uuid4()), paragraph)
            items.append({"type": "item", "id": key, "value": text})
        value.append({"type": "chapter", "id": chapter_key, "value": {"title": title, "paragraphs": items}})
    return value


def make_plan(consultation=None, chapters=DEMO_CHAPTERS, *, phase: str = PhaseType.TEXT_REVIEW, user=None, **fields):
    """A published plan draft (version 1 recorded) under `consultation` (a new one in phase `phase` if None)."""
    if consultation is None:
        consultation = ConsultationPageFactory(phases=text_review_schedule(phase))
    page = PlanDraftPage(
        title=fields.pop("title", "Entwurf LIP 4.0"),
        slug=fields.pop("slug", f"entwurf-{uuid.uuid4().hex[:6]}"),
        chapters=chapters_value(chapters),
        **fields,
    )
    consultation.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return PlanDraftPage.objects.get(pk=page.pk)


def publish_chapters(page: PlanDraftPage, chapters, *, note: str = "", user=None) -> PlanDraftPage:
    """Publish a revised text (keep a paragraph's identity by giving it as (str(paragraph.key), text))."""
    page = PlanDraftPage.objects.get(pk=page.pk)
    page.chapters = chapters_value(chapters)
    page.version_note = note
    page.save_revision(user=user).publish(user=user)
    return PlanDraftPage.objects.get(pk=page.pk)


def paragraph_comment(paragraph, author, text="Ein Kommentar.", **fields) -> Comment:
    """A published comment on `paragraph`, stored directly (not through the service) with its counters moved."""
    from consultation import counters

    comment = Comment.objects.create(paragraph=paragraph, author=author, text=text, **fields)
    if comment.state == "published" and not comment.deleted_at:
        counters.move_comment_counters(comment, +1)
    return comment
