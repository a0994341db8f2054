"""Public pages of the plan draft, reached through PlanDraftPage's routes: the overview (the whole current text with
its counts), a paragraph's page (its comments, amendments, statements and answers, and the forms), the comment and
statement POSTs, and edit/delete/report of a comment (the same handlers as on proposals: `views.actions`).

As everywhere in the consultation, the predicates in `consultation.permissions` decide what the page offers and
what a POST may do; the service asks them again.
"""

from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lip import http

from .. import permissions
from ..models import Comment, CommentState, ContentReport, PlanChapter, PlanDraftPage, PlanParagraph
from ..permissions import Action
from ..views.actions import COMMENT_ACTIONS
from ..views.common import SAFE_METHODS, Offer, make_offer, prepare_page
from ..views.submission import invite_to_reach_questionnaire
from . import diff, selectors, services
from .forms import ParagraphCommentForm, StatementForm

STATEMENT_PREFIX = "stellungnahme"  # the statement form's fields beside the comment form's on the same page


def draft_consultation(page: PlanDraftPage):
    """The draft's consultation with its phases loaded once, for every predicate of the request."""
    return prepare_page(page.get_parent().specific)


def paragraph_url_of(base: str, page: PlanDraftPage, paragraph: PlanParagraph) -> str:
    return base + page.reverse_subpage("paragraph_detail", args=[str(paragraph.key)])


def chapter_url(base: str, page: PlanDraftPage, chapter: PlanChapter) -> str:
    return base + page.reverse_subpage("chapter_detail", args=[str(chapter.key)])


def council_member(user) -> bool:
    return user.is_authenticated and user.has_perm("lip.state_for_council")


def comment_offer(decision, *, consultation, next_url: str) -> Offer:
    """The comment form's offer on the overview and a paragraph's page."""
    return make_offer(decision, consultation=consultation, action=Action.TEXT_COMMENT, next_url=next_url)


def state_offer(user, decide, *, consultation, next_url: str) -> Offer:
    """The statement form's offer, for council members only (`decide()`: the predicate's Decision); others are
    offered nothing and see nothing of it."""
    if not council_member(user):
        return Offer(False)
    return make_offer(decide(), consultation=consultation, action=Action.TEXT_STATE, next_url=next_url)


# --- Overview --------------------------------------------------------------------


