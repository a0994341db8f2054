"""Form fields and helpers shared by the staff workspace's forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from lip.formfields import SafeModelChoiceField

from ..models import (
    Channel,
    ConsultationPage,
    Event,
    Proposal,
)

# --- Shared pieces -------------------------------------------------------------------------------------------


# The ways a contribution reaches the city outside the platform (paper, e-mail, phone, an event, a council meeting).
ANALOG_CHANNEL_CHOICES = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class AnalogChannelField(forms.ChoiceField):
    """„Eingangsweg“ of what staff type in: one of the analog channels."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Eingangsweg"))
        super().__init__(choices=ANALOG_CHANNEL_CHOICES, **kwargs)


class ConsultationChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Beteiligung"))
        super().__init__(queryset=ConsultationPage.objects.order_by("-first_published_at", "title"), **kwargs)

    def label_from_instance(self, obj):
        return obj.title


class EventChoiceField(forms.ModelChoiceField):
    """Events with their consultation in the label, so that two workshops of the same name can be told apart."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Veranstaltung"))
        super().__init__(queryset=Event.objects.select_related("consultation").order_by("-date"), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj} – {obj.consultation.title}"


class ConsultationEventField(SafeModelChoiceField):
    """An optional „Veranstaltung“ of one consultation; the form offers that consultation's events (`offer`) once it
    knows which one it is about (a plan draft's or a survey's parent)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Veranstaltung"))
        super().__init__(queryset=Event.objects.none(), required=False, **kwargs)

    def offer(self, consultation_id: int) -> None:
        self.queryset = Event.objects.filter(consultation_id=consultation_id).order_by("-date")


class ReceivedAtField(forms.DateTimeField):
    """„Eingegangen am“ of an analog contribution: optional (the form dates it then), never in the future."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Eingegangen am"))
        super().__init__(required=False, widget=AdminDateTimeInput, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.now():
            raise forms.ValidationError(_("Das Eingangsdatum kann nicht in der Zukunft liegen."), code="future")


class ProposalReferenceField(forms.ModelChoiceField):
    """A proposal given by its reference number, as written on the dot-voting board (LIP-2026-0042).

    A text field rather than a select: a consultation may have thousands of proposals.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Vorschlag (Nummer)"))
        kwargs.setdefault("help_text", _("Die Nummer des Vorschlags, z. B. LIP-2026-0042."))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Es gibt keinen Vorschlag mit dieser Nummer.")})
        super().__init__(queryset=Proposal.objects.select_related("consultation"), to_field_name="reference", **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


def focus_first(form: forms.Form, *names: str) -> None:
    """Keyboard entry: put the cursor into the first field with an error, else the first of `names` that is empty."""
    candidates = [name for name in form.fields if name in form.errors] if form.is_bound else []
    candidates += [name for name in names if not form.is_bound and not form.initial.get(name)]
    if candidates:
        form.fields[candidates[0]].widget.attrs["autofocus"] = True
