"""The list of all proposals in the staff workspace: filters, export, details, and correcting a transcription."""

import django_filters
from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import ServiceSaveMixin
from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.models import District, Topic

from .. import permissions, services
from ..models import (
    Channel,
    ConsultationPage,
    Proposal,
    ProposalState,
    Response,
)
from .analog_entry import (
    AnalogProposalCreateView,
    AnalogProposalForm,
    ProposalEditForm,
)
from .fields import ANALOG_CHANNEL_CHOICES


class ProposalEditView(RuleRequiredMixin, ServiceSaveMixin, generic.EditView):
    """Staff correct what they transcribed. Online proposals are their authors' words: staff only look at them here
    (moderation, i.e. hiding and answering, has its own views)."""

    access_rule = permissions.can_record_analog

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
        proposal = services.proposal_update(proposal=self.object, user=self.request.user, data=self.form.service_data())
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
        label = (
            _("Antwort bearbeiten")
            if Response.objects.filter(proposal=self.object).exists()
            else _("Antwort verfassen")
        )
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
    consultation = SafeModelChoiceFilter(label=_("Beteiligung"), queryset=ConsultationPage.objects.all())
    state = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalState.choices)
    channel = django_filters.ChoiceFilter(
        label=_("Weg"),
        choices=[(Channel.ONLINE, _("online")), (ANALOG, _("analog (alle Wege)")), *ANALOG_CHANNEL_CHOICES],
        method="filter_channel",
    )
    topic = SafeModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())
    district = SafeModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all(), null_label=_("stadtweit"))

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
    inspect_view_fields_exclude = ["search_vector"]  # the search index's copy of title and text
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
