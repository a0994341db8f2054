"""The public pages of „Wer macht mit?“: the aggregates (who did we reach, who not), the voluntary questionnaire
(GET form, POST save, then the thanks page) – without JavaScript, for signed-in people and anonymous visitors."""

from allauth.core import ratelimit
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lip import http, pagecache

from .. import permissions
from . import selectors, services
from .forms import AnonymousReachProfileForm, ReachProfileForm

RATE_LIMIT_ACTION = "reach_profile"  # settings.ACCOUNT_RATE_LIMITS


@require_safe
def reach_results(request):
    pagecache.depends_on(request, pagecache.tags.STATISTICS)
    return render(
        request,
        "monitoring/reach/results.html",
        {"page_title": _("Wer macht mit?"), "reach": selectors.reach_figures()},
    )


def _form_class(request):
    return ReachProfileForm if request.user.is_authenticated else AnonymousReachProfileForm


@require_http_methods(["GET", "HEAD", "POST"])
def reach_questionnaire(request):
    decision = permissions.can_answer_reach_questionnaire(request.user, request.session)
    if not decision:
        return render(
            request,
            "monitoring/reach/questionnaire.html",
            {"page_title": _("Fragen zur Person"), "refusal": decision.reason},
        )
    form_class = _form_class(request)
    if request.method != "POST":
        form = form_class()
    else:
        form = form_class(request.POST)
        if not request.user.is_authenticated and not ratelimit.consume(request, action=RATE_LIMIT_ACTION):
            return ratelimit.respond_429(request)
        if form.is_valid():
            try:
                services.reach_profile_submit(data=form.cleaned_data, user=request.user)
            except ValidationError as exc:
                http.apply_errors(form, exc)
            else:
                if hasattr(form, "botcheck_spend"):
                    form.botcheck_spend()
                request.session[permissions.REACH_SESSION_KEY] = True
                return redirect(reverse("monitoring:reach_thanks"))
    return render(
        request,
        "monitoring/reach/questionnaire.html",
        {"page_title": _("Fragen zur Person"), "form": form},
        status=http.form_status(form),
    )


@require_safe
def reach_thanks(request):
    return render(request, "monitoring/reach/thanks.html", {"page_title": _("Vielen Dank!")})
