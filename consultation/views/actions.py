"""Actions on a proposal (vote, comment, report, attachment, edit, withdraw) and on a comment (edit, delete, report).

Data-changing actions take POST only (405 otherwise) and redirect back to the proposal (post/redirect/get). The
comment handlers (`COMMENT_ACTIONS`) also serve comments on a paragraph of the plan draft
(`consultation.plan.views.comment_action`): they take the address of the page that shows the comment.
"""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lip import http
from lip import permissions as lip_permissions
from lip.files import serve_private_file

from .. import permissions, selectors, services
from ..forms import CommentEditForm, CommentForm
from ..models import Comment, CommentState, ConsultationPage, Proposal, ProposalState
from ..moderation import services as moderation
from ..moderation.forms import ReportForm
from . import cards
from .common import (
    FORM_LOOKUPS,
    SAFE_METHODS,
    base_context,
    get_proposal,
    prepare_page,
    proposal_page_url,
    refusal,
    sub_url,
)
from .proposal import render_detail
from .submission import proposal_edit, proposal_withdraw

# --- Actions on a proposal -------------------------------------------------------


def _vote(request, page: ConsultationPage, proposal: Proposal, *, withdraw: bool = False):
    if request.method != "POST":
        return http.not_allowed("POST")
    proposal_url = proposal_page_url(request, page, proposal)
    back_url = cards.return_url(request, page, proposal)  # a vote from a list card goes back to that list
    decision = (permissions.can_withdraw_vote if withdraw else permissions.can_vote)(request.user, proposal)
    if not decision:
        return http.refuse(request, decision, next_url=back_url or proposal_url)
    if not permissions.can_view_proposal(request.user, proposal):  # a vote on a hidden proposal: back to the page
        proposal_url = http.page_url(request, page) + "#now-heading"
    try:
        if withdraw:
            services.vote_withdraw(proposal=proposal, user=request.user)
        else:
            services.vote_cast(proposal=proposal, user=request.user)
    except PermissionDenied as exc:
        return http.forbidden(request, str(exc))
    except ValidationError as exc:  # VoteRefused: a second vote, the budget used up, no vote to withdraw
        messages.error(request, " ".join(exc.messages))
        if back_url:
            return HttpResponseRedirect(back_url)
        return render_detail(request, page, selectors.proposal_by_reference(page, proposal.reference), status=409)
    if withdraw:
        messages.success(request, _("Sie haben Ihre Stimme zurückgezogen."))
    else:
        messages.success(request, _("Sie unterstützen diesen Vorschlag."))
    return HttpResponseRedirect(back_url or proposal_url + "#stimmen")


def _vote_cast(request, page, proposal):
    return _vote(request, page, proposal)


def _vote_withdraw(request, page, proposal):
    return _vote(request, page, proposal, withdraw=True)


def _comment_create(request, page: ConsultationPage, proposal: Proposal):
    if request.method != "POST":
        return http.not_allowed("POST")
    user = request.user
    proposal_url = proposal_page_url(request, page, proposal)
    decision = permissions.can_comment(user, proposal)
    if not decision:
        return http.refuse(request, decision, next_url=proposal_url)
    statement_district = user.council_district if permissions.can_state(user, proposal) else None
    form = CommentForm(request.POST, statement_district=statement_district)
    if not form.is_valid():
        return render_detail(request, page, proposal, comment_form=form, status=400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], proposal=proposal).first()
        if parent is None or (parent.state != CommentState.PUBLISHED and not lip_permissions.is_moderator(user)):
            form.add_error(None, _("Den Kommentar, auf den Sie antworten möchten, gibt es nicht."))
            return render_detail(request, page, proposal, comment_form=form, status=400)
    saved = http.run_service(
        request,
        lambda: services.comment_create(
            proposal=proposal,
            author=user,
            text=form.cleaned_data["text"],
            parent=parent,
            as_statement=form.cleaned_data["as_statement"],
        ),
        success=_comment_thanks,
        redirect_to=lambda comment: f"{proposal_url}#kommentar-{comment.pk}",
        form=form,
    )
    return saved or render_detail(request, page, proposal, comment_form=form, status=400)


def _comment_thanks(comment: Comment) -> str:
    if comment.state == CommentState.PENDING:
        return _("Danke! Ihr Kommentar wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie ihn.")
    if comment.is_statement:
        return _("Die Stellungnahme Ihres Integrationsbeirats ist veröffentlicht.")
    return _("Ihr Kommentar ist veröffentlicht.")


def _attachment(request, page: ConsultationPage, proposal: Proposal):
    """The attachment as a download. `proposal_action` has already asked whether the viewer may see the proposal
    (hidden and pending ones: only author and moderators); a withdrawn proposal's file is no longer public either."""
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    user = request.user
    if proposal.state == ProposalState.WITHDRAWN and not (
        user.is_authenticated and (proposal.author_id == user.pk or lip_permissions.is_moderator(user))
    ):
        raise Http404
    # Not cacheable by shared caches even while published: moderation may hide the proposal at any time.
    name = os.path.basename(proposal.attachment.name)
    return serve_private_file(request, proposal.attachment, filename=name)


# --- Reports ---------------------------------------------------------------------


