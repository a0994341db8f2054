"""Analog tallies in the staff workspace: the dot votes a proposal got at an event."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lip.access import RuleRequiredMixin
from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.formfields import CleanFormMixin

from .. import permissions, services
from ..models import (
    AnalogTally,
    ConsultationPage,
    Event,
    ProposalState,
)
from .analog_entry import SAVE_AND_ADD, AnalogSaveMixin
from .fields import EventChoiceField, ProposalReferenceField, focus_first

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


class TallySaveMixin(AnalogSaveMixin):
    def record(self):
        return services.tally_record(
            proposal=self.form.cleaned_data["proposal"],
            event=self.form.cleaned_data["event"],
            count=self.form.cleaned_data["count"],
            recorded_by=self.request.user,
        )


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


class TallyDeleteView(RuleRequiredMixin, generic.DeleteView):
    """Deleting a tally takes its votes off the proposal's analog total in the same transaction."""

    access_rule = permissions.can_record_analog

    def delete_action(self):
        services.tally_delete(tally=self.object, user=self.request.user)


class TallyIndexView(LipExportMixin, generic.IndexView):
    add_item_label = _("Analoge Stimmen erfassen")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("proposal", "event", "recorded_by")


class TallyFilterSet(WagtailFilterSet):
    consultation = SafeModelChoiceFilter(
        label=_("Beteiligung"), queryset=ConsultationPage.objects.all(), field_name="event__consultation"
    )
    event = SafeModelChoiceFilter(label=_("Veranstaltung"), queryset=Event.objects.all())

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
