from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import permissions
from .botcheck import BotCheckMixin
from .formfields import CleanCharField, CleanFormMixin, PlainTextField, SafeModelChoiceField
from .models import District, Membership, MembershipRole, Organisation, OrganisationType, User
from .services import NOTIFICATION_FIELDS


class SignupForm(BotCheckMixin, forms.Form):
    """Extra fields on allauth's registration form (allauth calls `signup` after creating the user)."""

    display_name = CleanCharField(
        label=_("Anzeigename"),
        max_length=80,
        help_text=_("So erscheinen Sie öffentlich, zum Beispiel Ihr Vorname oder Ihr Name mit Initiale."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Bevorzugte Sprache"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    privacy_accepted = forms.BooleanField(
        label=_("Ich habe die Datenschutzerklärung gelesen und bin mit der Verarbeitung meiner Angaben einverstanden."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = translation.get_language() or settings.LANGUAGE_CODE

    def add_error(self, field, error):
        # allauth adds its password mismatch as plain text, worded informally ("Du musst …"); the platform
        # addresses people formally. Password validators add ValidationErrors and pass unchanged.
        if field == "password2" and isinstance(error, str | Promise):
            error = _("Die beiden Passwörter stimmen nicht überein.")
        super().add_error(field, error)

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["display_name", "preferred_language"])
        self.botcheck_spend()


class ProfileForm(CleanFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language", *NOTIFICATION_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without a display name the platform would show the e-mail address in its place.
        self.fields["display_name"].required = True
        # Each person sees the e-mails that can reach them: the digest only council members, reports only moderators.
        user = self.instance
        if user.council_district_id is None or not user.has_perm("lip.state_for_council"):
            del self.fields["notify_digest"]
        if not permissions.is_moderator(user):
            del self.fields["notify_reports"]

    def personal_fields(self):
        return [field for field in self if field.name not in NOTIFICATION_FIELDS]

    def notification_fields(self):
        return [field for field in self if field.name in NOTIFICATION_FIELDS]

    def notification_choices(self) -> dict[str, bool]:
        """The e-mail preferences shown to this person, as chosen; the others stay as they are."""
        return {name: self.cleaned_data[name] for name in NOTIFICATION_FIELDS if name in self.fields}


class OrganisationForm(CleanFormMixin, forms.ModelForm):
    type = forms.ChoiceField(label=_("Art"), choices=OrganisationType.choices)
    district = SafeModelChoiceField(
        label=_("Stadtbezirk"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("stadtweit"),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Stadtbezirk aus der Liste.")},
    )

    class Meta:
        model = Organisation
        fields = ["name", "type", "district", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5, "maxlength": 1000})}

    def validate_unique(self):
        # Uniqueness of the name is checked by the service, with its own message.
        pass


class MembershipRequestForm(CleanFormMixin, forms.Form):
    message = PlainTextField(
        label=_("Nachricht an die Organisation (optional)"), max_length=1000, rows=3, required=False
    )


class MembershipDecisionForm(CleanFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("annehmen")), ("reject", _("ablehnen"))])
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.MEMBER)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
