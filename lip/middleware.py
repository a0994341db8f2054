from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's language negotiation, with a signed-in person's preferred language before the browser's.

    Order: the language chosen on this device (cookie), the person's preferred language, the browser's
    Accept-Language, German.
    """

    def process_request(self, request):
        user = getattr(request, "user", None)
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
            and translation.check_for_language(user.preferred_language)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)


class StaffMFAMiddleware:
    """Staff sign in with a second factor: a signed-in person with staff powers and no authenticator app is sent
    to set one up (allauth's TOTP activation) before any other page, the admin and the jury area included.

    Staff powers: access to the Wagtail admin, is_staff or superuser, scoring idea-competition applications
    (jury). Only signing in and out, re-authentication, setting up the app, confirming an address and the language
    switch stay reachable: until the second factor is set up, the password alone must not be enough to change the
    account's e-mail address or password. Switched by settings.LIP_STAFF_MFA_REQUIRED.
    """

    STAFF_PERMISSIONS = ("wagtailadmin.access_admin", "lip.score_applications")
    EXEMPT_VIEW_NAMES = frozenset(
        {
            "account_login",
            "account_logout",
            "account_reauthenticate",
            "account_confirm_email",
            "account_email_verification_sent",
            "account_inactive",
            "mfa_index",
            "mfa_activate_totp",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "lip:set_language",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.LIP_STAFF_MFA_REQUIRED:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not self.is_staff(user):
            return None
        match = request.resolver_match
        if match and match.view_name in self.EXEMPT_VIEW_NAMES:
            return None
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import is_mfa_enabled

        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        if request.method == "GET":
            messages.warning(
                request,
                _(
                    "Ihr Konto hat Zugang zur Verwaltung. Zu seinem Schutz richten Sie bitte zuerst die "
                    "Zwei-Faktor-Anmeldung mit einer Authenticator-App ein."
                ),
            )
        return redirect("mfa_activate_totp")

    @classmethod
    def is_staff(cls, user) -> bool:
        """No query for someone without any permission: the signed-in person is loaded knowing that (lip/auth_backends.py),
        afresh on every request, so powers granted during a session count from the next request on."""
        return user.is_staff or user.is_superuser or any(user.has_perm(perm) for perm in cls.STAFF_PERMISSIONS)
