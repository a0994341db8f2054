"""A self-hosted, accessible bot check for public forms: a honeypot and a time trap, no CAPTCHA.

- Honeypot: a text field that people never see (moved off screen, hidden from screen readers, out of the tab
  order, not autofilled). Scripts that fill in every field fill it in too.
- Time trap: a signed timestamp (django.core.signing, so it cannot be forged) travels with the form. A form
  sent back sooner than settings.LIP_SIGNUP_MIN_SECONDS after it was shown was not filled in by a person; one
  older than settings.LIP_BOTCHECK_MAX_AGE, or with a broken signature, is refused and must be sent again.

- Single use: each token carries a random nonce that the cache remembers once a form passed with it, so one page
  load cannot be replayed for many submissions.

Nothing is loaded from another host; only the used nonces are kept, in the cache, until their tokens expire. The refusals are form-wide errors, so they appear in
the error summary at the top of the form. Switched by settings.LIP_BOTCHECK_ENABLED.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

SALT = "lip.botcheck"
HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_started"  # noqa: S105 - a form field name, not a secret


def issue_token() -> str:
    """The signed moment the form was shown, with a nonce that makes the token single-use."""
    return signing.dumps([time.time(), get_random_string(16)], salt=SALT, compress=False)


def _read(token: str) -> tuple[float, str] | None:
    try:
        issued, nonce = signing.loads(token, salt=SALT, max_age=settings.LIP_BOTCHECK_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None
    if not isinstance(issued, int | float) or not isinstance(nonce, str):
        return None
    return time.time() - issued, nonce


def token_age(token: str) -> float | None:
    """Seconds since the token was issued, or None if it is forged or older than LIP_BOTCHECK_MAX_AGE."""
    read = _read(token)
    return None if read is None else read[0]


def _used_key(token: str) -> str | None:
    read = _read(token)
    return None if read is None else f"lip-botcheck:{read[1]}"


def token_used(token: str) -> bool:
    """Whether a form already went through with this token (a replayed page)."""
    key = _used_key(token)
    return key is not None and cache.get(key) is not None


def token_spend(token: str) -> None:
    """Remember that a form went through with this token (call it when the form's work is done)."""
    key = _used_key(token)
    if key is not None:
        cache.set(key, 1, timeout=settings.LIP_BOTCHECK_MAX_AGE + 60)


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
        elif token_used(self.data.get(TOKEN_FIELD, "")):
            # Used once already: a person's second submission of the same page gets a fresh form.
            self._replace_data(**{TOKEN_FIELD: issue_token()})
            self.add_error(None, self.botcheck_messages["expired"])

    def botcheck_spend(self) -> None:
        """Call once the form's work is done (e.g. the account was created): its token is then used up."""
        token_spend(self.data.get(TOKEN_FIELD, ""))

    def _replace_data(self, **values: str) -> None:
        """Change what the form shows when it is rendered again after the refusal."""
        data = self.data.copy()
        for name, value in values.items():
            data[name] = value
        self.data = data
