"""The questionnaire about the person: every question optional, each with „keine Angabe“ (preselected), and the
staff's form for paper sheets (the same questions plus channel and event)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultation.models import Channel
from consultation.workspace.fields import AnalogChannelField, EventChoiceField
from lip.botcheck import BotCheckMixin
from lip.formfields import CleanFormMixin, SafeModelChoiceField
from lip.models import District

from ..models import NO_ANSWER, AgeGroup, Language, MigrationHistory, OrganisationKind


class AnswerChoiceField(forms.ChoiceField):
    """One question as radio buttons, „keine Angabe“ preselected and what it stands for when nothing is chosen."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(initial=NO_ANSWER, required=False, **kwargs)

    def clean(self, value):
        return super().clean(value) or NO_ANSWER


class ReachProfileForm(CleanFormMixin, forms.Form):
    age_group = AnswerChoiceField(
        label=_("Wie alt sind Sie?"),
        choices=AgeGroup.choices,
    )
    district = SafeModelChoiceField(
        label=_("In welchem Stadtbezirk wohnen Sie?"),
        queryset=District.objects.order_by("number"),
        empty_label=_("keine Angabe"),
        required=False,
        help_text=_("Wenn Sie nicht in Hannover wohnen: bitte „keine Angabe“."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Welche Sprachen sprechen Sie?"),
        choices=[(value, label) for value, label in Language.choices if value != NO_ANSWER],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mehrere Antworten sind möglich. Ohne Auswahl zählt die Frage als „keine Angabe“."),
    )
    migration = AnswerChoiceField(
        label=_("Sind Sie oder ist mindestens ein Elternteil nach Deutschland zugewandert?"),
        choices=MigrationHistory.choices,
    )
    organisation_kind = AnswerChoiceField(
        label=_("Für welche Art von Organisation machen Sie vor allem mit?"),
        choices=OrganisationKind.choices,
    )

    def clean(self):
        cleaned_data = super().clean()
        if "languages" not in self.errors:
            cleaned_data["languages"] = cleaned_data.get("languages") or [NO_ANSWER]
        return cleaned_data


class AnonymousReachProfileForm(BotCheckMixin, ReachProfileForm):
    """For visitors who are not signed in: with the signup's bot check (honeypot and time trap)."""


class ReachSheetForm(ReachProfileForm):
    """A paper sheet, typed in by staff. Channel and event stay preselected for the next sheet (`initial`)."""

    channel = AnalogChannelField(label=_("Weg"), initial=Channel.PAPER)
    event = EventChoiceField(
        required=False, help_text=_("optional: die Veranstaltung, auf der der Bogen ausgefüllt wurde")
    )

    field_order = ["channel", "event"]  # first, then the questions
