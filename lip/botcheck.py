"""A self-hosted, accessible bot check for public forms: a honeypot and a time trap, no CAPTCHA.

- Honeypot: a text field that people never see (moved off screen, hidden from screen readers, out of the tab
  order, not autofilled). Scripts that fill in every field fill it in too.
- Time trap: a signed timestamp (django.core.signing, so it cannot be forged) travels with the form. A form
  sent back sooner than settings.LIP_SIGNUP_MIN_SECONDS after it was shown was not filled in by a person; one
  older than settings.LIP_BOTCHECK_MAX_AGE, or with a broken signature, is refused and must be sent again.

Nothing is loaded from another host and nothing is stored. The refusals are form-wide errors, so they appear in
the error summary at the top of the form. Switched by settings.LIP_BOTCHECK_ENABLED.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "lip.botcheck"
HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_started"  # noqa: S105 - a form field name, not a secret


def issue_token() -> str:
    """The signed moment the form was shown."""
    return signing.dumps(time.time(), salt=SALT, compress=False)


def token_age(token: str) -> float | None:
    """Seconds since the token was issued, or None if it is forged or older than LIP_BOTCHECK_MAX_AGE."""
    try:
        issued = signing.loads(token, salt=SALT, max_age=settings.LIP_BOTCHECK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(issued, int | float):
        return None
    return time.time() - issued


class BotCheckMixin(forms.Form):
    """Form mixin: put it before the form's other bases. Templates render the two fields with
    "account/includes/botcheck_fields.html" and leave them out of the visible field loop."""

    homepage = forms.CharField(
        label=_("Bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput, initial=issue_token)

    botcheck_messages = {
        "honeypot": _("Ihre Angaben konnten nicht angenommen werden. Bitte senden Sie das Formular noch einmal ab."),
        "too_fast": _(
            "Das Formular wurde schneller abgeschickt, als ein Mensch es ausfüllen kann. "
            "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab."
        ),
        "expired": _("Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab."),
    }

    def botcheck_visible_fields(self):
        """The visible fields without the honeypot, for the template's field loop."""
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if getattr(settings, "LIP_BOTCHECK_ENABLED", True):
            self._botcheck()
        return cleaned_data

    def _botcheck(self) -> None:
        if self.data.get(HONEYPOT_FIELD):
            self._replace_data(**{HONEYPOT_FIELD: ""})  # a person's browser may have filled it in: next time passes
            self.add_error(None, self.botcheck_messages["honeypot"])
            return
        age = token_age(self.data.get(TOKEN_FIELD, ""))
        if age is None:
            self._replace_data(**{TOKEN_FIELD: issue_token()})  # the form shown again carries a fresh one
            self.add_error(None, self.botcheck_messages["expired"])
        elif age < settings.LIP_SIGNUP_MIN_SECONDS:
            self.add_error(None, self.botcheck_messages["too_fast"])

    def _replace_data(self, **values: str) -> None:
        """Change what the form shows when it is rendered again after the refusal."""
        data = self.data.copy()
        for name, value in values.items():
            data[name] = value
        self.data = data
