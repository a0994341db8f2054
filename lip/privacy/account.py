""" "Konto löschen" in the profile: the person confirms with their password (and their second factor, where set up);
the account deletion service (lip.privacy.deletion) then erases the account and the person is signed out."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lip.adapters import AccountAdapter
from lip.formfields import CleanCharField, CleanFormMixin

from .deletion import delete_account, deletion_refusal


class AccountDeleteForm(CleanFormMixin, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Ihr Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = CleanCharField(
        label=gettext_lazy("Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        self.needs_code = is_mfa_enabled(self.user)
        if not self.needs_code:
            del self.fields["code"]

    def clean(self):
        cleaned = super().clean()
        # allauth's limit for confirming one's identity while signed in ("reauthenticate", per person)
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(get_account_adapter().error_messages["rate_limited"])
        password = cleaned.get("password")
        if password is not None and not self.user.check_password(password):
            self.add_error("password", _("Das Passwort ist nicht richtig."))
        code = cleaned.get("code")
        if self.needs_code and code is not None and not self._code_is_valid(code):
            self.add_error("code", _("Der Code ist nicht richtig."))
        return cleaned

    def _code_is_valid(self, code: str) -> bool:
        """allauth's own check of a one-time or recovery code (each code counts once)."""
        authenticators = Authenticator.objects.filter(user=self.user).exclude(type=Authenticator.Type.WEBAUTHN)
        return any(authenticator.wrap().validate_code(code) for authenticator in authenticators)


@login_required
def account_delete(request):
    refusal = deletion_refusal(request.user)
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and refusal is None and form.is_valid():
        delete_account(request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Ihr Konto wurde gelöscht. Ihre öffentlichen Beiträge erscheinen jetzt als von „gelöschtes Konto“. "
                "Vielen Dank für Ihre Beteiligung."
            ),
        )
        response = redirect("/")
        response.delete_cookie(AccountAdapter.DEVICE_COOKIE)  # the sign-in limits' cookie names the old address
        return response
    context = {"form": form, "refusal": refusal}
    return render(request, "lip/privacy/account_delete.html", context, status=400 if form.errors else 200)
