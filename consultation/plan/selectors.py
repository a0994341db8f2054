"""Reads of the plan draft's public pages: its current paragraphs by chapter, one paragraph with its neighbours,
one chapter, the comments on a paragraph or the statements on a chapter that the viewer may see (with their answers)
and the contributions that shaped a paragraph's text.

Each read is one query whatever the number of paragraphs or comments: the counts come from the paragraphs' stored
counters (`consultation.counters`), the answers are joined to their comments.
"""

import uuid
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from ..models import Comment, CommentState, PlanChapter, PlanDraftPage, PlanParagraph, PlanVersion
from .versions import paragraph_texts


@dataclass
class Chapter:
    number: int
    title: str
    paragraphs: list[PlanParagraph] = field(default_factory=list)
    row: PlanChapter | None = None  # the chapter's own row (its key and statement count)
    statements: list[Comment] = field(default_factory=list)  # the published statements on the whole chapter

    @property
    def anchor(self) -> str:
        return f"kapitel-{self.number}"


def latest_version(page: PlanDraftPage) -> PlanVersion | None:
    return page.versions.order_by("-number").first()


def current_chapters(page: PlanDraftPage, *, with_statements: bool = False) -> list[Chapter]:
    """The paragraphs of the latest version (removed ones left out), grouped by chapter, with the chapters' rows:
    two queries; `with_statements`: and the published statements on each whole chapter (one more)."""
    rows = {c.number: c for c in PlanChapter.objects.filter(page=page, removed_in__isnull=True)}
    chapters: list[Chapter] = []
    for paragraph in PlanParagraph.objects.filter(page=page, removed_in__isnull=True).order_by("position"):
        if not chapters or chapters[-1].number != paragraph.chapter_number:
            row = rows.get(paragraph.chapter_number)
            chapters.append(Chapter(paragraph.chapter_number, paragraph.chapter_title, row=row))
        chapters[-1].paragraphs.append(paragraph)
    if with_statements:
        by_chapter = {c.row.pk: c for c in chapters if c.row is not None}
        for statement in published_chapter_statements(page):
            by_chapter[statement.chapter_id].statements.append(statement)
    return chapters


def published_chapter_statements(page: PlanDraftPage) -> list[Comment]:
    """The published, undeleted statements on the draft's current chapters, oldest first (one query)."""
    return list(
        Comment.objects.filter(
            chapter__page=page, chapter__removed_in__isnull=True, state=CommentState.PUBLISHED, deleted_at__isnull=True
        )
        .select_related("statement_district")
        .only("pk", "chapter_id", "statement_district__name", "created_at")
        .order_by("created_at", "pk")
    )


def _by_key(model: type[PlanChapter | PlanParagraph], page: PlanDraftPage, key: str):
    """The draft's chapter or paragraph with this block id (also a removed one: its contributions stay readable);
    None if there is none or `key` is no UUID."""
    try:
        key = uuid.UUID(key)
    except (TypeError, ValueError, AttributeError):
        return None
    part = (
        model.objects.filter(page=page, key=key)
        .select_related("first_version", "removed_in")
        .defer("first_version__content", "removed_in__content")
        .first()
    )
    if part is not None:
        part.page = page  # the page with its phases already loaded
    return part


def chapter_by_key(page: PlanDraftPage, key: str) -> PlanChapter | None:
    return _by_key(PlanChapter, page, key)


def paragraph_by_key(page: PlanDraftPage, key: str) -> PlanParagraph | None:
    return _by_key(PlanParagraph, page, key)


def chapter_paragraphs(chapter: PlanChapter) -> list[PlanParagraph]:
    """The chapter's current paragraphs, in the order of the text (none for a removed chapter): one query."""
    if chapter.is_removed:
        return []
    paragraphs = list(
        PlanParagraph.objects.filter(
            page_id=chapter.page_id, chapter_number=chapter.number, removed_in__isnull=True
        ).order_by("position")
    )
    for paragraph in paragraphs:
        paragraph.page = chapter.page
    return paragraphs


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


def chapter_of(paragraph: PlanParagraph) -> PlanChapter | None:
    """The current chapter a paragraph stands in (one query; None for a removed paragraph's former chapter)."""
    return (
        PlanChapter.objects.filter(page_id=paragraph.page_id, number=paragraph.chapter_number, removed_in__isnull=True)
        .only("key", "number", "statement_count")
        .first()
    )


def visible_comments(part: PlanParagraph | PlanChapter, *, viewer=None) -> list[Comment]:
    """The comments on the paragraph (or the statements on the chapter) the viewer may see (published ones; their
    own waiting or hidden ones; moderators all), oldest first, with author, organisation, district, event, version
    and answer: one query."""
    visible = Q(state=CommentState.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        visible = Q() if lip_permissions.is_moderator(viewer) else visible | Q(author=viewer)
    on_part = {"chapter" if isinstance(part, PlanChapter) else "paragraph": part}
    comments = list(
        Comment.objects.filter(visible, **on_part)
        .select_related(
            "author", "organisation", "statement_district", "event", "version", "answer", "answer__resulting_version"
        )
        .defer("version__content", "answer__resulting_version__content")  # a whole text per row: only numbers shown
        .order_by("created_at", "pk")
    )
    ((name, value),) = on_part.items()
    for comment in comments:
        setattr(comment, name, value)
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


# --- Who made a contribution, and what kind it is (the Abwägung's list and the Abwägungstabelle) ------------------

KIND_COMMENT = "comment"
KIND_AMENDMENT = "amendment"
KIND_STATEMENT = "statement"


def contribution_kind(comment: Comment) -> str:
    if comment.statement_district_id:
        return KIND_STATEMENT
    return KIND_AMENDMENT if comment.proposed_text else KIND_COMMENT


def kind_label(comment: Comment) -> str:
    return {
        KIND_STATEMENT: _("Stellungnahme"),
        KIND_AMENDMENT: _("Änderungsvorschlag"),
        KIND_COMMENT: _("Kommentar"),
    }[contribution_kind(comment)]


def contributor_label(comment: Comment, *, analog_name: bool = True) -> str:
    """Who made the contribution, as the Abwägung names it: the district council, the organisation, the name given
    on an analog contribution (unless `analog_name` is False: the public table never names a possibly private
    person), or "Einzelperson" (never a private person's account name)."""
    if comment.statement_district_id:
        return _("Integrationsbeirat %(district)s") % {"district": comment.statement_district.name}
    if comment.organisation_id:
        return comment.organisation.name
    if analog_name and comment.is_analog and comment.author_name:
        return comment.author_name
    return _("Einzelperson")