def plan_overview(request, page: PlanDraftPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    consultation = draft_consultation(page)
    user = request.user
    base = http.page_url(request, page)
    chapters = selectors.current_chapters(page, with_statements=True)
    for chapter in chapters:
        chapter.url = chapter_url(base, page, chapter.row) if chapter.row is not None else ""
        for paragraph in chapter.paragraphs:
            paragraph.url = paragraph_url_of(base, page, paragraph)
    context = {
        "page": page,
        "self": page,
        "consultation": consultation,
        "consultation_url": http.page_url(request, consultation),
        "current_phase": consultation.current_phase,
        "chapters": chapters,
        "first_paragraph": next((c.paragraphs[0] for c in chapters if c.paragraphs), None),
        "version": selectors.latest_version(page),
        "versions_url": base + page.reverse_subpage("versions"),
        "comment_offer": comment_offer(
            permissions.can_comment_plan(user, page, consultation), consultation=consultation, next_url=base
        ),
        "state_offer": state_offer(
            user,
            lambda: permissions.can_state_plan(user, page, consultation),
            consultation=consultation,
            next_url=base,
        ),
        "show_state_offer": council_member(user),
    }
    return render(request, "consultation/plan/overview.html", context)


# --- Paragraph page --------------------------------------------------------------


def _get_paragraph(page: PlanDraftPage, key: str) -> PlanParagraph:
    paragraph = selectors.paragraph_by_key(page, key)
    if paragraph is None:
        raise Http404
    return paragraph


def _reported_ids(user, part: PlanParagraph | PlanChapter) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    on_part = {"comment__chapter" if isinstance(part, PlanChapter) else "comment__paragraph": part}
    return frozenset(ContentReport.objects.filter(reporter=user, **on_part).values_list("comment_id", flat=True))


def _amendment_diffs(paragraph: PlanParagraph, comments: list[Comment], versions: dict) -> dict[int, dict]:
    """For each amendment: its change against the current text and, if it was made on a version whose text of the
    paragraph differs, against that text too."""
    found = {}
    for comment in comments:
        if not comment.is_amendment or comment.is_deleted:
            continue
        entry = {"current": diff.word_diff(paragraph.text, comment.proposed_text)}
        number, old_text = versions.get(comment.version_id, (None, None))
        if old_text is not None and old_text != paragraph.text:
            entry.update(version_number=number, against_version=diff.word_diff(old_text, comment.proposed_text))
        found[comment.pk] = entry
    return found


def entries(user, part, comments: list[Comment], consultation, consultation_url) -> list[dict]:
    """What the page shows of each comment on a paragraph, or statement on a chapter (`part`): its answer, an
    amendment's changes, and what the viewer may do with it."""
    reported = _reported_ids(user, part)
    diffs = {}
    if isinstance(part, PlanParagraph):
        versions = selectors.paragraph_in_versions(
            part, {c.version_id for c in comments if c.is_amendment and c.version_id}
        )
        diffs = _amendment_diffs(part, comments, versions)
    return [
        {
            "comment": comment,
            "answer": selectors.answer_of(comment),
            "diff": diffs.get(comment.pk),
            "can_edit": bool(permissions.can_edit_comment(user, comment)),
            "can_delete": bool(permissions.can_delete_comment(user, comment)),
            "can_report": bool(permissions.can_report(user, comment, already_reported=comment.pk in reported)),
            "event_url": consultation_url + consultation.reverse_subpage("event_detail", args=[comment.event_id])
            if comment.event_id
            else "",
        }
        for comment in comments
    ]


def part_context(request, page: PlanDraftPage, part, url: str, *, can_state, statement_form, form_class) -> dict:
    """What a paragraph's and a chapter's page (`part`, at `url`) both show: the contributions the viewer may see
    with what they may do with them, the statements' links, and the statement form for council members
    (`can_state`: the predicate; `statement_form`: the bound form after a refused POST, else a new `form_class`)."""
    consultation = draft_consultation(page)
    user = request.user
    base = http.page_url(request, page)
    consultation_url = http.page_url(request, consultation)
    comments = selectors.visible_comments(part, viewer=user)
    found = entries(user, part, comments, consultation, consultation_url)
    offer = state_offer(user, lambda: can_state(user, part, consultation), consultation=consultation, next_url=url)
    if offer and statement_form is None:
        statement_form = form_class(prefix=STATEMENT_PREFIX)
    is_council = council_member(user)
    return {
        "page": page,
        "self": page,
        "consultation": consultation,
        "page_url": base,
        "consultation_url": consultation_url,
        "comment_base": base + "kommentare/",  # + "<id>/<action>/": PlanDraftPage.comment_action
        "comments": comments,
        "entries": found,
        "statements": public_statements(found),
        "state_offer": offer,
        "statement_form": statement_form,
        "show_state_offer": is_council,
        "district": user.council_district if is_council else None,
    }


def render_paragraph(
    request, page: PlanDraftPage, paragraph: PlanParagraph, *, comment_form=None, statement_form=None, status=200
):
    user = request.user
    base = http.page_url(request, page)
    paragraph_url = paragraph_url_of(base, page, paragraph)
    context = part_context(
        request,
        page,
        paragraph,
        paragraph_url,
        can_state=permissions.can_state_paragraph,
        statement_form=statement_form,
        form_class=StatementForm,
    )
    consultation = context["consultation"]
    shaping = {comment.pk for comment in selectors.shaping_comments(context["comments"])}
    previous, following = selectors.neighbours(paragraph)
    for neighbour in (previous, following):
        if neighbour is not None:
            neighbour.url = paragraph_url_of(base, page, neighbour)
    offer = comment_offer(
        permissions.can_comment_paragraph(user, paragraph, consultation),
        consultation=consultation,
        next_url=paragraph_url,
    )
    if offer and comment_form is None:
        comment_form = ParagraphCommentForm(user=user)
    chapter = None if paragraph.is_removed else selectors.chapter_of(paragraph)
    context.update(
        paragraph=paragraph,
        paragraph_url=paragraph_url,
        chapter=chapter,
        chapter_url=chapter_url(base, page, chapter) if chapter is not None else "",
        previous=previous,
        following=following,
        shaping=[e for e in context["entries"] if e["comment"].pk in shaping],
        comment_offer=offer,
        comment_form=comment_form,
    )
    return render(request, "consultation/plan/paragraph.html", context, status=status)


def public_statements(found: list[dict]) -> list[Comment]:
    """The published statements among the page's entries, for the links to them at the top."""
    return [
        e["comment"]
        for e in found
        if e["comment"].is_statement and e["comment"].state == CommentState.PUBLISHED and not e["comment"].is_deleted
    ]


def paragraph_detail(request, page: PlanDraftPage, key: str):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    return render_paragraph(request, page, _get_paragraph(page, key))


# --- Comment and statement -------------------------------------------------------


def thanks(comment: Comment) -> str:
    if comment.state == CommentState.PENDING:
        return _("Danke! Ihr Kommentar wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie ihn.")
    if comment.is_statement:
        return _("Die Stellungnahme Ihres Integrationsbeirats ist veröffentlicht.")
    if comment.is_amendment:
        return _("Ihr Kommentar mit Formulierungsvorschlag ist veröffentlicht.")
    return _("Ihr Kommentar ist veröffentlicht.")


def _contribute(request, page: PlanDraftPage, paragraph: PlanParagraph, *, as_statement: bool):
    user = request.user
    consultation = draft_consultation(page)
    paragraph_url = paragraph_url_of(http.page_url(request, page), page, paragraph)
    predicate = permissions.can_state_paragraph if as_statement else permissions.can_comment_paragraph
    decision = predicate(user, paragraph, consultation)
    if not decision:
        return http.refuse(request, decision, next_url=paragraph_url)
    form = (
        StatementForm(request.POST, prefix=STATEMENT_PREFIX)
        if as_statement
        else ParagraphCommentForm(request.POST, user=user)
    )
    form_kwargs = {"statement_form" if as_statement else "comment_form": form}
    if not form.is_valid():
        return render_paragraph(request, page, paragraph, status=400, **form_kwargs)
    saved = http.run_service(
        request,
        lambda: services.paragraph_comment_create(
            paragraph=paragraph,
            author=user,
            text=form.cleaned_data["text"],
            proposed_text=form.cleaned_data["proposed_text"],
            organisation=form.cleaned_data.get("organisation"),
            as_statement=as_statement,
            consultation=consultation,
        ),
        success=thanks,
        redirect_to=lambda comment: f"{paragraph_url}#kommentar-{comment.pk}",
        form=form,
    )
    if isinstance(saved, HttpResponseRedirect) and not as_statement:  # a statement speaks for a council, not a person
        invite_to_reach_questionnaire(request)
    return saved or render_paragraph(request, page, paragraph, status=400, **form_kwargs)


def _comment(request, page, paragraph):
    return _contribute(request, page, paragraph, as_statement=False)


def _statement(request, page, paragraph):
    return _contribute(request, page, paragraph, as_statement=True)


PARAGRAPH_ACTIONS = {"kommentieren": _comment, "stellungnahme": _statement}


def paragraph_action(request, page: PlanDraftPage, key: str, action: str):
    handler = PARAGRAPH_ACTIONS.get(action)
    if handler is None:
        raise Http404
    paragraph = _get_paragraph(page, key)
    if request.method != "POST":
        return http.not_allowed("POST")
    return handler(request, page, paragraph)


# --- Edit, delete, report a comment ----------------------------------------------


def comment_action(request, page: PlanDraftPage, comment_id: int, action: str):
    """Edit, delete or report a comment on one of the draft's paragraphs (or a statement on a chapter): the proposal
    comments' handlers, which go back to the paragraph's (chapter's) page."""
    handler = COMMENT_ACTIONS.get(action)
    if handler is None:
        raise Http404
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    comment = (
        Comment.objects.select_related("paragraph", "chapter", "author", "statement_district", "organisation")
        .filter(Q(paragraph__page=page) | Q(chapter__page=page), pk=comment_id)
        .first()
    )
    if comment is None or not permissions.can_view_comment(request.user, comment):
        raise Http404
    part = comment.draft_part
    part.page = page
    base = http.page_url(request, page)
    back_url = chapter_url(base, page, part) if comment.chapter_id else paragraph_url_of(base, page, part)
    return handler(request, page, comment, back_url)
