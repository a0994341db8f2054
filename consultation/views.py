"""Public views of a consultation. Reached through ConsultationPage's routes (RoutablePageMixin).

Every view asks the predicates in `permissions` (the same ones the templates show), lets the services write, and
answers refusals the same way: anonymous people are sent to log in and back, everyone else gets 403 with the reason.
Data-changing actions take POST only (405 otherwise) and redirect back to the proposal (post/redirect/get).
"""

import os
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lip import http
from lip import permissions as lip_permissions
from lip.files import serve_private_file

from . import moderation, permissions, registry, selectors, services
from .filters import ProposalFilterSet
from .forms import CommentEditForm, CommentForm, ProposalForm
from .models import AnalogTally, Comment, CommentState, ConsultationPage, Event, Phase, Proposal, ProposalState
from .moderation_forms import ReportForm
from .permissions import Action

PAGE_SIZE = 20
SEED_SESSION_KEY = "consultation_sort_seed"
SEED_MODULUS = 1_000_003  # prime, the modulus of selectors.order_proposals' permutation
LATEST_COUNT = 5
SAFE_METHODS = ("GET", "HEAD")
_page_url = http.page_url
_login_url = http.login_url
_forbidden = http.forbidden
_refuse = http.refuse
_not_allowed = http.not_allowed


# --- Helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """What a page shows for one action: the way to do it, or why not (and where to sign in, if that helps)."""

    allowed: bool
    reason: str = ""
    login_url: str = ""

    def __bool__(self) -> bool:
        return self.allowed


FORM_LOOKUPS = ("topics", "districts", "suggested_tags")


def _prepare(page: ConsultationPage, *lookups: str) -> ConsultationPage:
    """Load the page's phases (and the other relations named) once, so that predicates and templates work in memory."""
    if page.pk is None or getattr(page, "_cluster_related_objects", None):
        return page  # a preview with unsaved children: the in-memory state is what counts
    prefetch_related_objects([page], Prefetch("phases", queryset=Phase.objects.order_by("start")), *lookups)
    return page




def _sub_url(request, page: ConsultationPage, name: str, *args) -> str:
    return _page_url(request, page) + page.reverse_subpage(name, args=args)


def _proposal_url(request, page: ConsultationPage, proposal: Proposal) -> str:
    return _sub_url(request, page, "proposal_detail", proposal.reference)










def _offer(decision: permissions.Decision, *, consultation: ConsultationPage, action: Action, next_url: str) -> Offer:
    """Turn a Decision into what the page shows. For anonymous visitors the phase comes first: signing in does not
    help when the phase does not allow the action yet."""
    if decision:
        return Offer(True)
    if decision.needs_login:
        phase = permissions.phase_decision(consultation, action)
        if not phase:
            return Offer(False, phase.reason)
        return Offer(False, decision.reason, login_url=_login_url(next_url))
    return Offer(False, decision.reason)


_apply_errors = http.apply_errors


def _get_proposal(request, page: ConsultationPage, reference: str) -> Proposal:
    """The proposal of this consultation with this reference, if the viewer may see it; 404 otherwise."""
    proposal = selectors.proposal_by_reference(page, reference)
    if proposal is None or not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    proposal.consultation = page  # the page with its phases already loaded
    return proposal


def _sort_seed(request) -> int:
    """The visitor's seed for the random order, made once and kept in the session so that paging is stable."""
    seed = request.session.get(SEED_SESSION_KEY)
    if not isinstance(seed, int) or not 0 < seed < SEED_MODULUS:
        seed = secrets.randbelow(SEED_MODULUS - 1) + 1
        request.session[SEED_SESSION_KEY] = seed
    return seed


def _base_context(page: ConsultationPage, **extra) -> dict:
    return {"page": page, "self": page, **extra}


def _submit_offer(request, page: ConsultationPage) -> Offer:
    create_url = _sub_url(request, page, "proposal_create")
    return _offer(permissions.can_submit(request.user, page), consultation=page, action=Action.SUBMIT, next_url=create_url)


# --- Consultation page -----------------------------------------------------------


