from allauth.account.views import LoginView as AllauthLoginView
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import RedirectView
from wagtail import views as wagtail_views

from . import http, permissions, selectors, services
from .forms import MembershipDecisionForm, MembershipRequestForm, OrganisationForm, ProfileForm
from .models import Membership, Organisation


class LoginView(AllauthLoginView):
    """allauth's login page. Wagtail sends a signed-in person without admin access here with `next=/admin/`;
    allauth would send them straight back, in a loop. They get "no permission" instead."""

    def dispatch(self, request, *args, **kwargs):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if (
            request.user.is_authenticated
            and next_url.startswith(reverse("wagtailadmin_home"))
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied(_("Ihr Konto hat keinen Zugang zur Verwaltung."))
        return super().dispatch(request, *args, **kwargs)


def to_allauth(url_name: str):
    """A view that sends GET and POST alike to allauth's page `url_name`, query string (`next`) included.

    For Wagtail's own login and password reset URLs: a 302 answer makes the browser follow with a GET, so a
    password posted to the old form is dropped, never checked."""
    return RedirectView.as_view(pattern_name=url_name, query_string=True, permanent=False)


def page_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's form for the password of a password-protected page, with a rate limit per client address
    (settings.ACCOUNT_RATE_LIMITS["page_password"]) so that a page password cannot be guessed in a loop."""
    too_many = ratelimit.consume_or_429(request, action="page_password")
    if too_many:
        return too_many
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def document_password(request, restriction_id: int):
    """The same for the password of a password-protected document collection (Wagtail's documents view)."""
    from wagtail.documents.views.serve import authenticate_with_password

    too_many = ratelimit.consume_or_429(request, action="page_password")
    if too_many:
        return too_many
    return authenticate_with_password(request, restriction_id)


@require_safe
def set_language(request, language: str):
    """The language switch: one link per language, so that a page needs no form (and no CSRF cookie) for it and
    stays cacheable. Sets the language cookie of this device and goes back to `next` (a page of this site, else the
    start page). A GET writes nothing else: a signed-in person's language for e-mails is chosen on the profile page."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    _set_language_cookie(response, language)
    add_never_cache_headers(response)
    return response


def organisation_list(request):
    organisations = selectors.organisation_list(verified_only=True)
    return render(request, "lip/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug: str):
    organisation = get_object_or_404(Organisation.objects.select_related("district"), slug=slug)
    if not permissions.can_view_organisation(request.user, organisation):
        raise Http404
    can_manage = permissions.can_manage_members(request.user, organisation) if request.user.is_authenticated else False
    context = {
        "organisation": organisation,
        "membership": selectors.membership_of(request.user, organisation),
        "can_manage": can_manage,
        "can_contribute": permissions.can_contribute(request.user),
        "participation": permissions.participation_decision(request.user),
        "can_request": permissions.can_request_membership(request.user, organisation),
        "members": selectors.organisation_members(organisation) if can_manage else None,
        "request_form": MembershipRequestForm(),
    }
    return render(request, "lip/organisation_detail.html", context)


def _refuse(request) -> PermissionDenied:
    """The 403 for a signed-in person who may not act here, with the real reason when there is one to give."""
    refused = permissions.participation_refusal(request.user)
    if refused is not None:
        return PermissionDenied(refused.reason)
    return PermissionDenied


@login_required
def organisation_register(request):
    if not permissions.can_register_organisation(request.user):
        raise _refuse(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = http.run_service(
            request,
            lambda: services.organisation_register(user=request.user, data=form.cleaned_data),
            success=_(
                "Ihre Organisation ist registriert. Sobald die Stadtverwaltung sie bestätigt hat, "
                "können Sie in ihrem Namen Beiträge einreichen."
            ),
            redirect_to=lambda organisation: organisation.get_absolute_url(),
            form=form,
        )
        if saved:
            return saved
    return render(request, "lip/organisation_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def membership_request(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_view_organisation(request.user, organisation):
        raise Http404
    if not permissions.can_request_membership(request.user, organisation):
        raise _refuse(request)
    form = MembershipRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ihre Nachricht ist zu lang (höchstens 1000 Zeichen)."))
        return redirect(organisation)
    try:
        services.membership_request(user=request.user, organisation=organisation, message=form.cleaned_data["message"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(organisation)
    messages.success(request, _("Ihre Anfrage wurde gesendet. Die Organisation entscheidet darüber."))
    return redirect(organisation)


@login_required
@require_POST
def membership_decide(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)
    if not permissions.can_manage_members(request.user, membership.organisation):
        raise PermissionDenied
    form = MembershipDecisionForm(request.POST, membership=membership)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Ungültige Entscheidung."))
    try:
        services.membership_decide(
            membership=membership,
            decided_by=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            role=form.cleaned_data["role"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(membership.organisation)
    messages.success(request, _("Die Entscheidung wurde gespeichert."))
    return redirect(membership.organisation)


def _set_language_cookie(response, language: str) -> None:
    """The same cookie as Django's set_language view sets."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        services.user_update_profile(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            language=language,
            notifications=form.notification_choices(),
        )
        with translation.override(language):  # the confirmation already speaks the newly chosen language
            messages.success(request, _("Ihr Profil wurde gespeichert."))
        response = redirect("lip:profile")
        _set_language_cookie(response, language)
        return response
    context = {"form": form, "memberships": selectors.memberships_of(request.user)}
    return render(request, "lip/profile.html", context, status=400 if form.errors else 200)
