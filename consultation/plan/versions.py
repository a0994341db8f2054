"""Publishing the plan draft: every publication whose text differs from the last version becomes a new version.

`record_version` is connected to Wagtail's `page_published` signal (consultation.apps). It reads the chapters as
published, stores them whole in a `PlanVersion` and brings the `PlanParagraph` rows up to date: new paragraphs are
created, changed ones get their new text and number, paragraphs no longer in the text are marked as removed in
this version (their comments stay with them). Answers given since the previous version are marked as having led
to this one: that is the thread from a comment to the text it shaped.
"""

from django.db import transaction
from django.db.models import Max

from ..models import CommentAnswer, PlanDraftPage, PlanParagraph, PlanVersion


def structure(page: PlanDraftPage) -> list[dict]:
    """The chapters as stored in a version: [{"title", "paragraphs": [{"key", "label", "text"}]}]."""
    chapters = []
    for chapter_number, chapter in enumerate(page.chapters, start=1):
        paragraphs = [
            {"key": str(item.id), "label": f"{chapter_number}.{number}", "text": str(item.value).strip()}
            for number, item in enumerate(chapter.value["paragraphs"].bound_blocks, start=1)
        ]
        chapters.append({"title": str(chapter.value["title"]).strip(), "paragraphs": paragraphs})
    return chapters


def paragraph_texts(content: list[dict]) -> dict[str, dict]:
    """Each paragraph of a version's content by its key, with its chapter's number and title."""
    return {
        paragraph["key"]: {**paragraph, "chapter_number": number, "chapter_title": chapter["title"]}
        for number, chapter in enumerate(content, start=1)
        for paragraph in chapter["paragraphs"]
    }


@transaction.atomic
def record_version(page: PlanDraftPage, *, user=None) -> PlanVersion | None:
    """Record the page's published text as a new version, unless it is the same as the last one."""
    page = PlanDraftPage.objects.select_for_update().get(pk=page.pk)
    content = structure(page)
    last = page.versions.order_by("-number").first()
    if last is not None and last.content == content:
        return None
    number = (page.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        page=page, number=number, note=page.version_note, content=content, published_by=user
    )
    _sync_paragraphs(page, version, content)
    CommentAnswer.objects.filter(comment__paragraph__page=page, resulting_version__isnull=True).update(
        resulting_version=version
    )
    if page.version_note:  # the note described this version; the next one gets its own
        PlanDraftPage.objects.filter(pk=page.pk).update(version_note="")
    return version


def _sync_paragraphs(page: PlanDraftPage, version: PlanVersion, content: list[dict]) -> None:
    existing = {str(p.key): p for p in PlanParagraph.objects.filter(page=page)}
    current = paragraph_texts(content)
    changed, created = [], []
    for position, (key, data) in enumerate(current.items()):
        fields = {
            "label": data["label"],
            "chapter_number": data["chapter_number"],
            "chapter_title": data["chapter_title"][:200],
            "position": position,
            "text": data["text"],
            "removed_in": None,
        }
        paragraph = existing.get(key)
        if paragraph is None:
            created.append(PlanParagraph(page=page, key=key, first_version=version, **fields))
            continue
        for name, value in fields.items():
            setattr(paragraph, name, value)
        changed.append(paragraph)
    for key, paragraph in existing.items():
        if key not in current and paragraph.removed_in_id is None:
            paragraph.removed_in = version
            changed.append(paragraph)
    PlanParagraph.objects.bulk_create(created)
    PlanParagraph.objects.bulk_update(
        changed, ["label", "chapter_number", "chapter_title", "position", "text", "removed_in"]
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Wagtail's `page_published` signal, for plan drafts only."""
    if isinstance(instance, PlanDraftPage):
        record_version(instance, user=getattr(revision, "user", None))