def consultation_overview(request, page: ConsultationPage):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    _prepare(page, "topics", "districts")
    user = request.user
    now = timezone.now()
    phases = page.phase_list()
    current = page.phase_at(now)
    timeline = [
        {"phase": phase, "state": "current" if phase is current else ("past" if phase.end <= now else "future")}
        for phase in phases
    ]
    list_url = _sub_url(request, page, "proposal_list")
    create_url = _sub_url(request, page, "proposal_create")
    page_url = _page_url(request, page)
    actions = [
        {"label": _("Vorschlag einreichen"), "url": create_url, "offer": _submit_offer(request, page)},
        {
            "label": _("Vorschläge kommentieren"),
            "url": list_url,
            "offer": _offer(permissions.can_comment_in(user, page), consultation=page, action=Action.COMMENT, next_url=page_url),
        },
        {
            "label": _("Vorschläge unterstützen"),
            "url": list_url,
            "offer": _offer(permissions.can_vote_in(user, page), consultation=page, action=Action.VOTE, next_url=page_url),
        },
    ]
    if user.is_authenticated and user.has_perm("lip.state_for_council"):
        actions.append(
            {
                "label": _("Stellungnahmen Ihres Integrationsbeirats veröffentlichen"),
                "url": list_url,
                "offer": _offer(permissions.can_state_in(user, page), consultation=page, action=Action.STATE, next_url=page_url),
            }
        )
    saved = page.pk is not None
    context = _base_context(
        page,
        timeline=timeline,
        current_phase=current,
        actions=actions,
        figures=selectors.consultation_figures(page) if saved else None,
        latest_proposals=list(selectors.visible_proposals(page).order_by("-created_at", "-id")[:LATEST_COUNT])
        if saved
        else [],
        events=list(selectors.events_for(page)) if saved else [],
        vote_state=selectors.vote_state(user, page) if saved and page.vote_budget and user.is_authenticated else None,
        list_url=list_url,
        topics=list(page.topics.all()),
        districts=list(page.districts.all()),
    )
    return render(request, "consultation/consultation_page.html", context)


# --- Proposal list ---------------------------------------------------------------


def proposal_list(request, page: ConsultationPage):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    _prepare(page)
    seed = _sort_seed(request) if request.GET.get("sort") == "random" else 1
    filterset = ProposalFilterSet(request.GET, queryset=selectors.visible_proposals(page), seed=seed, request=request)
    filterset.form.label_suffix = ""
    page_obj = None
    status = 200
    if filterset.is_valid():
        page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        status = 400  # forged or impossible filter values: say which, list nothing
    context = _base_context(
        page,
        filter=filterset,
        page_obj=page_obj,
        proposals=page_obj.object_list if page_obj else [],
        is_filtered=any(value for key, value in request.GET.items() if key not in ("page", "sort")),
        submit_offer=_submit_offer(request, page),
        create_url=_sub_url(request, page, "proposal_create"),
        list_url=_sub_url(request, page, "proposal_list"),
        page_url=_page_url(request, page),
    )
    return render(request, "consultation/proposal_list.html", context, status=status)


# --- Submitting and editing ------------------------------------------------------


def proposal_create(request, page: ConsultationPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    _prepare(page, *FORM_LOOKUPS)
    create_url = _sub_url(request, page, "proposal_create")
    decision = permissions.can_submit(request.user, page)
    if not decision:
        return _refuse(request, decision, next_url=create_url)
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, consultation=page, user=request.user)
        if form.is_valid():
            try:
                proposal = services.proposal_submit(consultation=page, author=request.user, data=form.service_data())
            except PermissionDenied as exc:
                return _forbidden(request, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if proposal.state == ProposalState.PENDING:
                    thanks = _(
                        "Vielen Dank! Ihr Vorschlag wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie "
                        "ihn. Seine Nummer ist %(reference)s."
                    )
                else:
                    thanks = _("Vielen Dank! Ihr Vorschlag ist veröffentlicht. Seine Nummer ist %(reference)s.")
                messages.success(request, thanks % {"reference": proposal.reference})
                return HttpResponseRedirect(_proposal_url(request, page, proposal))
        status = 400
    else:
        form = ProposalForm(consultation=page, user=request.user)
    context = _base_context(page, form=form, proposal=None, page_url=_page_url(request, page))
    return render(request, "consultation/proposal_form.html", context, status=status)


def _proposal_edit(request, page: ConsultationPage, proposal: Proposal):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    proposal_url = _proposal_url(request, page, proposal)
    decision = permissions.can_edit_proposal(request.user, proposal)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, consultation=page, user=request.user, proposal=proposal)
        if form.is_valid():
            try:
                services.proposal_update(proposal=proposal, user=request.user, data=form.service_data())
            except PermissionDenied as exc:
                return _forbidden(request, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Ihre Änderungen sind gespeichert."))
                return HttpResponseRedirect(proposal_url)
        status = 400
    else:
        form = ProposalForm(consultation=page, user=request.user, proposal=proposal)
    context = _base_context(
        page, form=form, proposal=proposal, proposal_url=proposal_url, page_url=_page_url(request, page)
    )
    return render(request, "consultation/proposal_form.html", context, status=status)


def _proposal_withdraw(request, page: ConsultationPage, proposal: Proposal):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    proposal_url = _proposal_url(request, page, proposal)
    decision = permissions.can_withdraw_proposal(request.user, proposal)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    if request.method == "POST":
        try:
            services.proposal_withdraw(proposal=proposal, user=request.user)
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        messages.success(request, _("Ihr Vorschlag ist zurückgezogen."))
        return HttpResponseRedirect(proposal_url)
    context = _base_context(page, proposal=proposal, proposal_url=proposal_url)
    return render(request, "consultation/proposal_withdraw.html", context)


# --- Proposal page ---------------------------------------------------------------


def _comment_entry(user, comment: Comment, replies=(), *, proposal: Proposal | None = None, reported=frozenset()) -> dict:
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
        render_to_string(outcome.template, outcome.context, request=request) for outcome in registry.outcomes_for(proposal)
    ]


