"""The staff workspace in the Wagtail admin: events, analog proposals, the proposal list, analog tallies.

Wired in `wagtail_hooks.py`. Who may open a view is Wagtail's model permission (the Moderation group has them, see
`apps.MODERATOR_PERMISSIONS`); every write goes through `consultation.services`, which check again and keep the
counters right. A `ValidationError` from a service is shown on the form, and the transaction is rolled back.
"""

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from lip.exports import LipExportMixin
from lip.files import PrivateFileInput
from lip.formfields import CleanFormMixin
from lip.models import District, Organisation, Topic

from . import permissions, services
from .models import (
    AnalogTally,
    Channel,
    ConsultationPage,
    Event,
    EventKind,
    Proposal,
    ProposalState,
    Response,
)
from .validators import sniff_mime

# --- Shared pieces -------------------------------------------------------------------------------------------


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


def show_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form: on the field it names if the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
    else:
        form.add_error(None, error)


def focus_first(form: forms.Form, *names: str) -> None:
    """Keyboard entry: put the cursor into the first field with an error, else the first of `names` that is empty."""
    candidates = [name for name in form.fields if name in form.errors] if form.is_bound else []
    candidates += [name for name in names if not form.is_bound and not form.initial.get(name)]
    if candidates:
        form.fields[candidates[0]].widget.attrs["autofocus"] = True


