"""Submitting, editing and withdrawing one's own proposal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lip import http

from .. import permissions, services
from ..forms import ProposalForm
from ..models import ConsultationPage, Proposal, ProposalState
from .common import (
    FORM_LOOKUPS,
    SAFE_METHODS,
    base_context,
    prepare_page,
    proposal_page_url,
    refusal,
    run_service,
    sub_url,
)

# --- Submitting and editing ------------------------------------------------------


def _render_form(request, page: ConsultationPage, form: ProposalForm, status: int, **extra):
    """Render the proposal form (submit or edit) with the given HTTP status."""
    context = base_context(page, form=form, page_url=http.page_url(request, page), **extra)
    return render(request, "consultation/proposal_form.html", context, status=status)


def proposal_create(request, page: ConsultationPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    prepare_page(page, *FORM_LOOKUPS)
    create_url = sub_url(request, page, "proposal_create")
    decision = permissions.can_submit(request.user, page)
    if not decision:
        return http.refuse(request, decision, next_url=create_url)
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, consultation=page, user=request.user)
        if form.is_valid():
            try:
                proposal = services.proposal_submit(consultation=page, author=request.user, data=form.service_data())
            except PermissionDenied as exc:
                return http.forbidden(request, str(exc))
            except ValidationError as exc:
                http.apply_errors(form, exc)
            else:
                if proposal.state == ProposalState.PENDING:
                    thanks = _(
                        "Vielen Dank! Ihr Vorschlag wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie "
                        "ihn. Seine Nummer ist %(reference)s."
                    )
                else:
                    thanks = _("Vielen Dank! Ihr Vorschlag ist veröffentlicht. Seine Nummer ist %(reference)s.")
                messages.success(request, thanks % {"reference": proposal.reference})
                return HttpResponseRedirect(proposal_page_url(request, page, proposal))
        status = 400
    else:
        form = ProposalForm(consultation=page, user=request.user)
    return _render_form(request, page, form, status, proposal=None)


def proposal_edit(request, page: ConsultationPage, proposal: Proposal):
    proposal_url = proposal_page_url(request, page, proposal)
    refused = refusal(request, permissions.can_edit_proposal(request.user, proposal), next_url=proposal_url)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, consultation=page, user=request.user, proposal=proposal)
        if form.is_valid():
            saved = run_service(
                request,
                lambda: services.proposal_update(proposal=proposal, user=request.user, data=form.service_data()),
                success=_("Ihre Änderungen sind gespeichert."),
                redirect_to=proposal_url,
                form=form,
            )
            if saved:
                return saved
        status = 400
    else:
        form = ProposalForm(consultation=page, user=request.user, proposal=proposal)
    return _render_form(request, page, form, status, proposal=proposal, proposal_url=proposal_url)


def proposal_withdraw(request, page: ConsultationPage, proposal: Proposal):
    proposal_url = proposal_page_url(request, page, proposal)
    refused = refusal(request, permissions.can_withdraw_proposal(request.user, proposal), next_url=proposal_url)
    if refused:
        return refused
    if request.method == "POST":
        return run_service(
            request,
            lambda: services.proposal_withdraw(proposal=proposal, user=request.user),
            success=_("Ihr Vorschlag ist zurückgezogen."),
            redirect_to=proposal_url,
        )
    context = base_context(page, proposal=proposal, proposal_url=proposal_url)
    return render(request, "consultation/proposal_withdraw.html", context)
