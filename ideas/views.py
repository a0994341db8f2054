"""Public views of the idea competition: the competition page and its results (routes of CompetitionPage), the
applicant's pages ("Meine Anträge", one application, its form) and the jury's pages.

Every view asks the predicates in `permissions` (the templates show what the same predicates decided), lets the
services write, and answers refusals alike: anonymous people are sent to log in and back, everyone else gets 403
with the reason, and nothing is changed. Data-changing actions take POST only and redirect (post/redirect/get).
"""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lip import http
from lip.files import serve_private_file

from . import permissions, selectors, services
from .forms import ApplicationForm, ConflictForm, ProgressReportForm, ScoreForm, cost_item_formset
from .models import Application, ApplicationState, CompetitionPage

SAFE_METHODS = ("GET", "HEAD")
_page_url = http.page_url
_login_url = http.login_url
_forbidden = http.forbidden
_refuse = http.refuse
_not_allowed = http.not_allowed
PAGE_SIZE = 20


# --- Helpers -----------------------------------------------------------------------------------------------------












def _sub_url(request, page: CompetitionPage, name: str) -> str:
    return _page_url(request, page) + page.reverse_subpage(name)


def _apply_errors(form, exc: ValidationError, formset=None) -> None:
    """A service's ValidationError onto the form: on the field it names, cost-plan errors onto the cost plan."""
    items = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc.error_list)]
    for field, errors in items:
        for error in errors:
            if field == "cost_items" and formset is not None:
                formset._non_form_errors = formset.error_class(
                    [*formset.non_form_errors(), *error.messages], error_class="nonform"
                )
            else:
                form.add_error(field if field in form.fields else None, error)


def _prepare(page: CompetitionPage) -> CompetitionPage:
    """Load criteria and consultations once, so that the page's helpers and predicates work in memory."""
    if page.pk is not None and not getattr(page, "_cluster_related_objects", None):
        prefetch_related_objects([page], "criteria", "consultations")
    return page


def _get_application(pk: int) -> Application:
    application = selectors.application_detail(pk)
    if application is None:
        raise Http404
    return application


def _application_url(application: Application) -> str:
    return reverse("ideas:application_detail", args=[application.pk])


def _weight_shares(page: CompetitionPage) -> list[dict]:
    criteria = page.criterion_list()
    total = sum(c.weight for c in criteria) or 1
    return [{"criterion": c, "share": round(100 * c.weight / total)} for c in criteria]


# --- The competition page ----------------------------------------------------------------------------------------


def competition_overview(request, page: CompetitionPage):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    _prepare(page)
    create_url = _sub_url(request, page, "application_create")
    apply = permissions.can_apply(request.user, page)
    submission = permissions.submission_decision(page)
    login_url = ""
    if apply.needs_login:
        # Signing in does not help while the window is closed: then that is what the visitor is told.
        apply, login_url = (apply, _login_url(create_url)) if submission else (submission, "")
    saved = page.pk is not None
    context = {
        "page": page,
        "self": page,
        "criteria": _weight_shares(page),
        "apply_decision": apply,
        "apply_login_url": login_url,
        "submission": submission,
        "create_url": create_url,
        "results_url": _sub_url(request, page, "results"),
        "results_decision": permissions.results_decision(page),
        "fund_figures": selectors.fund_figures(page.fund_id) if saved and page.fund_id else None,
        "consultations": list(page.consultations.all()),
    }
    return render(request, "ideas/competition_page.html", context)


def competition_results(request, page: CompetitionPage):
    """The funded projects with their amounts and progress, from the publication date on; before it, none."""
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    decision = permissions.results_decision(page)
    projects = list(selectors.awarded_projects(page)) if decision and page.pk else []
    context = {
        "page": page,
        "self": page,
        "results_decision": decision,
        "projects": projects,
        "figures": selectors.result_figures(page) if decision and page.pk else None,
        "page_url": _page_url(request, page),
    }
    return render(request, "ideas/results.html", context)


# --- Writing an application --------------------------------------------------------------------------------------


def _render_form(request, page, form, formset, *, application=None, status=200):
    context = {
        "page": page,
        "self": page,
        "form": form,
        "formset": formset,
        "application": application,
        "page_url": _page_url(request, page),
        "cancel_url": _application_url(application) if application else _page_url(request, page),
    }
    return render(request, "ideas/application_form.html", context, status=status)


def application_create(request, page: CompetitionPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    _prepare(page)
    create_url = _sub_url(request, page, "application_create")
    decision = permissions.can_apply(request.user, page)
    if not decision:
        return _refuse(request, decision, next_url=create_url)
    if request.method != "POST":
        form = ApplicationForm(competition=page, user=request.user)
        return _render_form(request, page, form, cost_item_formset())
    form = ApplicationForm(request.POST, request.FILES, competition=page, user=request.user)
    formset = cost_item_formset(request.POST)
    if form.is_valid() and formset.is_valid():
        try:
            application = services.application_create(
                competition=page,
                user=request.user,
                data=form.service_data(),
                cost_items=formset.lines(),
                attachments=form.cleaned_data.get("attachments") or [],
            )
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc, formset)
        else:
            messages.success(
                request,
                _(
                    "Ihr Antrag ist als Entwurf gespeichert. Prüfen Sie ihn und reichen Sie ihn bis zum Einsendeschluss ein."
                ),
            )
            return HttpResponseRedirect(_application_url(application))
    return _render_form(request, page, form, formset, status=400)


