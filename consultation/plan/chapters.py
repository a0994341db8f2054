"""The chapter's page of the plan draft: its title, its paragraphs (links with their counts), the district
integration councils' statements on the whole chapter with the administration's answers, and for council members
the statement form; its POST publishes a statement (`services.chapter_statement_create`).

The same rules as a statement on a paragraph (`permissions.can_state_chapter`); edit, delete and report of a chapter
statement go through the draft's `comment_action` like every comment on it.
"""

from django.http import Http404
from django.shortcuts import render

from lip import http

from .. import permissions
from ..models import PlanChapter, PlanDraftPage
from ..views.common import SAFE_METHODS
from . import selectors, services
from .forms import ChapterStatementForm
from .views import STATEMENT_PREFIX, chapter_url, draft_consultation, paragraph_url_of, part_context, thanks


def _get_chapter(page: PlanDraftPage, key: str) -> PlanChapter:
    chapter = selectors.chapter_by_key(page, key)
    if chapter is None:
        raise Http404
    return chapter


def render_chapter(request, page: PlanDraftPage, chapter: PlanChapter, *, statement_form=None, status=200):
    base = http.page_url(request, page)
    url = chapter_url(base, page, chapter)
    paragraphs = selectors.chapter_paragraphs(chapter)
    for paragraph in paragraphs:
        paragraph.url = paragraph_url_of(base, page, paragraph)
    context = part_context(
        request,
        page,
        chapter,
        url,
        can_state=permissions.can_state_chapter,
        statement_form=statement_form,
        form_class=ChapterStatementForm,
    )
    context.update(chapter=chapter, chapter_url=url, paragraphs=paragraphs)
    return render(request, "consultation/plan/chapter.html", context, status=status)


def chapter_detail(request, page: PlanDraftPage, key: str):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    return render_chapter(request, page, _get_chapter(page, key))


def chapter_statement(request, page: PlanDraftPage, key: str):
    chapter = _get_chapter(page, key)
    if request.method != "POST":
        return http.not_allowed("POST")
    user = request.user
    consultation = draft_consultation(page)
    url = chapter_url(http.page_url(request, page), page, chapter)
    decision = permissions.can_state_chapter(user, chapter, consultation)
    if not decision:
        return http.refuse(request, decision, next_url=url)
    form = ChapterStatementForm(request.POST, prefix=STATEMENT_PREFIX)
    if not form.is_valid():
        return render_chapter(request, page, chapter, statement_form=form, status=400)
    saved = http.run_service(
        request,
        lambda: services.chapter_statement_create(
            chapter=chapter, author=user, text=form.cleaned_data["text"], consultation=consultation
        ),
        success=thanks,
        redirect_to=lambda comment: f"{url}#kommentar-{comment.pk}",
        form=form,
    )
    return saved or render_chapter(request, page, chapter, statement_form=form, status=400)
