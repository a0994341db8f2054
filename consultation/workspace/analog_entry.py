"""Fast entry of analog proposals (workshops, paper forms, e-mail, phone, council meetings) by staff.

Built for keyboard entry of a pile of forms: "save and add another" keeps the consultation, channel, event and date
for the next one, and the cursor starts in the first empty field.
"""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.log_actions import log

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import ServiceSaveMixin
from lip.formfields import CleanFormMixin
from lip.models import Organisation

from .. import permissions, services
from ..models import (
    Channel,
    ConsultationPage,
    EventKind,
    Proposal,
)
from .fields import (
    AnalogChannelField,
    ConsultationChoiceField,
    EventChoiceField,
    ReceivedAtField,
    focus_first,
)

# --- Proposals -----------------------------------------------------------------------------------------------


class OnBehalf:
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"

    choices = [
        (PERSON, _("einer namentlich genannten Person")),
        (ORGANISATION, _("einer Organisation")),
        (ANONYMOUS, _("anonym")),
    ]


CHANNELS_WITH_EVENT = (Channel.EVENT, Channel.COUNCIL_MEETING)


def event_received_at(event):
    """What an analog proposal from `event` is dated by default: the event's date, at the latest now."""
    return timezone.localtime(min(event.date, timezone.now()))


class AnalogProposalForm(CleanFormMixin, WagtailAdminModelForm):
    """A proposal that reached the city on paper, by e-mail, by phone or at an event, transcribed by staff."""

    consultation = ConsultationChoiceField()
    channel = AnalogChannelField()
    event = EventChoiceField(
        required=False,
        help_text=_("Pflicht für Vorschläge aus einer Veranstaltung oder einer Sitzung eines Integrationsbeirats."),
    )
    received_at = ReceivedAtField(
        help_text=_(
            "Leer lassen: Bei Vorschlägen aus einer Veranstaltung gilt deren Datum, sonst der Zeitpunkt der Erfassung."
        ),
    )
    on_behalf = forms.ChoiceField(
        label=_("Eingereicht von"), choices=OnBehalf.choices, initial=OnBehalf.PERSON, widget=forms.RadioSelect
    )
    author_name = forms.CharField(
        label=_("Name der Person"),
        max_length=200,
        required=False,
        help_text=_("So, wie er öffentlich genannt werden darf."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )

    class Meta:
        model = Proposal
        fields = [
            "consultation",
            "channel",
            "event",
            "received_at",
            "title",
            "text",
            "topic",
            "district",
            "tags",
            "on_behalf",
            "author_name",
            "organisation",
        ]

    def clean(self):
        data = super().clean()
        consultation, channel, event = data.get("consultation"), data.get("channel"), data.get("event")
        if channel in CHANNELS_WITH_EVENT and event is None and "event" not in self.errors:
            self.add_error("event", _("Bitte geben Sie die Veranstaltung an, aus der der Vorschlag stammt."))
        if consultation is not None and event is not None and event.consultation_id != consultation.pk:
            self.add_error("event", _("Diese Veranstaltung gehört zu einer anderen Beteiligung."))

        on_behalf = data.get("on_behalf")
        if on_behalf == OnBehalf.PERSON:
            if not (data.get("author_name") or "").strip():
                self.add_error("author_name", _("Bitte geben Sie den Namen der Person an – oder wählen Sie „anonym“."))
            data["organisation"] = None
        elif on_behalf == OnBehalf.ORGANISATION:
            if data.get("organisation") is None and "organisation" not in self.errors:
                self.add_error("organisation", _("Bitte wählen Sie die Organisation."))
            data["author_name"] = ""
        else:
            data["author_name"] = ""
            data["organisation"] = None
        return data

    def show_event_date(self) -> None:
        """Re-rendered after an error: an empty date of receipt shows the chosen event's date, which it defaults to."""
        event = self.cleaned_data.get("event")
        if event is None or self.data.get("received_at") or "received_at" in self.errors:
            return
        self.data = self.data.copy()
        self.data["received_at"] = self.fields["received_at"].widget.format_value(event_received_at(event))

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "event": data.get("event"),
            "author_name": (data.get("author_name") or "").strip(),
            "organisation": data.get("organisation"),
            "title": data["title"],
            "text": data["text"],
            "topic": data["topic"],
            "district": data.get("district"),
            "tags": list(data.get("tags") or []),
            "created_at": data.get("received_at"),
        }