def application_edit(request, pk: int):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    application = _get_application(pk)
    page = _prepare(application.competition)
    url = reverse("ideas:application_edit", args=[pk])
    decision = permissions.can_edit_application(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    if request.method != "POST":
        form = ApplicationForm(competition=page, user=request.user, application=application)
        return _render_form(request, page, form, cost_item_formset(application=application), application=application)
    form = ApplicationForm(request.POST, request.FILES, competition=page, user=request.user, application=application)
    formset = cost_item_formset(request.POST)
    if form.is_valid() and formset.is_valid():
        try:
            services.application_update(
                application=application,
                user=request.user,
                data=form.service_data(),
                cost_items=formset.lines(),
                attachments=form.cleaned_data.get("attachments") or [],
                remove_attachments=form.cleaned_data.get("remove_attachments") or [],
            )
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc, formset)
        else:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
            return HttpResponseRedirect(_application_url(application))
    return _render_form(request, page, form, formset, application=application, status=400)


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
    detail_url = _application_url(application)
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
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    application = _get_application(pk)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(request.get_full_path()))
    if not permissions.can_view_application(request.user, application):
        return _forbidden(
            request, _("Diesen Antrag können nur die antragstellende Organisation und die Geschäftsstelle sehen.")
        )
    return _render_detail(request, application)


def application_submit(request, pk: int):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    application = _get_application(pk)
    url = reverse("ideas:application_submit", args=[pk])
    decision = permissions.can_submit_application(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    if request.method == "POST":
        try:
            application = services.application_submit(application=application, user=request.user)
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return HttpResponseRedirect(_application_url(application))
        messages.success(
            request,
            _("Ihr Antrag ist eingereicht. Seine Nummer ist %(reference)s. Eine Bestätigung ist per E-Mail unterwegs.")
            % {"reference": application.reference},
        )
        return HttpResponseRedirect(_application_url(application))
    return render(
        request,
        "ideas/application_confirm.html",
        {"application": application, "action": "submit", "page_title": _("Antrag einreichen")},
    )


def application_withdraw(request, pk: int):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    application = _get_application(pk)
    url = reverse("ideas:application_withdraw", args=[pk])
    decision = permissions.can_withdraw_application(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, user=request.user)
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        messages.success(request, _("Ihr Antrag ist zurückgezogen."))
        return HttpResponseRedirect(_application_url(application))
    return render(
        request,
        "ideas/application_confirm.html",
        {"application": application, "action": "withdraw", "page_title": _("Antrag zurückziehen")},
    )


def progress_report(request, pk: int):
    if request.method != "POST":
        return _not_allowed("POST")
    application = _get_application(pk)
    decision = permissions.can_report_progress(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=_application_url(application))
    form = ProgressReportForm(request.POST)
    if form.is_valid():
        try:
            services.progress_report_add(application=application, user=request.user, data=form.cleaned_data)
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Ihr Fortschrittsbericht ist veröffentlicht."))
            return HttpResponseRedirect(_application_url(application) + "#fortschritt")
    return _render_detail(request, application, progress_form=form, status=400)


# Files answer 404 to signed-in people who may not read them (not 403): a file URL does not confirm that it exists.


def attachment_download(request, pk: int, attachment_id: int):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    application = _get_application(pk)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(request.get_full_path()))
    if not permissions.can_download_attachment(request.user, application):
        raise Http404
    attachment = next((a for a in application.attachments.all() if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404
    return serve_private_file(request, attachment.file, filename=attachment.name)


def award_letter_download(request, pk: int):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    application = _get_application(pk)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(request.get_full_path()))
    if not permissions.can_view_application(request.user, application):
        raise Http404
    award = getattr(application, "award", None) if application.state == ApplicationState.AWARDED else None
    if award is None or not award.letter:
        raise Http404
    return serve_private_file(request, award.letter, filename=os.path.basename(award.letter.name))


def my_applications(request):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(request.get_full_path()))
    page_obj = Paginator(selectors.applications_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_title": _("Meine Anträge"),
        "page_obj": page_obj,
        "applications": page_obj.object_list,
        "competitions": selectors.open_competitions(),
    }
    return render(request, "ideas/my_applications.html", context)


# --- The jury ----------------------------------------------------------------------------------------------------


def jury_queue(request):
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_login_url(request.get_full_path()))
    if not permissions.is_juror(request.user):
        return _forbidden(request, _("Diese Seite ist für Mitglieder der Jury."))
    applications = list(selectors.jury_queue(request.user))
    return render(
        request, "ideas/jury_queue.html", {"page_title": _("Jury: Anträge bewerten"), "applications": applications}
    )


