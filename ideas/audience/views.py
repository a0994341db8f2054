"""The audience prize (Publikumspreis): the candidates with their votes, and casting or withdrawing a vote."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lip import http

from .. import page_cache, permissions
from ..models import Application, CompetitionPage
from ..view_support import SAFE_METHODS, sub_url
from . import selectors, services


def audience_vote_list(request, page: CompetitionPage):
    """The checked applications with the public's votes; from the start of the vote on, with vote buttons while open."""
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    page_cache.competition_page(request, page)
    if not permissions.can_view_audience_candidates(page):
        decision = permissions.audience_vote_decision(page)
        return render(
            request,
            "ideas/audience_vote.html",
            {
                "page": page,
                "self": page,
                "decision": decision,
                "candidates": [],
                "page_url": http.page_url(request, page),
            },
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
        "page_url": http.page_url(request, page),
        "list_url": sub_url(request, page, "audience_vote"),
    }
    return render(request, "ideas/audience_vote.html", context)


def audience_vote_action(request, page: CompetitionPage, application_id: int, action: str):
    if action not in ("stimme", "zurueckziehen"):
        raise Http404
    if request.method != "POST":
        return http.not_allowed("POST")
    application = Application.objects.select_related("competition").filter(pk=application_id, competition=page).first()
    if application is None:
        raise Http404
    list_url = sub_url(request, page, "audience_vote")
    decision = permissions.can_audience_vote(request.user, application)
    if not decision:
        return http.refuse(request, decision, next_url=list_url)
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
