"""Small response helpers shared by the apps' views: how a refused Decision is answered, and page URLs."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
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


def apply_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto a form: on the field it names (if the form has it), else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