class ProposalEditForm(CleanFormMixin, WagtailAdminModelForm):
    """Staff corrections of a proposal's content (e.g. a transcription error). Moderation is a separate matter."""

    class Meta:
        model = Proposal
        fields = ["title", "text", "topic", "district", "tags"]

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "topic": data["topic"],
            "district": data.get("district"),
            "tags": list(data.get("tags") or []),
        }


SAVE_AND_ADD = "save-and-add"
KEPT_FOR_NEXT = ("consultation", "channel", "event", "received_at")


class AnalogSaveMixin(RuleRequiredMixin, ServiceSaveMixin):
    """Create and edit views for what staff record from the analog channels: `record` calls the service, and what it
    saved is logged."""

    access_rule = permissions.can_record_analog
    log_action = "wagtail.edit"

    def record(self):
        raise NotImplementedError

    def save_instance(self):
        instance = self.record()
        log(instance=instance, action=self.log_action, user=self.request.user)
        return instance


class AnalogProposalCreateView(AnalogSaveMixin, generic.CreateView):
    log_action = "wagtail.create"
    template_name = "consultation/admin/create_and_add.html"
    page_title = _("Analogen Vorschlag erfassen")
    save_and_add_label = _("Speichern und weiteren erfassen")

    def get_initial(self):
        initial = super().get_initial()
        for name in KEPT_FOR_NEXT:
            if value := self.request.GET.get(name):
                initial[name] = value
        if event := self.event_from_url(initial.get("event")):
            # Opened for an event (e.g. from its page): its consultation, channel and date are the defaults.
            initial.setdefault("consultation", event.consultation_id)
            initial.setdefault(
                "channel", Channel.COUNCIL_MEETING if event.kind == EventKind.COUNCIL_MEETING else Channel.EVENT
            )
            initial.setdefault("received_at", event_received_at(event))
        if "consultation" not in initial:
            consultations = list(ConsultationPage.objects.live().values_list("pk", flat=True)[:2])
            if len(consultations) == 1:
                initial["consultation"] = consultations[0]
        return initial

    @staticmethod
    def event_from_url(value):
        if not value:
            return None
        try:
            return EventChoiceField().clean(value)
        except forms.ValidationError:
            return None

    def form_invalid(self, form):
        form.show_event_date()
        return super().form_invalid(form)

    def get_form(self, form_class=None):
        # After "Speichern und weiteren erfassen" origin fields are kept, so the cursor starts in the title.
        form = super().get_form(form_class)
        focus_first(form, "consultation", "channel", "title")
        return form

    def record(self):
        return services.proposal_record_analog(
            consultation=self.form.cleaned_data["consultation"],
            recorded_by=self.request.user,
            data=self.form.service_data(),
        )

    def save_action(self):
        messages.success(
            self.request,
            _("Vorschlag %(reference)s „%(title)s“ erfasst.")
            % {"reference": self.object.reference, "title": self.object.title},
            buttons=[messages.button(self.get_edit_url(), _("Bearbeiten"))],
        )
        return redirect(self.get_success_url())

    def get_success_url(self):
        if SAVE_AND_ADD in self.request.POST:
            keep = {name: self.request.POST.get(name, "") for name in KEPT_FOR_NEXT}
            return reverse(self.add_url_name) + "?" + urlencode({k: v for k, v in keep.items() if v})
        return super().get_success_url()
