"""Small response helpers shared by the apps' views: how a refused Decision is answered, how a service is run
for a form (its refusal, its errors on the form, its success), and page URLs."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render, resolve_url

from .permissions import Decision


def login_url(next_url: str) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


def forbidden(request, reason: str):
    """403 with the reason, in the site's layout."""
    return render(request, "403.html", {"exception": reason}, status=403)


def refuse(request, decision: Decision, *, next_url: str | None = None):
    """A refused Decision as a response: to the login (and back to `next_url`) or 403 with the reason."""
    if decision.needs_login:
        return HttpResponseRedirect(login_url(next_url or request.get_full_path()))
    return forbidden(request, decision.reason)


def not_allowed(*methods: str):
    return HttpResponseNotAllowed(list(methods))


def page_url(request, page) -> str:
    """A Wagtail page's URL with a trailing slash, so that sub-routes can be appended."""
    url = page.get_url(request) or ""
    return url if url.endswith("/") else url + "/"


def apply_errors(form, exc: ValidationError, *, formsets: dict | None = None) -> None:
    """A service's ValidationError onto a form: on the field it names (if the form has it), else on the form.
    `formsets` maps a field name to the formset that shows it (the cost plan's "cost_items"): errors on that name
    go to the formset's own errors above its rows."""
    formsets = formsets or {}
    items = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc.error_list)]
    for field, errors in items:
        for error in errors:
            if field in formsets:
                formset = formsets[field]
                formset._non_form_errors = formset.error_class(
                    [*formset.non_form_errors(), *error.messages], error_class="nonform"
                )
            else:
                form.add_error(field if field in form.fields else None, error)


def run_service(request, write: Callable[[], Any], *, success, redirect_to, form=None, formsets: dict | None = None):
    """Store through the service call `write()` and answer as every form view does: its refusal (PermissionDenied)
    with 403; its ValidationError on `form` (then None: the caller shows the form again, with status 400; without a
    form the error is raised on); success with the message `success` and a redirect to `redirect_to`
    (post/redirect/get). `success` and `redirect_to` may also be functions of what `write` returned."""
    try:
        result = write()
    except PermissionDenied as exc:
        return forbidden(request, str(exc))
    except ValidationError as exc:
        if form is None:
            raise
        apply_errors(form, exc, formsets=formsets)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return HttpResponseRedirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def submit_form(request, form_class, write: Callable[[Any], Any], *, success, redirect_to, **form_kwargs):
    """A form page that stores through a service. GET: the form, unbound. POST: the form with the request's data
    and files; a valid one is stored by `write(form)` through `run_service`. Returns the form and the answer to give
    (the redirect after success, or a 403), or None for it: then the page shows the form, with status 400 when it is
    bound (see `form_status`)."""
    if request.method != "POST":
        return form_class(**form_kwargs), None
    form = form_class(request.POST, request.FILES, **form_kwargs)
    if not form.is_valid():
        return form, None
    return form, run_service(request, lambda: write(form), success=success, redirect_to=redirect_to, form=form)


def form_status(form) -> int:
    """The status of a page that shows `form`: 400 when it is shown again after a refused POST, else 200."""
    return 400 if form.is_bound else 200
