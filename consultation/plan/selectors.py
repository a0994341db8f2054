"""Reads of the plan draft's public pages: its current paragraphs by chapter, one paragraph with its neighbours,
the comments on it that the viewer may see (with their answers) and the contributions that shaped its text.

Each read is one query whatever the number of paragraphs or comments: the counts come from the paragraphs' stored
counters (`consultation.counters`), the answers are joined to their comments.
"""

import uuid
from dataclasses import dataclass, field

from django.db.models import Q

from lip import permissions as lip_permissions

from ..models import Comment, CommentState, PlanDraftPage, PlanParagraph, PlanVersion
from .versions import paragraph_texts


@dataclass
class Chapter:
    number: int
    title: str
    paragraphs: list[PlanParagraph] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"kapitel-{self.number}"


def latest_version(page: PlanDraftPage) -> PlanVersion | None:
    return page.versions.order_by("-number").first()


def current_chapters(page: PlanDraftPage) -> list[Chapter]:
    """The paragraphs of the latest version (removed ones left out), grouped by chapter: one query."""
    chapters: list[Chapter] = []
    for paragraph in PlanParagraph.objects.filter(page=page, removed_in__isnull=True).order_by("position"):
        if not chapters or chapters[-1].number != paragraph.chapter_number:
            chapters.append(Chapter(paragraph.chapter_number, paragraph.chapter_title))
        chapters[-1].paragraphs.append(paragraph)
    return chapters


def paragraph_by_key(page: PlanDraftPage, key: str) -> PlanParagraph | None:
    """The draft's paragraph with this block id (also a removed one: its comments stay readable); None if there is
    none or `key` is no UUID."""
    try:
        key = uuid.UUID(key)
    except (TypeError, ValueError, AttributeError):
        return None
    paragraph = (
        PlanParagraph.objects.filter(page=page, key=key)
        .select_related("first_version", "removed_in")
        .defer("first_version__content", "removed_in__content")
        .first()
    )
    if paragraph is not None:
        paragraph.page = page  # the page with its phases already loaded
    return paragraph


def neighbours(paragraph: PlanParagraph) -> tuple[PlanParagraph | None, PlanParagraph | None]:
    """The current paragraphs before and after `paragraph` in the text (two small queries)."""
    current = PlanParagraph.objects.filter(page_id=paragraph.page_id, removed_in__isnull=True).only(
        "key", "label", "page_id", "position"
    )
    previous = current.filter(position__lt=paragraph.position).order_by("-position").first()
    following = current.filter(position__gt=paragraph.position).order_by("position").first()
    for item in (previous, following):
        if item is not None:
            item.page = paragraph.page
    return previous, following


def visible_comments(paragraph: PlanParagraph, *, viewer=None) -> list[Comment]:
    """The comments on the paragraph the viewer may see (published ones; their own waiting or hidden ones;
    moderators all), oldest first, with author, organisation, district, event, version and answer: one query."""
    visible = Q(state=CommentState.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        visible = Q() if lip_permissions.is_moderator(viewer) else visible | Q(author=viewer)
    comments = list(
        Comment.objects.filter(visible, paragraph=paragraph)
        .select_related(
            "author", "organisation", "statement_district", "event", "version", "answer", "answer__resulting_version"
        )
        .defer("version__content", "answer__resulting_version__content")  # a whole text per row: only numbers shown
        .order_by("created_at", "pk")
    )
    for comment in comments:
        comment.paragraph = paragraph
    return comments


def paragraph_in_versions(paragraph: PlanParagraph, version_ids) -> dict[int, tuple[int, str | None]]:
    """For each of the versions: its number and the paragraph's text in it (None if it was not in it): one query."""
    found = {}
    for version in PlanVersion.objects.filter(pk__in=set(version_ids)).only("pk", "number", "content"):
        text = paragraph_texts(version.content).get(str(paragraph.key), {}).get("text")
        found[version.pk] = (version.number, text)
    return found


def answer_of(comment: Comment):
    """The administration's answer to the comment (loaded with it), or None."""
    try:
        return comment.answer
    except Comment.answer.RelatedObjectDoesNotExist:
        return None


def shaping_comments(comments: list[Comment]) -> list[Comment]:
    """The golden thread: published contributions whose answer took them over wholly or in part."""
    return [
        comment
        for comment in comments
        if comment.state == CommentState.PUBLISHED
        and not comment.is_deleted
        and (answer := answer_of(comment)) is not None
        and answer.shaped_text
    ]
