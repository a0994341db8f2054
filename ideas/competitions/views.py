"""The competition page and its results page (routes of CompetitionPage)."""

from django.shortcuts import render
from django.utils import timezone

from lip import http

from .. import page_cache, permissions
from ..applications.requirements import application_requirements
from ..models import CompetitionPage
from ..view_support import SAFE_METHODS, prepare, sub_url
from . import selectors


def _weight_shares(page: CompetitionPage) -> list[dict]:
    criteria = page.criterion_list()
    total = sum(c.weight for c in criteria) or 1
    return [{"criterion": c, "share": round(100 * c.weight / total)} for c in criteria]


# --- The competition page ----------------------------------------------------------------------------------------


def competition_overview(request, page: CompetitionPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare(page)
    page_cache.competition_page(request, page)
    create_url = sub_url(request, page, "application_create")
    apply = permissions.can_apply(request.user, page)
    submission = permissions.submission_decision(page)
    login_url = ""
    if apply.needs_login:
        # Signing in does not help while the window is closed: then that is what the visitor is told.
        apply, login_url = (apply, http.login_url(create_url)) if submission else (submission, "")
    # Before signing in (or while the person has no verified organisation yet): what applying will take.
    needs_preparation = not apply and page.submission_end > timezone.now()
    context = {
        "page": page,
        "self": page,
        "requirements": application_requirements(page) if needs_preparation else None,
        "criteria": _weight_shares(page),
        "apply_decision": apply,
        "apply_login_url": login_url,
        "submission": submission,
        "create_url": create_url,
        "results_url": sub_url(request, page, "results"),
        "results_decision": permissions.results_decision(page),
        "consultations": list(page.consultations.all()),
    }
    return render(request, "ideas/competition_page.html", context)


def competition_results(request, page: CompetitionPage):
    """The funded projects with their amounts and progress, from the publication date on; before it, none."""
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    page_cache.competition_page(request, page)
    decision = permissions.results_decision(page)
    projects = list(selectors.awarded_projects(page)) if decision and page.pk else []
    context = {
        "page": page,
        "self": page,
        "results_decision": decision,
        "projects": projects,
        "figures": selectors.result_figures(page) if decision and page.pk else None,
        "page_url": http.page_url(request, page),
    }
    return render(request, "ideas/results.html", context)