def _render_jury(request, application: Application, *, score_form=None, status=200):
    user = request.user
    prefetch_related_objects([application.competition], "criteria")
    criteria = application.competition.criterion_list()
    score_decision = permissions.can_score(user, application)
    see_decision = permissions.can_see_scores(user, application)
    if score_decision and score_form is None:
        scored = {a.criterion_id for a in application.assessments.filter(juror=user)}
        score_form = ScoreForm(criteria=[c for c in criteria if c.pk not in scored])
    others = selectors.scores_by_juror(application) if see_decision else []
    own = selectors.juror_scores(application, user)
    context = {
        "application": application,
        "competition": application.competition,
        "page_title": application.title,
        "score_decision": score_decision,
        "score_form": score_form if score_decision else None,
        "see_decision": see_decision,
        "other_scores": [g for g in others if g.juror.pk != user.pk],
        "own_scores": own.scores,
        "own_weighted": own.weighted,
        "conflict_decision": permissions.can_declare_conflict(user, application),
        "criteria": criteria,
    }
    return render(request, "ideas/jury_application.html", context, status=status)


def jury_application(request, pk: int):
    """The application as the jury sees it; POST submits the juror's scores (all criteria at once, then final)."""
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    application = _get_application(pk)
    url = reverse("ideas:jury_application", args=[pk])
    decision = permissions.can_view_as_juror(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    if request.method != "POST":
        return _render_jury(request, application)
    decision = permissions.can_score(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    prefetch_related_objects([application.competition], "criteria")
    scored = {a.criterion_id for a in application.assessments.filter(juror=request.user)}
    form = ScoreForm(request.POST, criteria=[c for c in application.competition.criterion_list() if c.pk not in scored])
    if form.is_valid():
        try:
            services.assessment_submit(application=application, juror=request.user, scores=form.scores())
        except PermissionDenied as exc:
            return _forbidden(request, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, _("Ihre Bewertung ist gespeichert. Jetzt sehen Sie auch die Bewertungen der anderen.")
            )
            return HttpResponseRedirect(url)
    return _render_jury(request, application, score_form=form, status=400)


def jury_conflict(request, pk: int):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _not_allowed(*SAFE_METHODS, "POST")
    application = _get_application(pk)
    url = reverse("ideas:jury_conflict", args=[pk])
    decision = permissions.can_declare_conflict(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=url)
    status = 200
    if request.method == "POST":
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                services.conflict_declare(application=application, juror=request.user, note=form.cleaned_data["note"])
            except PermissionDenied as exc:
                return _forbidden(request, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Ihre Befangenheit ist vermerkt. Sie sehen und bewerten diesen Antrag nicht mehr.")
                )
                return HttpResponseRedirect(reverse("ideas:jury_queue"))
        status = 400
    else:
        form = ConflictForm()
    context = {"application": application, "form": form, "page_title": _("Befangenheit erklären")}
    return render(request, "ideas/jury_conflict.html", context, status=status)


# --- Audience prize (Publikumspreis) -----------------------------------------------------------------------------


def audience_vote_list(request, page: CompetitionPage):
    """The checked applications with the public's votes; from the start of the vote on, with vote buttons while open."""
    if request.method not in SAFE_METHODS:
        return _not_allowed(*SAFE_METHODS)
    if not permissions.can_view_audience_candidates(page):
        decision = permissions.audience_vote_decision(page)
        return render(
            request,
            "ideas/audience_vote.html",
            {"page": page, "self": page, "decision": decision, "candidates": [], "page_url": _page_url(request, page)},
        )
    candidates = list(selectors.audience_candidates(page))
    state = selectors.audience_vote_state(request.user, page)
    # The same predicate decides the button here and the POST below; it needs the candidate's competition.
    for candidate in candidates:
        candidate.competition = page
        candidate.vote_decision = permissions.can_audience_vote(request.user, candidate)
    context = {
        "page": page,
        "self": page,
        "decision": permissions.audience_vote_decision(page),
        "candidates": candidates,
        "vote_state": state,
        "page_url": _page_url(request, page),
        "list_url": _sub_url(request, page, "audience_vote"),
    }
    return render(request, "ideas/audience_vote.html", context)


def audience_vote_action(request, page: CompetitionPage, application_id: int, action: str):
    if action not in ("stimme", "zurueckziehen"):
        raise Http404
    if request.method != "POST":
        return _not_allowed("POST")
    application = Application.objects.select_related("competition").filter(pk=application_id, competition=page).first()
    if application is None:
        raise Http404
    list_url = _sub_url(request, page, "audience_vote")
    decision = permissions.can_audience_vote(request.user, application)
    if not decision:
        return _refuse(request, decision, next_url=list_url)
    try:
        if action == "stimme":
            services.audience_vote_cast(application=application, user=request.user)
            messages.success(request, _("Ihre Stimme für „%(title)s“ ist gezählt.") % {"title": application.title})
        else:
            services.audience_vote_withdraw(application=application, user=request.user)
            messages.success(
                request, _("Ihre Stimme für „%(title)s“ ist zurückgezogen.") % {"title": application.title}
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return HttpResponseRedirect(f"{list_url}#antrag-{application.pk}")