def _render_detail(request, page: ConsultationPage, proposal: Proposal, *, comment_form=None, status: int = 200):
    proposal_url = _proposal_url(request, page, proposal)
    context = _base_context(
        page,
        proposal=proposal,
        proposal_url=proposal_url,
        list_url=_sub_url(request, page, "proposal_list"),
        page_url=_page_url(request, page),
    )
    if proposal.state == ProposalState.WITHDRAWN:  # the city's answer and the golden thread stay public
        context.update(response=_published_response(proposal), outcome_sections=_outcome_sections(request, proposal))
        return render(request, "consultation/proposal_withdrawn.html", context, status=status)

    user = request.user
    is_author = user.is_authenticated and proposal.author_id == user.pk
    is_moderator = lip_permissions.is_moderator(user)
    comment_offer = _offer(
        permissions.can_comment(user, proposal), consultation=page, action=Action.COMMENT, next_url=proposal_url
    )
    reported_proposal, reported = moderation.reports_by(user, proposal)
    threads = [
        _comment_entry(
            user,
            comment,
            (_comment_entry(user, reply, proposal=proposal, reported=reported) for reply in comment.replies.all()),
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
        state_offer = _offer(
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
        vote_offer=_offer(permissions.can_vote(user, proposal), consultation=page, action=Action.VOTE, next_url=proposal_url),
        has_voted=proposal.pk in vote_state.voted_ids,
        vote_state=vote_state,
        show_edit=is_author or is_moderator,
        edit_offer=_offer(permissions.can_edit_proposal(user, proposal), consultation=page, action=Action.EDIT, next_url=proposal_url)
        if is_author or is_moderator
        else Offer(False),
        withdraw_offer=permissions.can_withdraw_proposal(user, proposal) if is_author else Offer(False),
        response=_published_response(proposal),
        outcome_sections=_outcome_sections(request, proposal),
        is_hidden=proposal.state == ProposalState.HIDDEN,
        is_pending=proposal.state == ProposalState.PENDING,
        can_report=bool(permissions.can_report(user, proposal, already_reported=reported_proposal)),
        moderation_url=moderation.admin_path(proposal) if is_moderator else "",
    )
    return render(request, "consultation/proposal_detail.html", context, status=status)


def proposal_detail(request, page: ConsultationPage, reference: str):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    _prepare(page)
    proposal = _get_proposal(request, page, reference)
    return _render_detail(request, page, proposal)


# --- Actions on a proposal -------------------------------------------------------


def _vote(request, page: ConsultationPage, proposal: Proposal, *, withdraw: bool = False):
    if request.method != "POST":
        return _not_allowed("POST")
    proposal_url = _proposal_url(request, page, proposal)
    decision = (permissions.can_withdraw_vote if withdraw else permissions.can_vote)(request.user, proposal)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    if not permissions.can_view_proposal(request.user, proposal):  # a vote on a hidden proposal: back to the page
        proposal_url = _page_url(request, page) + "#now-heading"
    try:
        if withdraw:
            services.vote_withdraw(proposal=proposal, user=request.user)
        else:
            services.vote_cast(proposal=proposal, user=request.user)
    except PermissionDenied as exc:
        return _forbidden(request, str(exc))
    except ValidationError as exc:  # VoteRefused: a second vote, the budget used up, no vote to withdraw
        messages.error(request, " ".join(exc.messages))
        return _render_detail(request, page, proposal, status=409)
    if withdraw:
        messages.success(request, _("Sie haben Ihre Stimme zurückgezogen."))
    else:
        messages.success(request, _("Sie unterstützen diesen Vorschlag."))
    return HttpResponseRedirect(proposal_url + "#stimmen")


def _vote_cast(request, page, proposal):
    return _vote(request, page, proposal)


def _vote_withdraw(request, page, proposal):
    return _vote(request, page, proposal, withdraw=True)


def _comment_create(request, page: ConsultationPage, proposal: Proposal):
    if request.method != "POST":
        return _not_allowed("POST")
    user = request.user
    proposal_url = _proposal_url(request, page, proposal)
    decision = permissions.can_comment(user, proposal)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    statement_district = user.council_district if permissions.can_state(user, proposal) else None
    form = CommentForm(request.POST, statement_district=statement_district)
    if not form.is_valid():
        return _render_detail(request, page, proposal, comment_form=form, status=400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], proposal=proposal).first()
        if parent is None or (parent.state != CommentState.PUBLISHED and not lip_permissions.is_moderator(user)):
            form.add_error(None, _("Den Kommentar, auf den Sie antworten möchten, gibt es nicht."))
            return _render_detail(request, page, proposal, comment_form=form, status=400)
    try:
        comment = services.comment_create(
            proposal=proposal,
            author=user,
            text=form.cleaned_data["text"],
            parent=parent,
            as_statement=form.cleaned_data["as_statement"],
        )
    except PermissionDenied as exc:
        return _forbidden(request, str(exc))
    except ValidationError as exc:
        _apply_errors(form, exc)
        return _render_detail(request, page, proposal, comment_form=form, status=400)
    if comment.state == CommentState.PENDING:
        messages.success(request, _("Danke! Ihr Kommentar wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie ihn."))
    elif comment.is_statement:
        messages.success(request, _("Die Stellungnahme Ihres Integrationsbeirats ist veröffentlicht."))
    else:
        messages.success(request, _("Ihr Kommentar ist veröffentlicht."))
    return HttpResponseRedirect(f"{proposal_url}#kommentar-{comment.pk}")


def _attachment(request, page: ConsultationPage, proposal: Proposal):
    """The attachment as a download. `proposal_action` has already asked whether the viewer may see the proposal
    (hidden and pending ones: only author and moderators); a withdrawn proposal's file is no longer public either."""
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    user = request.user
    if proposal.state == ProposalState.WITHDRAWN and not (
        user.is_authenticated and (proposal.author_id == user.pk or lip_permissions.is_moderator(user))
    ):
        raise Http404
    # Not cacheable by shared caches even while published: moderation may hide the proposal at any time.
    name = os.path.basename(proposal.attachment.name)
    return serve_private_file(request, proposal.attachment, filename=name)


# --- Reports ---------------------------------------------------------------------


def _report(request, page: ConsultationPage, item: Proposal | Comment, *, proposal: Proposal, back_url: str):
    """Report a proposal or a comment to the moderation. GET shows the form, POST files the report."""
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    decision = permissions.can_report(request.user, item)
    if not decision:
        return _refuse(request, decision, next_url=back_url)
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                report = moderation.report_create(
                    reporter=request.user, item=item, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"]
                )
            except PermissionDenied as exc:
                return _forbidden(request, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Danke für Ihre Meldung. Die Moderation sieht sich den Beitrag an."))
                if report.proposal is not None and report.proposal.state == ProposalState.HIDDEN:
                    return HttpResponseRedirect(_sub_url(request, page, "proposal_list"))  # no longer public
                return HttpResponseRedirect(back_url)
        status = 400
    else:
        form = ReportForm()
    context = _base_context(
        page, form=form, item=item, proposal=proposal, is_comment=isinstance(item, Comment), back_url=back_url
    )
    return render(request, "consultation/report_form.html", context, status=status)


def _proposal_report(request, page: ConsultationPage, proposal: Proposal):
    return _report(request, page, proposal, proposal=proposal, back_url=_proposal_url(request, page, proposal))


def _comment_report(request, page: ConsultationPage, comment: Comment, proposal_url: str):
    return _report(request, page, comment, proposal=comment.proposal, back_url=f"{proposal_url}#kommentar-{comment.pk}")


PROPOSAL_ACTIONS = {
    "melden": _proposal_report,
    "bearbeiten": _proposal_edit,
    "zurueckziehen": _proposal_withdraw,
    "stimme": _vote_cast,
    "stimme-zurueckziehen": _vote_withdraw,
    "kommentieren": _comment_create,
    "anhang": _attachment,
}


def proposal_action(request, page: ConsultationPage, reference: str, action: str):
    handler = PROPOSAL_ACTIONS.get(action)
    if handler is None:
        raise Http404
    _prepare(page, *(FORM_LOOKUPS if action == "bearbeiten" else ()))
    if action == "stimme-zurueckziehen":
        proposal = _get_voted_proposal(request, page, reference)
    else:
        proposal = _get_proposal(request, page, reference)
    return handler(request, page, proposal)


def _get_voted_proposal(request, page: ConsultationPage, reference: str) -> Proposal:
    """The proposal, if the viewer may see it or has a vote on it (a vote on a hidden proposal can be taken back)."""
    proposal = selectors.proposal_by_reference(page, reference)
    if proposal is None:
        raise Http404
    if not permissions.can_view_proposal(request.user, proposal) and not (
        request.user.is_authenticated and proposal.votes.filter(user=request.user).exists()
    ):
        raise Http404
    proposal.consultation = page
    return proposal


# --- Actions on a comment --------------------------------------------------------


def _comment_edit(request, page: ConsultationPage, comment: Comment, proposal_url: str):
    decision = permissions.can_edit_comment(request.user, comment)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    status = 200
    if request.method == "POST":
        form = CommentEditForm(request.POST)
        if form.is_valid():
            try:
                services.comment_update(comment=comment, user=request.user, text=form.cleaned_data["text"])
            except PermissionDenied as exc:
                return _forbidden(request, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Ihr Kommentar ist geändert."))
                return HttpResponseRedirect(f"{proposal_url}#kommentar-{comment.pk}")
        status = 400
    else:
        form = CommentEditForm(initial={"text": comment.text})
    context = _base_context(page, form=form, comment=comment, proposal=comment.proposal, proposal_url=proposal_url)
    return render(request, "consultation/comment_edit.html", context, status=status)


def _comment_delete(request, page: ConsultationPage, comment: Comment, proposal_url: str):
    decision = permissions.can_delete_comment(request.user, comment)
    if not decision:
        return _refuse(request, decision, next_url=proposal_url)
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, user=request.user)
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        messages.success(request, _("Der Kommentar ist gelöscht."))
        return HttpResponseRedirect(f"{proposal_url}#kommentar-{comment.pk}")
    context = _base_context(page, comment=comment, proposal=comment.proposal, proposal_url=proposal_url)
    return render(request, "consultation/comment_delete.html", context)


COMMENT_ACTIONS = {"bearbeiten": _comment_edit, "loeschen": _comment_delete, "melden": _comment_report}


def comment_action(request, page: ConsultationPage, comment_id: int, action: str):
    handler = COMMENT_ACTIONS.get(action)
    if handler is None:
        raise Http404
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    _prepare(page)
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
    return handler(request, page, comment, _proposal_url(request, page, comment.proposal))


# --- Events ----------------------------------------------------------------------


def event_minutes(request, page: ConsultationPage, event_id: int):
    """The event's minutes (PDF). Events are public wherever their consultation page is (Wagtail has already checked
    the page's own view restrictions before routing here)."""
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    event = Event.objects.filter(pk=event_id, consultation=page).first()
    if event is None or not event.minutes_file:
        raise Http404
    return serve_private_file(request, event.minutes_file, filename=os.path.basename(event.minutes_file.name))


def event_detail(request, page: ConsultationPage, event_id: int):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    _prepare(page)
    event = selectors.events_for(page).filter(pk=event_id).first()
    if event is None:
        raise Http404
    proposals = selectors.visible_proposals(page).filter(event=event).order_by("-created_at", "-id")
    page_obj = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    dot_votes = AnalogTally.objects.filter(
        event=event, proposal__state=ProposalState.PUBLISHED
    ).aggregate(total=Sum("count"))["total"]
    context = _base_context(
        page,
        event=event,
        page_obj=page_obj,
        proposals=page_obj.object_list,
        dot_votes=dot_votes or 0,
        page_url=_page_url(request, page),
    )
    return render(request, "consultation/event_detail.html", context)

