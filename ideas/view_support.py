"""What the public views of the idea competition share: how they find an application, name URLs, show refusals.

Every view asks the predicates in `permissions` (the templates show what the same predicates decided), lets the
services write, and answers refusals alike: anonymous people are sent to log in and back, everyone else gets 403
with the reason, and nothing is changed. Data-changing actions take POST only and redirect (post/redirect/get);
forms store through `lip.http.run_service`.
"""

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from lip import http

from .applications import selectors
from .models import Application, CompetitionPage

SAFE_METHODS = ("GET", "HEAD")


def sub_url(request, page: CompetitionPage, name: str) -> str:
    return http.page_url(request, page) + page.reverse_subpage(name)


def prepare(page: CompetitionPage) -> CompetitionPage:
    """Load criteria and consultations once, so that the page's helpers and predicates work in memory."""
    if page.pk is not None and not getattr(page, "_cluster_related_objects", None):
        prefetch_related_objects([page], "criteria", "consultations")
    return page


def get_application(pk: int) -> Application:
    application = selectors.application_detail(pk)
    if application is None:
        raise Http404
    return application


def application_url(application: Application) -> str:
    return reverse("ideas:application_detail", args=[application.pk])


def login_redirect(request):
    """Anonymous people are sent to sign in and back here; None for everyone signed in."""
    if request.user.is_authenticated:
        return None
    return HttpResponseRedirect(http.login_url(request.get_full_path()))


def guarded_application(request, pk: int, rule, url_name: str, *, methods=(*SAFE_METHODS, "POST")):
    """The application `pk` and None if `rule(user, application)` allows it, else None and the answer to give:
    405 for another method, 404 for no such application, sign-in or 403 with the rule's reason (`lip.http.refuse`,
    which brings the person back to `url_name` afterwards)."""
    if request.method not in methods:
        return None, http.not_allowed(*methods)
    application = get_application(pk)
    decision = rule(request.user, application)
    if not decision:
        return None, http.refuse(request, decision, next_url=reverse(url_name, args=[pk]))
    return application, None


def readable_application(request, pk: int, rule, *, forbidden_reason: str | None = None):
    """For the views that read one application or its files: the application and None if `rule(user, application)`
    lets the signed-in person read it, else None and the answer to give: 405 for another method than GET and HEAD,
    404 for no such application, sign-in for anonymous people, and 403 with `forbidden_reason` or, without one, 404
    (a file URL does not confirm that it exists)."""
    if request.method not in SAFE_METHODS:
        return None, http.not_allowed(*SAFE_METHODS)
    application = get_application(pk)
    if (login := login_redirect(request)) is not None:
        return None, login
    if not rule(request.user, application):
        if forbidden_reason is None:
            raise Http404
        return None, http.forbidden(request, forbidden_reason)
    return application, None
