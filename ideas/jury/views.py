"""The jury's pages: the queue, one application with the scores, the declaration of a conflict of interest."""

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lip import http

from .. import permissions
from ..models import Application
from ..view_support import SAFE_METHODS, guarded_application, login_redirect
from . import selectors, services
from .forms import ConflictForm, ScoreForm


def jury_queue(request):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    if (login := login_redirect(request)) is not None:
        return login
    if not permissions.is_juror(request.user):
        return http.forbidden(request, _("Diese Seite ist für Mitglieder der Jury."))
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
    application, refusal = guarded_application(request, pk, permissions.can_view_as_juror, "ideas:jury_application")
    if refusal is not None:
        return refusal
    if request.method != "POST":
        return _render_jury(request, application)
    url = reverse("ideas:jury_application", args=[pk])
    decision = permissions.can_score(request.user, application)
    if not decision:
        return http.refuse(request, decision, next_url=url)
    prefetch_related_objects([application.competition], "criteria")
    scored = {a.criterion_id for a in application.assessments.filter(juror=request.user)}
    form = ScoreForm(request.POST, criteria=[c for c in application.competition.criterion_list() if c.pk not in scored])
    if form.is_valid():
        done = http.run_service(
            request,
            lambda: services.assessment_submit(application=application, juror=request.user, scores=form.scores()),
            form=form,
            success=_("Ihre Bewertung ist gespeichert. Jetzt sehen Sie auch die Bewertungen der anderen."),
            redirect_to=url,
        )
        if done is not None:
            return done
    return _render_jury(request, application, score_form=form, status=400)


def jury_conflict(request, pk: int):
    application, refusal = guarded_application(request, pk, permissions.can_declare_conflict, "ideas:jury_conflict")
    if refusal is not None:
        return refusal
    form, done = http.submit_form(
        request,
        ConflictForm,
        lambda form: services.conflict_declare(
            application=application, juror=request.user, note=form.cleaned_data["note"]
        ),
        success=_("Ihre Befangenheit ist vermerkt. Sie sehen und bewerten diesen Antrag nicht mehr."),
        redirect_to=reverse("ideas:jury_queue"),
    )
    if done:
        return done
    context = {"application": application, "form": form, "page_title": _("Befangenheit erklären")}
    return render(request, "ideas/jury_conflict.html", context, status=http.form_status(form))
