import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    # allauth's German speaks informally ("du"); the platform addresses people formally, like the city does.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dieses Konto ist gesperrt."),
        "cannot_remove_primary_email": _("Ihre Haupt-E-Mail-Adresse können Sie nicht entfernen."),
        "duplicate_email": _("Diese E-Mail-Adresse gehört bereits zu Ihrem Konto."),
        "email_password_mismatch": _("Die E-Mail-Adresse oder das Passwort ist nicht richtig."),
        "email_taken": _("Es ist bereits jemand mit dieser E-Mail-Adresse registriert."),
        "enter_current_password": _("Bitte geben Sie Ihr aktuelles Passwort ein."),
        "incorrect_password": _("Das Passwort ist nicht richtig."),
        "invalid_or_expired_key": _("Der Link ist ungültig oder abgelaufen."),
        "invalid_password_reset": _("Der Link zum Zurücksetzen des Passworts ist ungültig."),
        "too_many_login_attempts": _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später noch einmal."
        ),
        "unknown_email": _("Diese E-Mail-Adresse gehört zu keinem Konto."),
        "unverified_primary_email": _("Ihre Haupt-E-Mail-Adresse muss bestätigt sein."),
        "same_as_current": _("Der neue Wert muss sich vom bisherigen unterscheiden."),
        "rate_limited": _("Bitte haben Sie etwas Geduld: Sie haben zu viele Anfragen gesendet."),
    }

    # Wrong passwords for one account from one client address (settings.ACCOUNT_RATE_LIMITS).
    LOGIN_FAILED_FROM_ADDRESS = "login_failed_from_address"

    def get_client_ip(self, request) -> str:
        """allauth's client address (X-Forwarded-For read as ALLAUTH_TRUSTED_PROXY_COUNT says). A request with
        fewer X-Forwarded-For entries than trusted proxies did not pass through them all: it counts by its
        connecting address instead of failing with a server error."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR", "")

    def _address_key(self, request, credentials: dict) -> str:
        login = str(credentials.get("email") or credentials.get("username") or "").lower()
        address = self.get_client_ip(request)
        try:
            ip = ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return f"{login}|{address}"
        if ip.version == 6:  # one client holds a whole /64 network
            ip = ipaddress.ip_network(f"{ip}/64", strict=False).network_address
        return f"{login}|{ip}"

    # A device on which the account signed in before carries this signed cookie (OWASP's "device cookie"): it is
    # spared the per-account lockout, so that guesses from elsewhere (even from many addresses) cannot keep the
    # owner out; its own wrong passwords are still limited per account and device.
    DEVICE_COOKIE = "lip_device"
    DEVICE_COOKIE_AGE = 60 * 60 * 24 * 180
    DEVICE_SALT = "lip.adapters.device"

    def _login(self, credentials: dict) -> str:
        return str(credentials.get("email") or credentials.get("username") or "").strip().lower()

    def _known_device(self, request, credentials: dict) -> str | None:
        """The device's id when this request carries a valid device cookie of the account being signed in to."""
        value = request.COOKIES.get(self.DEVICE_COOKIE)
        if not value:
            return None
        try:
            data = signing.loads(value, salt=self.DEVICE_SALT, max_age=self.DEVICE_COOKIE_AGE)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or data.get("login") != self._login(credentials):
            return None
        return str(data.get("device", ""))[:64] or None

    def pre_authenticate(self, request, **credentials) -> None:
        """Before allauth's limits (per address, per account), the tighter one per account and address: an
        attacker's address runs out of guesses before the account does. A known device of the account is limited
        per account and device only, so that an attack from other addresses never locks its owner out."""
        device = self._known_device(request, credentials)
        key = f"{self._login(credentials)}|device:{device}" if device else self._address_key(request, credentials)
        if not ratelimit.consume(request, action=self.LOGIN_FAILED_FROM_ADDRESS, key=key):
            raise self.validation_error("too_many_login_attempts")
        if device:
            self._login_failed_rl_usage = None  # nothing of allauth's per-account count to roll back
            return
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # The right password from this address: its own count for this account starts again. (allauth
            # rolls back, rather than clears, its shared counts, so that successes cannot mask a guessing run.)
            ratelimit.clear(request, action=self.LOGIN_FAILED_FROM_ADDRESS, key=self._address_key(request, credentials))
            request._lip_device_login = self._login(credentials)
        return user

    def post_login(self, request, user, **kwargs):
        """After a complete sign-in (password and, where set up, the second factor), remember this device."""
        response = super().post_login(request, user, **kwargs)
        login = getattr(request, "_lip_device_login", None) or (user.email or "").strip().lower()
        if login and hasattr(response, "set_cookie"):
            value = signing.dumps({"login": login, "device": get_random_string(24)}, salt=self.DEVICE_SALT)
            response.set_cookie(
                self.DEVICE_COOKIE,
                value,
                max_age=self.DEVICE_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services import user_add_role

            user_add_role(user=user, role=Role.PARTICIPANT)
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write to a person in their preferred language, whatever language the current page is in."""
        language = getattr(context.get("user"), "preferred_language", None)
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
