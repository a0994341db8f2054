"""Submitting, editing and withdrawing one's own proposal."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
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
    sub_url,
)

REACH_INVITATION = "consultation/includes/reach_invitation.html"

# --- Submitting and editing ------------------------------------------------------


def invite_to_reach_questionnaire(request) -> None:
    """After a contribution, a message below the thanks offers the voluntary questions about the person ("Wer macht
    mit?" of monitoring, reached by its URL name only). The text and the link are in the template; the message is the
    rendered, escaped HTML (messages keep it marked safe)."""
    messages.info(request, render_to_string(REACH_INVITATION))  # needs no context processor: no queries


def _render_form(request, page: ConsultationPage, form: ProposalForm, status: int, **extra):
    """Render the proposal form (submit or edit) with the given HTTP status."""
    context = base_context(page, form=form, page_url=http.page_url(request, page), **extra)
    return render(request, "consultation/proposal_form.html", context, status=status)


def _thanks(proposal: Proposal) -> str:
    if proposal.state == ProposalState.PENDING:
        thanks = _(
            "Vielen Dank! Ihr Vorschlag wartet auf Freigabe durch die Moderation; bis dahin sehen nur Sie "
            "ihn. Seine Nummer ist %(reference)s."
        )
    else:
        thanks = _("Vielen Dank! Ihr Vorschlag ist veröffentlicht. Seine Nummer ist %(reference)s.")
    return thanks % {"reference": proposal.reference}


def proposal_create(request, page: ConsultationPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    prepare_page(page, *FORM_LOOKUPS)
    create_url = sub_url(request, page, "proposal_create")
    decision = permissions.can_submit(request.user, page)
    if not decision:
        return http.refuse(request, decision, next_url=create_url)
    form, saved = http.submit_form(
        request,
        ProposalForm,
        lambda form: services.proposal_submit(consultation=page, author=request.user, data=form.service_data()),
        success=_thanks,
        redirect_to=lambda proposal: proposal_page_url(request, page, proposal),
        consultation=page,
        user=request.user,
    )
    if isinstance(saved, HttpResponseRedirect):
        invite_to_reach_questionnaire(request)
    return saved or _render_form(request, page, form, http.form_status(form), proposal=None)


def proposal_edit(request, page: ConsultationPage, proposal: Proposal):
    proposal_url = proposal_page_url(request, page, proposal)
    refused = refusal(request, permissions.can_edit_proposal(request.user, proposal), next_url=proposal_url)
    if refused:
        return refused
    form, saved = http.submit_form(
        request,
        ProposalForm,
        lambda form: services.proposal_update(proposal=proposal, user=request.user, data=form.service_data()),
        success=_("Ihre Änderungen sind gespeichert."),
        redirect_to=proposal_url,
        consultation=page,
        user=request.user,
        proposal=proposal,
    )
    status = http.form_status(form)
    return saved or _render_form(request, page, form, status, proposal=proposal, proposal_url=proposal_url)


def proposal_withdraw(request, page: ConsultationPage, proposal: Proposal):
    proposal_url = proposal_page_url(request, page, proposal)
    refused = refusal(request, permissions.can_withdraw_proposal(request.user, proposal), next_url=proposal_url)
    if refused:
        return refused
    if request.method == "POST":
        return http.run_service(
            request,
            lambda: services.proposal_withdraw(proposal=proposal, user=request.user),
            success=_("Ihr Vorschlag ist zurückgezogen."),
            redirect_to=proposal_url,
        )
    context = base_context(page, proposal=proposal, proposal_url=proposal_url)
    return render(request, "consultation/proposal_withdraw.html", context)
