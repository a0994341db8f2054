import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
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

    def pre_authenticate(self, request, **credentials) -> None:
        """Before allauth's limits (per address, per account), the tighter one per account and address: an
        attacker's address runs out of guesses before the account does, so the owner elsewhere is not locked out."""
        if not ratelimit.consume(
            request, action=self.LOGIN_FAILED_FROM_ADDRESS, key=self._address_key(request, credentials)
        ):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # The right password from this address: its own count for this account starts again. (allauth
            # rolls back, rather than clears, its shared counts, so that successes cannot mask a guessing run.)
            ratelimit.clear(request, action=self.LOGIN_FAILED_FROM_ADDRESS, key=self._address_key(request, credentials))
        return user

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
