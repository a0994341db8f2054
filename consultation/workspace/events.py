"""Events (workshops, council meetings, info stands, paper collections) in the staff workspace."""

import django_filters
from django import forms
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from lip.exports import LipExportMixin
from lip.files import PrivateFileInput
from lip.filters import SafeModelChoiceFilter
from lip.formfields import CleanFormMixin
from lip.models import District

from .. import page_cache, services
from ..models import (
    ConsultationPage,
    Event,
    EventKind,
)
from ..validators import sniff_mime
from .analog_entry import AnalogSaveMixin
from .fields import ConsultationChoiceField, focus_first

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


class EventSaveMixin(AnalogSaveMixin):
    def record(self):
        return services.event_save(
            event=self.form.instance,
            user=self.request.user,
            organisations=self.form.cleaned_data.get("organisations"),
            topics=self.form.cleaned_data.get("topics"),
        )


class EventCreateView(EventSaveMixin, generic.CreateView):
    log_action = "wagtail.create"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        focus_first(form, *form.fields)
        return form


class EventEditView(EventSaveMixin, generic.EditView):
    def get_header_more_buttons(self):
        # Transcribing the event's paper forms starts here: the entry form then takes its consultation and date.
        url = reverse("consultation-proposals:add") + "?" + urlencode({"event": self.object.pk})
        return [*super().get_header_more_buttons(), Button(_("Vorschläge aus dieser Veranstaltung erfassen"), url=url)]


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
        response = super().form_valid(form)
        page_cache.consultation_changed(self.object.consultation_id)  # its page lists the events
        return response


class EventIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("consultation", "district")
            .annotate(proposal_total=Count("proposals", distinct=True))
        )


class EventFilterSet(WagtailFilterSet):
    consultation = SafeModelChoiceFilter(label=_("Beteiligung"), queryset=ConsultationPage.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=EventKind.choices)
    district = SafeModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all())

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
