"""Staff's side of „Wer macht mit?“ in the Wagtail admin (wired in `wagtail_hooks.py`): the fast entry of paper
sheets, and the city's population figures (a ModelViewSet; Wagtail's model permissions, which the staff roles
have, see `apps.STAFF_PERMISSIONS`)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from consultation.workspace.fields import ANALOG_CHANNEL_CHOICES
from lip import pagecache
from lip.admin_form_views import AdminFormView
from lip.admin_forms_support import show_validation_error
from lip.formfields import CleanFormMixin
from lip.models import District

from .. import permissions
from ..formats import fmt_percent
from ..models import NO_ANSWER, AgeGroup, Language, MigrationHistory, PopulationDimension, PopulationFigure
from . import services
from .forms import ReachSheetForm

# --- Paper sheets --------------------------------------------------------------------------------------------------


class ReachSheetView(AdminFormView):
    """One sheet after the other: after each save the form is empty again, with „Bogen gespeichert“, and keeps the
    channel and the event (`?weg=…&veranstaltung=…`) for the next sheet."""

    access_rule = permissions.can_enter_reach_sheets
    template_name = "monitoring/reach/admin_sheet.html"
    form_class = ReachSheetForm
    page_title = _("Bögen „Fragen zur Person“ erfassen")
    header_icon = "form"

    def get_initial(self):
        initial = {}
        channel = self.request.GET.get("weg", "")
        if channel in dict(ANALOG_CHANNEL_CHOICES):
            initial["channel"] = channel
        event = self.request.GET.get("veranstaltung", "")
        if event.isdigit() and len(event) < 12:
            initial["event"] = int(event)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Bogen speichern"),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.reach_sheet_record(
                data=data, channel=data["channel"], event=data.get("event"), user=self.request.user
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Bogen gespeichert. Der nächste Bogen kann folgen."))
        query = {"weg": data["channel"]}
        if data.get("event"):
            query["veranstaltung"] = data["event"].pk
        return redirect(reverse("monitoring_reach:sheet") + "?" + urlencode(query))


# --- Population figures --------------------------------------------------------------------------------------------


def category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The categories per dimension, grouped (districts by their slug; the questionnaire's keys otherwise)."""
    without_no_answer = [
        (PopulationDimension.AGE_GROUP, AgeGroup.choices),
        (PopulationDimension.MIGRATION, MigrationHistory.choices),
        (PopulationDimension.LANGUAGE, Language.choices),
    ]
    labels = dict(PopulationDimension.choices)
    return [
        (
            str(labels[PopulationDimension.DISTRICT]),
            list(District.objects.order_by("number").values_list("slug", "name")),
        ),
        *(
            (str(labels[dimension]), [(v, str(label)) for v, label in choices if v != NO_ANSWER])
            for dimension, choices in without_no_answer
        ),
    ]


class PopulationFigureForm(CleanFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Ausprägung"), choices=[("", "---------"), *category_choices()]
        )

    def clean(self):
        cleaned_data = super().clean()
        dimension, category = cleaned_data.get("dimension"), cleaned_data.get("category")
        if dimension and category:
            label = str(dict(PopulationDimension.choices)[dimension])
            allowed = {value for group, options in category_choices() if group == label for value, _l in options}
            if category not in allowed:
                self.add_error("category", _("Diese Ausprägung gehört nicht zum gewählten Merkmal."))
        return cleaned_data


class StatisticsChangedMixin:
    """The public pages comparing with the figures (statistics, „Wer macht mit?“) are stale after a change."""

    def save_instance(self):
        instance = super().save_instance()
        pagecache.invalidate(pagecache.tags.STATISTICS)
        return instance

    def delete_action(self):
        super().delete_action()
        pagecache.invalidate(pagecache.tags.STATISTICS)


class PopulationFigureCreateView(StatisticsChangedMixin, generic.CreateView):
    pass


class PopulationFigureEditView(StatisticsChangedMixin, generic.EditView):
    pass


class PopulationFigureDeleteView(StatisticsChangedMixin, generic.DeleteView):
    pass


class PopulationFigureViewSet(ModelViewSet):
    model = PopulationFigure
    icon = "group"
    menu_label = _("Bevölkerungszahlen")
    copy_view_enabled = False
    add_view_class = PopulationFigureCreateView
    edit_view_class = PopulationFigureEditView
    delete_view_class = PopulationFigureDeleteView
    list_display = [
        Column("dimension", label=_("Merkmal"), accessor="get_dimension_display", sort_key="dimension"),
        "category",
        Column("share", label=_("Anteil"), accessor=lambda f: fmt_percent(f.share), sort_key="share"),
        "year",
        "source",
    ]
    list_filter = ["dimension", "year"]
    list_export = ["dimension", "category", "share", "year", "source"]
    ordering = ["dimension", "-year", "category"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("dimension"), FieldPanel("category")]),
            FieldRowPanel([FieldPanel("share"), FieldPanel("year")]),
            FieldPanel("source"),
        ],
        base_form_class=PopulationFigureForm,
    )
