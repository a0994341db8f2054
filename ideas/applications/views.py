"""The applicant's pages: writing an application, "Meine Anträge", one application with its steps, files and
progress reports (also read by the fund's staff)."""

import os
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lip import http
from lip.files import serve_private_file

from .. import permissions
from ..competitions.selectors import linkable_proposals, open_competitions, search_linkable_proposals
from ..models import Application, ApplicationState, CompetitionPage
from ..view_support import (
    SAFE_METHODS,
    application_url,
    guarded_application,
    login_redirect,
    prepare,
    readable_application,
    sub_url,
)
from . import proposal_links, selectors, services
from .forms import ApplicationForm, ProgressReportForm, ProposalSearchForm, cost_item_formset
from .requirements import application_requirements

PAGE_SIZE = 20


def _render_form(request, page, form, formset, *, application=None, status=200, search=False):
    context = {
        "page": page,
        "self": page,
        "form": form,
        "formset": formset,
        "proposal_options": form.proposal_options(search=search) if form.has_consultations else [],
        "search_button": proposal_links.SEARCH_BUTTON,
        "application": application,
        "page_url": http.page_url(request, page),
        "cancel_url": application_url(application) if application else http.page_url(request, page),
    }
    return render(request, "ideas/application_form.html", context, status=status)


def _application_form(request, page: CompetitionPage, application: Application | None = None):
    """The application form, empty or with the draft: GET shows it, POST stores it through the service."""
    if request.method != "POST":
        form = ApplicationForm(competition=page, user=request.user, application=application)
        return _render_form(request, page, form, cost_item_formset(application=application), application=application)
    if proposal_links.SEARCH_BUTTON in request.POST:  # "Vorschläge suchen": the same input again, with matches
        options = {"competition": page, "user": request.user, "application": application}
        form = proposal_links.form_for_search(ApplicationForm, request.POST, **options)
        formset = cost_item_formset(initial=proposal_links.formset_rows(cost_item_formset, request.POST))
        return _render_form(request, page, form, formset, application=application, search=True)
    form = ApplicationForm(request.POST, request.FILES, competition=page, user=request.user, application=application)
    formset = cost_item_formset(request.POST)
    if form.is_valid() and formset.is_valid():
        fields = {
            "user": request.user,
            "data": form.service_data(),
            "cost_items": formset.lines(),
            "attachments": form.cleaned_data.get("attachments") or [],
        }
        removed = form.cleaned_data.get("remove_attachments") or []

        def write():
            if application is None:
                return services.application_create(competition=page, **fields)
            return services.application_update(application=application, remove_attachments=removed, **fields)

        if application is None:
            success = _(
                "Ihr Antrag ist als Entwurf gespeichert. Prüfen Sie ihn und reichen Sie ihn bis zum Einsendeschluss ein."
            )
        else:
            success = _("Ihre Änderungen sind gespeichert.")
        done = http.run_service(
            request, write, form=form, formsets={"cost_items": formset}, success=success, redirect_to=application_url
        )
        if done is not None:
            return done
    return _render_form(request, page, form, formset, application=application, status=400)


