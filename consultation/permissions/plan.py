"""Who may do what on a plan draft: comment on a paragraph (with or without a proposed rewording), publish a
district integration council's statement on a paragraph or on a whole chapter, answer the comments. The consultation's phases decide, as for
proposals (`Action.TEXT_COMMENT` and `TEXT_STATE` are open in a "Textentwurf kommentieren" phase); moderators are
never blocked by phases. Re-exported by `consultation.permissions`, which views and templates ask.
"""

from django.utils.translation import gettext as _

from lip import permissions as lip_permissions

from ..models import Comment, CommentState, PlanChapter, PlanDraftPage, PlanParagraph
from . import Action, Decision, _council_check, _first_refusal, _person_check, _phase_or_moderator, _refuse_if


def _open_paragraph(paragraph: PlanParagraph) -> Decision | None:
    return _refuse_if(paragraph.is_removed, _("Dieser Absatz ist in der aktuellen Fassung nicht mehr enthalten."))


def _open_chapter(chapter: PlanChapter) -> Decision | None:
    return _refuse_if(chapter.is_removed, _("Dieses Kapitel ist in der aktuellen Fassung nicht mehr enthalten."))


def _state(user, consultation, still_open: Decision | None) -> Decision:
    """A council's statement on a part of the draft: a person, of a council, on a part still in the text (the
    refusal `still_open`, or None), in a text-review phase."""
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _council_check(user),
        lambda: still_open,
        lambda: _phase_or_moderator(user, consultation, Action.TEXT_STATE),
    )


def can_comment_paragraph(user, paragraph: PlanParagraph, consultation=None) -> Decision:
    """Comment on a paragraph, or propose a rewording of it. `consultation`: the draft's consultation, phases
    prefetched (the views pass it; otherwise it is read)."""
    consultation = consultation or paragraph.page.consultation
    return _first_refusal(
        lambda: _person_check(user),
        lambda: _open_paragraph(paragraph),
        lambda: _phase_or_moderator(user, consultation, Action.TEXT_COMMENT),
    )


def can_state_paragraph(user, paragraph: PlanParagraph, consultation=None) -> Decision:
    """Publish a comment on a paragraph as the official statement of the person's district integration council."""
    return _state(user, consultation or paragraph.page.consultation, _open_paragraph(paragraph))


def can_state_chapter(user, chapter: PlanChapter, consultation=None) -> Decision:
    """Publish the official statement of the person's district integration council on a whole chapter: the rules
    of `can_state_paragraph`."""
    return _state(user, consultation or chapter.page.consultation, _open_chapter(chapter))


def can_comment_plan(user, page: PlanDraftPage, consultation=None) -> Decision:
    """The draft-wide form of `can_comment_paragraph`, for the overview's "what you can do now"."""
    consultation = consultation or page.consultation
    return _first_refusal(
        lambda: _person_check(user), lambda: _phase_or_moderator(user, consultation, Action.TEXT_COMMENT)
    )


def can_state_plan(user, page: PlanDraftPage, consultation=None) -> Decision:
    return _state(user, consultation or page.consultation, None)


def can_view_comment(user, comment: Comment) -> bool:
    """Hidden comments and those waiting for approval: only their author and moderators see them."""
    if comment.state == CommentState.PUBLISHED:
        return True
    return bool(user.is_authenticated and (comment.author_id == user.pk or lip_permissions.is_moderator(user)))


def can_answer_comments(user) -> bool:
    """Staff write the administration's position on each comment and amendment (the Abwägung), the same people who
    answer proposals."""
    return lip_permissions.is_moderator(user)
