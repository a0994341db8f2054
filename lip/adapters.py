from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
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