class StaffOnlyMixin:
    """Entering analog contributions is for staff (`permissions.can_record_analog`), beyond the model permission."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_record_analog(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ServiceSaveMixin(StaffOnlyMixin):
    """Create and edit views whose `save_instance` calls a service: refusals become form errors, not a 500."""

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except ValidationError as error:
            show_validation_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


# --- Events --------------------------------------------------------------------------------------------------


class EventForm(CleanFormMixin, WagtailAdminModelForm):
    consultation = ConsultationChoiceField()

    class Meta:
        model = Event
        fields = [
            "consultation",
            "kind",
            "title",
            "date",
            "place",
            "district",
            "topics",
            "attendees",
            "organisations",
            "minutes",
            "minutes_file",
        ]
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The current minutes link to the public minutes view: MEDIA_URL serves no uploads (lip/files.py).
        widget = PrivateFileInput()
        event = self.instance
        if event.pk and event.minutes_file and event.consultation_id:
            page = event.consultation
            widget.download_url = (page.url or "") + page.reverse_subpage("event_minutes", args=[event.pk])
        self.fields["minutes_file"].widget = widget

    def clean_minutes_file(self):
        upload = self.cleaned_data.get("minutes_file")
        if upload and hasattr(upload, "content_type") and sniff_mime(upload) != "application/pdf":
            raise forms.ValidationError(_("Das Protokoll muss eine PDF-Datei sein."), code="file_type")
        return upload


class EventSaveMixin(ServiceSaveMixin):
    log_action = "wagtail.edit"

    def save_instance(self):
        event = services.event_save(
            event=self.form.instance,
            user=self.request.user,
            organisations=self.form.cleaned_data.get("organisations"),
            topics=self.form.cleaned_data.get("topics"),
        )
        log(instance=event, action=self.log_action, user=self.request.user)
        return event


class EventCreateView(EventSaveMixin, generic.CreateView):
    log_action = "wagtail.create"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        focus_first(form, *form.fields)
        return form


class EventEditView(EventSaveMixin, generic.EditView):
    pass


class EventDeleteView(generic.DeleteView):
    """Events that proposals or tallies come from stay: deleting them would cut the thread back to the source."""

    def contributions_message(self) -> str:
        proposals, tallies = self.object.proposals.count(), self.object.tallies.count()
        if not (proposals or tallies):
            return ""
        return _(
            "Die Veranstaltung kann nicht gelöscht werden: %(proposals)s Vorschläge und %(tallies)s "
            "Stimmenzählungen stammen aus ihr."
        ) % {"proposals": proposals, "tallies": tallies}

    @property
    def confirmation_message(self):
        return self.contributions_message() or super().confirmation_message

    def form_valid(self, form):
        if refusal := self.contributions_message():
            messages.error(self.request, refusal)
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class EventIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("consultation", "district")
            .annotate(proposal_total=Count("proposals", distinct=True))
        )


class EventFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(label=_("Beteiligung"), queryset=ConsultationPage.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=EventKind.choices)
    district = django_filters.ModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all())

    class Meta:
        model = Event
        fields = ["consultation", "kind", "district"]


class EventViewSet(ModelViewSet):
    model = Event
    icon = "calendar"
    menu_label = _("Veranstaltungen")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    list_display = [
        "title",
        "kind",
        "consultation",
        "date",
        "district",
        "attendees",
        Column("proposal_total", label=_("Vorschläge"), sort_key="proposal_total"),
    ]
    list_export = ["title", "kind", "consultation", "date", "place", "district", "attendees", "minutes"]
    filterset_class = EventFilterSet
    search_fields = ["title", "place"]
    search_backend_name = None
    ordering = ["-date"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("consultation"), FieldPanel("kind"), FieldPanel("title")], heading=_("Veranstaltung")
            ),
            MultiFieldPanel(
                [FieldPanel("date"), FieldPanel("place"), FieldPanel("district")], heading=_("Wann und wo")
            ),
            MultiFieldPanel(
                [FieldPanel("topics"), FieldPanel("attendees"), FieldPanel("organisations")],
                heading=_("Themen und Teilnehmende"),
            ),
            MultiFieldPanel([FieldPanel("minutes"), FieldPanel("minutes_file")], heading=_("Protokoll")),
        ],
        base_form_class=EventForm,
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


ANALOG_CHANNEL_CHOICES = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]
CHANNELS_WITH_EVENT = (Channel.EVENT, Channel.COUNCIL_MEETING)


class AnalogProposalForm(CleanFormMixin, WagtailAdminModelForm):
    """A proposal that reached the city on paper, by e-mail, by phone or at an event, transcribed by staff."""

    consultation = ConsultationChoiceField()
    channel = forms.ChoiceField(label=_("Eingangsweg"), choices=ANALOG_CHANNEL_CHOICES)
    event = EventChoiceField(
        required=False,
        help_text=_("Pflicht für Vorschläge aus einer Veranstaltung oder einer Sitzung eines Integrationsbeirats."),
    )
    received_at = forms.DateTimeField(
        label=_("Eingegangen am"),
        required=False,
        widget=AdminDateTimeInput,
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

        received_at = data.get("received_at")
        if received_at and received_at > timezone.now():
            self.add_error("received_at", _("Das Eingangsdatum kann nicht in der Zukunft liegen."))
        return data

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


class AnalogProposalCreateView(ServiceSaveMixin, generic.CreateView):
    template_name = "consultation/admin/create_and_add.html"
    page_title = _("Analogen Vorschlag erfassen")
    save_and_add_label = _("Speichern und weiteren erfassen")

    def get_initial(self):
        initial = super().get_initial()
        for name in KEPT_FOR_NEXT:
            if value := self.request.GET.get(name):
                initial[name] = value
        if "consultation" not in initial:
            consultations = list(ConsultationPage.objects.live().values_list("pk", flat=True)[:2])
            if len(consultations) == 1:
                initial["consultation"] = consultations[0]
        return initial

    def get_form(self, form_class=None):
        # After "Speichern und weiteren erfassen" origin fields are kept, so the cursor starts in the title.
        form = super().get_form(form_class)
        focus_first(form, "consultation", "channel", "title")
        return form

    def save_instance(self):
        proposal = services.proposal_record_analog(
            consultation=self.form.cleaned_data["consultation"],
            recorded_by=self.request.user,
            data=self.form.service_data(),
        )
        log(instance=proposal, action="wagtail.create", user=self.request.user)
        return proposal

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


class ProposalEditView(ServiceSaveMixin, generic.EditView):
    """Staff correct what they transcribed. Online proposals are their authors' words: staff only look at them here
    (moderation, i.e. hiding and answering, has its own views)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()

    def dispatch(self, request, *args, **kwargs):
        if self.object.channel == Channel.ONLINE and permissions.can_record_analog(request.user):
            messages.info(
                request,
                _("Online-Vorschläge können nur ihre Verfasserinnen und Verfasser ändern. Hier sehen Sie ihn an."),
            )
            return redirect(self.inspect_url_name, self.object.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        proposal = services.proposal_update(
            proposal=self.object, user=self.request.user, data=self.form.service_data()
        )
        log(instance=proposal, action="wagtail.edit", user=self.request.user)
        return proposal


class ProposalIndexView(LipExportMixin, generic.IndexView):
    add_item_label = _("Analogen Vorschlag erfassen")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("consultation", "topic", "district", "response")
            .annotate(vote_total=F("online_votes") + F("analog_votes"))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(MenuItem(_("Antwort"), url=_answer_url(instance), icon_name="mail", priority=15))
        return buttons


class ProposalInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        label = _("Antwort bearbeiten") if Response.objects.filter(proposal=self.object).exists() else _("Antwort verfassen")
        return [HeaderButton(label, url=_answer_url(self.object), icon_name="mail")]


def _answer_url(proposal: Proposal) -> str:
    return reverse("consultation-responses:answer", args=[proposal.pk])


def _response_summary(proposal: Proposal) -> str:
    """The list's "Antwort" column: the response's state, marked as draft until it is published."""
    try:
        response = proposal.response
    except Proposal.response.RelatedObjectDoesNotExist:
        return "—"
    if not response.is_published:
        return _("%(state)s (Entwurf)") % {"state": response.get_state_display()}
    return response.get_state_display()


def _vote_summary(proposal: Proposal) -> str:
    if proposal.analog_votes:
        return _("%(total)s (davon %(analog)s analog)") % {
            "total": proposal.total_votes,
            "analog": proposal.analog_votes,
        }
    return str(proposal.total_votes)


ANALOG = "analog"


class ProposalFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(label=_("Beteiligung"), queryset=ConsultationPage.objects.all())
    state = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalState.choices)
    channel = django_filters.ChoiceFilter(
        label=_("Weg"),
        choices=[(Channel.ONLINE, _("online")), (ANALOG, _("analog (alle Wege)")), *ANALOG_CHANNEL_CHOICES],
        method="filter_channel",
    )
    topic = django_filters.ModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())
    district = django_filters.ModelChoiceFilter(
        label=_("Stadtbezirk"), queryset=District.objects.all(), null_label=_("stadtweit")
    )

    class Meta:
        model = Proposal
        fields = ["consultation", "state", "channel", "topic", "district"]

    def filter_channel(self, queryset, name, value):
        if value == ANALOG:
            return queryset.exclude(channel=Channel.ONLINE)
        return queryset.filter(channel=value)