def _report(request, page, item: Proposal | Comment, *, proposal: Proposal | None, back_url: str):
    """Report a proposal or a comment to the moderation. GET shows the form, POST files the report."""
    refused = refusal(request, permissions.can_report(request.user, item), next_url=back_url)
    if refused:
        return refused
    form, saved = http.submit_form(
        request,
        ReportForm,
        lambda form: moderation.report_create(
            reporter=request.user, item=item, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"]
        ),
        success=_("Danke für Ihre Meldung. Die Moderation sieht sich den Beitrag an."),
        redirect_to=lambda report: (
            sub_url(request, page, "proposal_list")  # the report hid the proposal: no longer public
            if report.proposal is not None and report.proposal.state == ProposalState.HIDDEN
            else back_url
        ),
    )
    if saved:
        return saved
    context = base_context(
        page,
        form=form,
        item=item,
        proposal=proposal,
        paragraph=item.paragraph if isinstance(item, Comment) else None,
        chapter=item.chapter if isinstance(item, Comment) else None,
        is_comment=isinstance(item, Comment),
        back_url=back_url,
    )
    return render(request, "consultation/report_form.html", context, status=http.form_status(form))


def _proposal_report(request, page: ConsultationPage, proposal: Proposal):
    return _report(request, page, proposal, proposal=proposal, back_url=proposal_page_url(request, page, proposal))


def _comment_report(request, page, comment: Comment, back_url: str):
    return _report(request, page, comment, proposal=comment.proposal, back_url=f"{back_url}#kommentar-{comment.pk}")


PROPOSAL_ACTIONS = {
    "melden": _proposal_report,
    "bearbeiten": proposal_edit,
    "zurueckziehen": proposal_withdraw,
    "stimme": _vote_cast,
    "stimme-zurueckziehen": _vote_withdraw,
    "kommentieren": _comment_create,
    "anhang": _attachment,
}


def proposal_action(request, page: ConsultationPage, reference: str, action: str):
    handler = PROPOSAL_ACTIONS.get(action)
    if handler is None:
        raise Http404
    prepare_page(page, *(FORM_LOOKUPS if action == "bearbeiten" else ()))
    if action == "stimme-zurueckziehen":
        proposal = _get_voted_proposal(request, page, reference)
    elif action == "stimme":
        proposal = _get_proposal_for_vote(request, page, reference)
    else:
        proposal = get_proposal(request, page, reference)
    return handler(request, page, proposal)


def _get_proposal_for_vote(request, page: ConsultationPage, reference: str) -> Proposal:
    """The proposal to vote for, read lean (a vote is the busiest write of the platform); 404 as on its page."""
    proposal = selectors.proposal_for_vote(page, reference)
    if proposal is None or not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


def _get_voted_proposal(request, page: ConsultationPage, reference: str) -> Proposal:
    """The proposal, if the viewer may see it or has a vote on it (a vote on a hidden proposal can be taken back)."""
    proposal = selectors.proposal_for_vote(page, reference)
    if proposal is None:
        raise Http404
    if not permissions.can_view_proposal(request.user, proposal) and not (
        request.user.is_authenticated and proposal.votes.filter(user=request.user).exists()
    ):
        raise Http404
    proposal.consultation = page
    return proposal


# --- Actions on a comment --------------------------------------------------------


def _comment_context(page, comment: Comment, back_url: str, **extra) -> dict:
    """What the edit and delete pages show of the comment's target: its proposal or its paragraph of the draft."""
    return base_context(
        page,
        comment=comment,
        proposal=comment.proposal,
        paragraph=comment.paragraph,
        chapter=comment.chapter,
        proposal_url=back_url,
        **extra,
    )


def _comment_edit(request, page, comment: Comment, back_url: str):
    decision = permissions.can_edit_comment(request.user, comment)
    if not decision:
        return http.refuse(request, decision, next_url=back_url)
    form, saved = http.submit_form(
        request,
        CommentEditForm,
        lambda form: services.comment_update(comment=comment, user=request.user, text=form.cleaned_data["text"]),
        success=_("Ihr Kommentar ist geändert."),
        redirect_to=f"{back_url}#kommentar-{comment.pk}",
        initial={"text": comment.text},
    )
    if saved:
        return saved
    context = _comment_context(page, comment, back_url, form=form)
    return render(request, "consultation/comment_edit.html", context, status=http.form_status(form))


def _comment_delete(request, page, comment: Comment, back_url: str):
    decision = permissions.can_delete_comment(request.user, comment)
    if not decision:
        return http.refuse(request, decision, next_url=back_url)
    if request.method == "POST":
        return http.run_service(
            request,
            lambda: services.comment_delete(comment=comment, user=request.user),
            success=_("Der Kommentar ist gelöscht."),
            redirect_to=f"{back_url}#kommentar-{comment.pk}",
        )
    context = _comment_context(page, comment, back_url)
    return render(request, "consultation/comment_delete.html", context)


COMMENT_ACTIONS = {"bearbeiten": _comment_edit, "loeschen": _comment_delete, "melden": _comment_report}


def comment_action(request, page: ConsultationPage, comment_id: int, action: str):
    """Edit, delete or report a comment on one of the consultation's proposals."""
    handler = COMMENT_ACTIONS.get(action)
    if handler is None:
        raise Http404
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    prepare_page(page)
    comment = (
        Comment.objects.select_related("proposal", "author", "statement_district")
        .filter(pk=comment_id, proposal__consultation=page)
        .first()
    )
    user = request.user
    if comment is None or not permissions.can_view_proposal(user, comment.proposal):
        raise Http404
    if comment.state != CommentState.PUBLISHED and not (
        lip_permissions.is_moderator(user) or (user.is_authenticated and comment.author_id == user.pk)
    ):
        raise Http404
    comment.proposal.consultation = page
    return handler(request, page, comment, proposal_page_url(request, page, comment.proposal))
