"""Publishing the plan draft: every publication whose text differs from the last version becomes a new version.

`record_version` is connected to Wagtail's `page_published` signal (consultation.apps). It reads the chapters as
published, stores them whole in a `PlanVersion` and brings the `PlanChapter` and `PlanParagraph` rows up to date:
new chapters and paragraphs are created, changed ones get their new title, text and number, those no longer in the
text are marked as removed in this version (their comments and statements stay with them). Answers given since the previous version are marked as having led
to this one: that is the thread from a comment to the text it shaped.
"""

from django.db import transaction
from django.db.models import Max

from ..models import CommentAnswer, PlanChapter, PlanDraftPage, PlanParagraph, PlanVersion
from .answers import on_draft


def structure(page: PlanDraftPage) -> list[dict]:
    """The chapters as stored in a version: [{"key", "title", "paragraphs": [{"key", "label", "text"}]}]."""
    chapters = []
    for chapter_number, chapter in enumerate(page.chapters, start=1):
        paragraphs = [
            {"key": str(item.id), "label": f"{chapter_number}.{number}", "text": str(item.value).strip()}
            for number, item in enumerate(chapter.value["paragraphs"].bound_blocks, start=1)
        ]
        chapters.append(
            {"key": str(chapter.id), "title": str(chapter.value["title"]).strip(), "paragraphs": paragraphs}
        )
    return chapters


def _text_of(content: list[dict]) -> list[dict]:
    """A version's content without the chapters' keys (versions recorded before chapters had rows lack them)."""
    return [{"title": chapter["title"], "paragraphs": chapter["paragraphs"]} for chapter in content]


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
    if last is not None and _text_of(last.content) == _text_of(content):
        return None
    number = (page.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        page=page, number=number, note=page.version_note, content=content, published_by=user
    )
    _sync_chapters(page, version, content)
    _sync_paragraphs(page, version, content)
    CommentAnswer.objects.filter(on_draft(page, prefix="comment__"), resulting_version__isnull=True).update(
        resulting_version=version
    )
    if page.version_note:  # the note described this version; the next one gets its own
        PlanDraftPage.objects.filter(pk=page.pk).update(version_note="")
    return version


def _sync_chapters(page: PlanDraftPage, version: PlanVersion, content: list[dict]) -> None:
    current = {
        chapter["key"]: {"number": number, "title": chapter["title"][:200]}
        for number, chapter in enumerate(content, start=1)
    }
    _sync(PlanChapter, page, version, current)


def _sync_paragraphs(page: PlanDraftPage, version: PlanVersion, content: list[dict]) -> None:
    current = {
        key: {
            "label": data["label"],
            "chapter_number": data["chapter_number"],
            "chapter_title": data["chapter_title"][:200],
            "position": position,
            "text": data["text"],
        }
        for position, (key, data) in enumerate(paragraph_texts(content).items())
    }
    _sync(PlanParagraph, page, version, current)


def _sync(model: type[PlanChapter | PlanParagraph], page, version: PlanVersion, current: dict[str, dict]) -> None:
    """Bring the page's rows of `model` in line with `current` ({key: fields}): new keys get a row since `version`,
    kept ones their fields (back in the text if they had been removed), missing ones are removed in `version`."""
    existing = {str(row.key): row for row in model.objects.filter(page=page)}
    changed, created = [], []
    for key, fields in current.items():
        row = existing.get(key)
        if row is None:
            created.append(model(page=page, key=key, first_version=version, **fields))
            continue
        for name, value in fields.items():
            setattr(row, name, value)
        row.removed_in = None
        changed.append(row)
    for key, row in existing.items():
        if key not in current and row.removed_in_id is None:
            row.removed_in = version
            changed.append(row)
    model.objects.bulk_create(created)
    names = next(iter(current.values()), {}).keys()
    model.objects.bulk_update(changed, [*names, "removed_in"])


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Wagtail's `page_published` signal, for plan drafts only."""
    if isinstance(instance, PlanDraftPage):
        record_version(instance, user=getattr(revision, "user", None))