def application_create(request, page: CompetitionPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    prepare(page)
    decision = permissions.can_apply(request.user, page)
    if not decision:
        form_url = sub_url(request, page, "application_create")
        # Before signing in (GET), and signed in but not (yet) acting for a verified organisation: the reason and
        # what applying will take, with the way to sign in or register; a POST without an account goes to the login.
        before_login = decision.needs_login and request.method in SAFE_METHODS
        if not (before_login or permissions.lacks_organisation_only(request.user, page)):
            return http.refuse(request, decision, next_url=form_url)
        context = {
            "page": page,
            "reason": decision.reason,
            "requirements": application_requirements(page),
            "page_url": http.page_url(request, page),
            "login_url": http.login_url(form_url) if before_login else "",
            "signup_url": f"{reverse('account_signup')}?{urlencode({'next': form_url})}" if before_login else "",
        }
        return render(request, "ideas/application_requirements.html", context, status=200 if before_login else 403)
    return _application_form(request, page)


def proposal_search(request, page: CompetitionPage):
    """At most MAX_MATCHES published proposals of the competition's consultations matching `q`, as JSON: the
    application form's search as one types (enhance.js). The form's search button does the same without JavaScript."""
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare(page)
    form = ProposalSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = []
    if query and page.consultations.all():
        found = search_linkable_proposals(linkable_proposals(page), query, limit=proposal_links.MAX_MATCHES)
    results = [{"id": p.pk, "reference": p.reference, "title": p.title} for p in found]
    return JsonResponse({"results": results})


def application_edit(request, pk: int):
    application, refusal = guarded_application(request, pk, permissions.can_edit_application, "ideas:application_edit")
    if refusal is not None:
        return refusal
    return _application_form(request, prepare(application.competition), application)


# --- One application, for its applicant (and the fund's staff) -----------------------------------------------------


STEPS = [
    gettext_lazy("Entwurf"),
    gettext_lazy("Eingereicht"),
    gettext_lazy("Zulässigkeit geprüft"),
    gettext_lazy("Entscheidung"),
]


def _steps(application: Application) -> list[dict]:
    """Where the application stands, as an ordered list of steps (done / current / to come)."""
    state = application.state
    reached = {
        ApplicationState.DRAFT: 0,
        ApplicationState.SUBMITTED: 1,
        ApplicationState.ELIGIBLE: 2,
        ApplicationState.NOT_ELIGIBLE: 2,
        ApplicationState.AWARDED: 3,
        ApplicationState.DECLINED: 3,
    }.get(state)
    if reached is None:  # withdrawn
        return []
    steps = STEPS[:3] if state == ApplicationState.NOT_ELIGIBLE else STEPS  # not eligible: the end of the road
    return [
        {"label": label, "status": "done" if i < reached else "current" if i == reached else "todo"}
        for i, label in enumerate(steps)
    ]


def _render_detail(request, application: Application, *, progress_form=None, status=200):
    user = request.user
    detail_url = application_url(application)
    prefetch_related_objects([application.competition], "criteria")
    context = {
        "application": application,
        "competition": application.competition,
        "deadline_passed": timezone.now() >= application.competition.submission_end,
        "page_title": application.title,
        "steps": _steps(application),
        "edit_decision": permissions.can_edit_application(user, application),
        "submit_decision": permissions.can_submit_application(user, application),
        "withdraw_decision": permissions.can_withdraw_application(user, application),
        "progress_decision": permissions.can_report_progress(user, application),
        "is_applicant": permissions.can_view_application(user, application) and not permissions.is_fund_staff(user),
        "detail_url": detail_url,
    }
    if context["progress_decision"]:
        context["progress_form"] = progress_form or ProgressReportForm(initial={"reported_on": timezone.localdate()})
    return render(request, "ideas/application_detail.html", context, status=status)


def application_detail(request, pk: int):
    application, refusal = readable_application(
        request,
        pk,
        permissions.can_view_application,
        forbidden_reason=_("Diesen Antrag können nur die antragstellende Organisation und die Geschäftsstelle sehen."),
    )
    if refusal is not None:
        return refusal
    return _render_detail(request, application)


def _confirmed_action(action: str, rule, title, service, success):
    """The view that submits or withdraws an application: GET asks on a confirmation page, POST calls
    `service(application=…, user=…)` and goes back to the application with `success(application)` as message (or with
    the service's reasons)."""

    def view(request, pk: int):
        application, refusal = guarded_application(request, pk, rule, f"ideas:application_{action}")
        if refusal is not None:
            return refusal
        if request.method != "POST":
            context = {"application": application, "action": action, "page_title": title}
            return render(request, "ideas/application_confirm.html", context)
        try:
            application = service(application=application, user=request.user)
        except PermissionDenied as exc:
            return http.forbidden(request, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, success(application))
        return HttpResponseRedirect(application_url(application))

    view.__name__ = view.__qualname__ = f"application_{action}"
    return view


application_submit = _confirmed_action(
    "submit",
    permissions.can_submit_application,
    gettext_lazy("Antrag einreichen"),
    services.application_submit,
    lambda application: (
        _("Ihr Antrag ist eingereicht. Seine Nummer ist %(reference)s. Eine Bestätigung ist per E-Mail unterwegs.")
        % {"reference": application.reference}
    ),
)
application_withdraw = _confirmed_action(
    "withdraw",
    permissions.can_withdraw_application,
    gettext_lazy("Antrag zurückziehen"),
    services.application_withdraw,
    lambda application: _("Ihr Antrag ist zurückgezogen."),
)


def progress_report(request, pk: int):
    application, refusal = guarded_application(
        request, pk, permissions.can_report_progress, "ideas:application_detail", methods=("POST",)
    )
    if refusal is not None:
        return refusal
    form = ProgressReportForm(request.POST)
    if form.is_valid():
        done = http.run_service(
            request,
            lambda: services.progress_report_add(application=application, user=request.user, data=form.cleaned_data),
            form=form,
            success=_("Ihr Fortschrittsbericht ist veröffentlicht."),
            redirect_to=application_url(application) + "#fortschritt",
        )
        if done is not None:
            return done
    return _render_detail(request, application, progress_form=form, status=400)


# Files answer 404 to signed-in people who may not read them (not 403): a file URL does not confirm that it exists.


def attachment_download(request, pk: int, attachment_id: int):
    application, refusal = readable_application(request, pk, permissions.can_download_attachment)
    if refusal is not None:
        return refusal
    attachment = next((a for a in application.attachments.all() if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404
    return serve_private_file(request, attachment.file, filename=attachment.name)


def award_letter_download(request, pk: int):
    application, refusal = readable_application(request, pk, permissions.can_view_application)
    if refusal is not None:
        return refusal
    award = getattr(application, "award", None) if application.state == ApplicationState.AWARDED else None
    if award is None or not award.letter:
        raise Http404
    return serve_private_file(request, award.letter, filename=os.path.basename(award.letter.name))


def my_applications(request):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    if (login := login_redirect(request)) is not None:
        return login
    page_obj = Paginator(selectors.applications_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_title": _("Meine Anträge"),
        "page_obj": page_obj,
        "applications": page_obj.object_list,
        "competitions": open_competitions(),
    }
    return render(request, "ideas/my_applications.html", context)
