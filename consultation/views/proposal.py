"""The proposal page: the proposal, its comments and statements, its votes and what became of it."""

from django.shortcuts import render
from django.template.loader import render_to_string

from lip import http
from lip import permissions as lip_permissions

from .. import page_cache, permissions, registry, selectors
from ..forms import CommentForm
from ..models import Comment, CommentState, ConsultationPage, Proposal, ProposalState
from ..moderation import queue as moderation_queue
from ..permissions import Action
from .common import (
    SAFE_METHODS,
    Offer,
    base_context,
    get_proposal,
    make_offer,
    prepare_page,
    proposal_page_url,
    sub_url,
)

# --- Proposal page ---------------------------------------------------------------


def _comment_entry(
    user, comment: Comment, replies=(), *, proposal: Proposal | None = None, reported=frozenset()
) -> dict:
    if proposal is not None:
        comment.proposal = proposal  # the page's proposal: the predicates read it without a query per comment
    return {
        "comment": comment,
        "replies": list(replies),
        "can_edit": bool(permissions.can_edit_comment(user, comment)),
        "can_delete": bool(permissions.can_delete_comment(user, comment)),
        "can_report": proposal is not None
        and bool(permissions.can_report(user, comment, already_reported=comment.pk in reported)),
    }


def _published_response(proposal: Proposal):
    try:
        response = proposal.response
    except Proposal.response.RelatedObjectDoesNotExist:
        return None
    return response if response.is_published else None


def _outcome_sections(request, proposal: Proposal) -> list[str]:
    return [
        render_to_string(outcome.template, outcome.context, request=request)
        for outcome in registry.outcomes_for(proposal)
    ]


def render_detail(request, page: ConsultationPage, proposal: Proposal, *, comment_form=None, status: int = 200):
    proposal_url = proposal_page_url(request, page, proposal)
    context = base_context(
        page,
        proposal=proposal,
        proposal_url=proposal_url,
        list_url=sub_url(request, page, "proposal_list"),
        page_url=http.page_url(request, page),
    )
    if proposal.state == ProposalState.WITHDRAWN:  # the city's answer and the golden thread stay public
        context.update(response=_published_response(proposal), outcome_sections=_outcome_sections(request, proposal))
        return render(request, "consultation/proposal_withdrawn.html", context, status=status)

    user = request.user
    is_author = user.is_authenticated and proposal.author_id == user.pk
    is_moderator = lip_permissions.is_moderator(user)
    comment_offer = make_offer(
        permissions.can_comment(user, proposal), consultation=page, action=Action.COMMENT, next_url=proposal_url
    )
    reported_proposal, reported = moderation_queue.reports_by(user, proposal)
    threads = [
        _comment_entry(
            user,
            comment,
            (_comment_entry(user, reply, proposal=proposal, reported=reported) for reply in comment.reply_list),
            proposal=proposal,
            reported=reported,
        )
        for comment in selectors.comment_thread(proposal, viewer=user)
    ]
    if comment_offer:
        for thread in threads:
            if not thread["comment"].is_deleted:
                thread["reply_url"] = f"{proposal_url}?antwort={thread['comment'].pk}#kommentar-schreiben"
    statements = [
        entry["comment"]
        for thread in threads
        for entry in (thread, *thread["replies"])
        if entry["comment"].is_statement
        and not entry["comment"].is_deleted
        and entry["comment"].state == CommentState.PUBLISHED
    ]

    is_council = user.is_authenticated and user.has_perm("lip.state_for_council")
    state_offer = Offer(False)
    if is_council:
        state_offer = make_offer(
            permissions.can_state(user, proposal), consultation=page, action=Action.STATE, next_url=proposal_url
        )
    reply_to = None
    if comment_offer:
        if comment_form is None:
            comment_form = CommentForm(statement_district=user.council_district if state_offer else None)
            reply_id = request.GET.get("antwort", "")
            reply_to = next((t["comment"] for t in threads if str(t["comment"].pk) == reply_id), None)
            if reply_to is not None:
                comment_form.initial["parent"] = reply_to.pk
        else:
            parent_id = comment_form.data.get("parent", "")
            reply_to = next((t["comment"] for t in threads if str(t["comment"].pk) == parent_id), None)

    vote_state = selectors.vote_state(user, page)
    context.update(
        threads=threads,
        statements=statements,
        comment_offer=comment_offer,
        comment_form=comment_form,
        state_offer=state_offer,
        show_state_offer=is_council,
        reply_to=reply_to,
        vote_offer=make_offer(
            permissions.can_vote(user, proposal), consultation=page, action=Action.VOTE, next_url=proposal_url
        ),
        has_voted=proposal.pk in vote_state.voted_ids,
        vote_state=vote_state,
        show_edit=is_author or is_moderator,
        edit_offer=make_offer(
            permissions.can_edit_proposal(user, proposal), consultation=page, action=Action.EDIT, next_url=proposal_url
        )
        if is_author or is_moderator
        else Offer(False),
        withdraw_offer=permissions.can_withdraw_proposal(user, proposal) if is_author else Offer(False),
        response=_published_response(proposal),
        outcome_sections=_outcome_sections(request, proposal),
        is_hidden=proposal.state == ProposalState.HIDDEN,
        is_pending=proposal.state == ProposalState.PENDING,
        can_report=bool(permissions.can_report(user, proposal, already_reported=reported_proposal)),
        moderation_url=moderation_queue.admin_path(proposal) if is_moderator else "",
    )
    return render(request, "consultation/proposal_detail.html", context, status=status)


def proposal_detail(request, page: ConsultationPage, reference: str):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare_page(page)
    page_cache.proposal_page(request, page, reference)
    proposal = get_proposal(request, page, reference)
    return render_detail(request, page, proposal)