# Fast transcription: first what stays the same from one paper form to the next (kept after "Speichern und weiteren
# erfassen"), then what changes, starting with the title, where the cursor waits. Plain selects, no choosers.
ANALOG_PROPOSAL_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [FieldPanel("consultation"), FieldPanel("channel"), FieldPanel("event"), FieldPanel("received_at")],
            heading=_("Herkunft"),
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("text"), FieldPanel("topic"), FieldPanel("district"), FieldPanel("tags")],
            heading=_("Vorschlag"),
        ),
        MultiFieldPanel(
            [FieldPanel("on_behalf"), FieldPanel("author_name"), FieldPanel("organisation")],
            heading=_("Im Namen von"),
        ),
    ],
    base_form_class=AnalogProposalForm,
)

PROPOSAL_EDIT_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("reference", read_only=True),
                FieldPanel("consultation", read_only=True),
                FieldPanel("channel", read_only=True),
                FieldPanel("event", read_only=True),
                FieldPanel("state", read_only=True),
            ],
            heading=_("Herkunft"),
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("text"), FieldPanel("topic"), FieldPanel("district"), FieldPanel("tags")],
            heading=_("Vorschlag"),
        ),
    ],
    base_form_class=ProposalEditForm,
)


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "doc-full"
    menu_label = _("Vorschläge")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView
    add_view_class = AnalogProposalCreateView
    edit_view_class = ProposalEditView
    list_display = [
        "reference",
        "title",
        "consultation",
        "channel",
        "state",
        Column("votes", label=_("Stimmen"), accessor=_vote_summary, sort_key="vote_total"),
        Column("response", label=_("Antwort"), accessor=_response_summary),
        "created_at",
    ]
    list_export = [
        "reference",
        "title",
        "consultation",
        "channel",
        "state",
        "topic",
        "district",
        "display_author",
        "online_votes",
        "analog_votes",
        "comment_count",
        "statement_count",
        "created_at",
    ]
    export_headings = {"display_author": _("Eingereicht von")}
    filterset_class = ProposalFilterSet
    search_fields = ["reference", "title"]
    search_backend_name = None
    ordering = ["-created_at"]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(panel=ANALOG_PROPOSAL_PANELS.bind_to_model(Proposal), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(panel=PROPOSAL_EDIT_PANELS.bind_to_model(Proposal), **kwargs)

    def get_form_class(self, for_update=False):
        panels = PROPOSAL_EDIT_PANELS if for_update else ANALOG_PROPOSAL_PANELS
        return panels.bind_to_model(Proposal).get_form_class()


# --- Analog tallies ------------------------------------------------------------------------------------------


class AnalogTallyForm(CleanFormMixin, WagtailAdminModelForm):
    """Dot votes a proposal got at an event. Proposal and event stay fixed once the tally exists."""

    proposal = ProposalReferenceField()
    event = EventChoiceField()

    class Meta:
        model = AnalogTally
        fields = ["proposal", "event", "count"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["proposal"] = self.instance.proposal.reference
            for name in ("proposal", "event"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        proposal, event = data.get("proposal"), data.get("event")
        if proposal is not None and proposal.state != ProposalState.PUBLISHED:
            self.add_error(
                "proposal", _("Für ausgeblendete oder zurückgezogene Vorschläge werden keine Stimmen gezählt.")
            )
        if proposal is None or event is None:
            return data
        if event.consultation_id != proposal.consultation_id:
            self.add_error(
                "event",
                _("Diese Veranstaltung gehört zu einer anderen Beteiligung als der Vorschlag %(reference)s.")
                % {"reference": proposal.reference},
            )
        elif not self.instance.pk:
            existing = AnalogTally.objects.filter(proposal=proposal, event=event).first()
            if existing is not None:
                self.add_error(
                    "proposal",
                    _(
                        "Für diesen Vorschlag sind aus dieser Veranstaltung schon %(count)s Stimmen erfasst. "
                        "Bitte korrigieren Sie die vorhandene Zählung."
                    )
                    % {"count": existing.count},
                )
        return data


class TallySaveMixin(ServiceSaveMixin):
    log_action = "wagtail.edit"

    def save_instance(self):
        tally = services.tally_record(
            proposal=self.form.cleaned_data["proposal"],
            event=self.form.cleaned_data["event"],
            count=self.form.cleaned_data["count"],
            recorded_by=self.request.user,
        )
        log(instance=tally, action=self.log_action, user=self.request.user)
        return tally


class TallyCreateView(TallySaveMixin, generic.CreateView):
    log_action = "wagtail.create"
    template_name = "consultation/admin/create_and_add.html"
    save_and_add_label = _("Speichern und nächsten Vorschlag zählen")

    def get_initial(self):
        initial = super().get_initial()
        if event := self.request.GET.get("event"):
            initial["event"] = event
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        focus_first(form, "event", "proposal")
        return form

    def get_success_url(self):
        if SAVE_AND_ADD in self.request.POST:
            return reverse(self.add_url_name) + "?" + urlencode({"event": self.object.event_id})
        return super().get_success_url()


class TallyEditView(TallySaveMixin, generic.EditView):
    pass


class TallyDeleteView(StaffOnlyMixin, generic.DeleteView):
    """Deleting a tally takes its votes off the proposal's analog total in the same transaction."""

    def delete_action(self):
        services.tally_delete(tally=self.object, user=self.request.user)


class TallyIndexView(LipExportMixin, generic.IndexView):
    add_item_label = _("Analoge Stimmen erfassen")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("proposal", "event", "recorded_by")


class TallyFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("Beteiligung"), queryset=ConsultationPage.objects.all(), field_name="event__consultation"
    )
    event = django_filters.ModelChoiceFilter(label=_("Veranstaltung"), queryset=Event.objects.all())

    class Meta:
        model = AnalogTally
        fields = ["consultation", "event"]


class AnalogTallyViewSet(ModelViewSet):
    model = AnalogTally
    icon = "tasks"
    menu_label = _("Analoge Stimmen")
    copy_view_enabled = False
    index_view_class = TallyIndexView
    add_view_class = TallyCreateView
    edit_view_class = TallyEditView
    delete_view_class = TallyDeleteView
    list_display = [
        "proposal",
        "event",
        "count",
        "recorded_by",
        "recorded_at",
    ]
    list_export = ["proposal", "event", "count", "recorded_by", "recorded_at"]
    filterset_class = TallyFilterSet
    search_fields = ["proposal__reference", "proposal__title"]
    search_backend_name = None
    ordering = ["-recorded_at"]
    edit_handler = ObjectList(
        [FieldPanel("event"), FieldPanel("proposal"), FieldPanel("count")], base_form_class=AnalogTallyForm
    )


# --- The group in the menu -----------------------------------------------------------------------------------


class ConsultationGroup(ModelViewSetGroup):
    menu_label = _("Beteiligung")
    menu_icon = "comment"
    menu_order = 240
    # Other viewsets join this submenu by registering with this hook (see `responses_admin.py`).
    submenu_hook = "register_consultation_menu_item"
    items = (
        ProposalViewSet("consultation-proposals"),
        EventViewSet("consultation-events"),
        AnalogTallyViewSet("consultation-tallies"),
    )
