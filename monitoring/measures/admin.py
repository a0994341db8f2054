"""The monitoring workspace in the Wagtail admin: measures, indicators, indicator values (typed in, with who and when,
or imported from CSV). Wired in `wagtail_hooks.py`.

Every write goes through `monitoring.measures.services`; a refusal (ValidationError) is shown on the form and the
transaction is rolled back. Who may open a view is Wagtail's model permission (the Moderation role has them, see
`apps.STAFF_PERMISSIONS`) plus `monitoring.permissions` where a view is not a plain model view.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from lip.access import RuleRequiredMixin
from lip.admin_form_views import AdminFormView
from lip.admin_forms_support import ServiceSaveMixin
from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.models import District, Topic

from .. import permissions
from ..formats import fmt_percent, fmt_value
from ..models import Indicator, IndicatorValue, Measure, MeasureState
from . import imports, services
from .forms import CsvImportForm, IndicatorForm, IndicatorValueForm, MeasureForm

# --- Measures ------------------------------------------------------------------------------------------------------


class MeasureSaveMixin(RuleRequiredMixin, ServiceSaveMixin):
    access_rule = permissions.is_monitoring_staff

    def save_instance(self):
        data = self.form.cleaned_data
        return services.measure_save(
            measure=self.form.instance,
            user=self.request.user,
            districts=data.get("districts", []),
            proposals=data.get("proposals", []),
            projects=data.get("projects", []),
        )


class MeasureCreateView(MeasureSaveMixin, generic.CreateView):
    pass


class MeasureEditView(MeasureSaveMixin, generic.EditView):
    pass


class MeasureDeleteView(generic.DeleteView):
    def delete_action(self):
        services.measure_delete(measure=self.object, user=self.request.user)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(reverse(self.edit_url_name, args=(self.object.pk,)))


class MeasureIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("topic", "parent").prefetch_related("children")


class MeasureFilterSet(WagtailFilterSet):
    topic = SafeModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())
    state = django_filters.ChoiceFilter(label=_("Stand"), choices=MeasureState.choices)
    districts = SafeModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all())
    top_level = django_filters.BooleanFilter(
        label=_("nur übergeordnete Maßnahmen"), field_name="parent", lookup_expr="isnull"
    )

    class Meta:
        model = Measure
        fields = ["topic", "state", "districts", "top_level"]


class MeasureViewSet(ModelViewSet):
    model = Measure
    icon = "tasks"
    menu_label = _("Maßnahmen")
    copy_view_enabled = False
    index_view_class = MeasureIndexView
    add_view_class = MeasureCreateView
    edit_view_class = MeasureEditView
    delete_view_class = MeasureDeleteView
    list_display = [
        "title",
        Column("topic", label=_("Handlungsfeld"), accessor="topic", sort_key="topic__name"),
        Column("state", label=_("Stand"), accessor="get_state_display", sort_key="state"),
        Column("overall_progress", label=_("Fortschritt"), accessor=lambda m: fmt_percent(m.overall_progress)),
        Column("parent", label=_("Teil von"), accessor=lambda m: m.parent or "–"),
        "weight",
        DateColumn("updated_at", label=_("geändert am")),
    ]
    list_export = [
        "title",
        "topic",
        "state",
        "overall_progress",
        "progress",
        "weight",
        "parent",
        "department",
        "start",
        "end",
    ]
    export_headings = {"overall_progress": _("Fortschritt (berechnet)"), "progress": _("Fortschritt (eingetragen)")}
    filterset_class = MeasureFilterSet
    search_fields = ["title", "description", "department"]
    search_backend_name = None
    ordering = ["topic__sort_order", "sort_order", "title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel([FieldPanel("topic"), FieldPanel("districts")], heading=_("Zuordnung")),
            MultiFieldPanel([FieldPanel("department"), FieldPanel("partners")], heading=_("Wer")),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("state"), FieldPanel("progress")],
                heading=_("Stand und Fortschritt"),
            ),
            MultiFieldPanel([FieldPanel("parent"), FieldPanel("weight")], heading=_("Teilmaßnahme")),
            MultiFieldPanel([FieldPanel("proposals"), FieldPanel("projects")], heading=_("Herkunft und Umsetzung")),
            FieldPanel("sort_order"),
        ],
        base_form_class=MeasureForm,
    )


# --- Indicators ----------------------------------------------------------------------------------------------------


class IndicatorSaveMixin(RuleRequiredMixin, ServiceSaveMixin):
    access_rule = permissions.is_monitoring_staff

    def save_instance(self):
        return services.indicator_save(indicator=self.form.instance, user=self.request.user)


class IndicatorCreateView(IndicatorSaveMixin, generic.CreateView):
    pass


class IndicatorEditView(IndicatorSaveMixin, generic.EditView):
    pass


def _latest(field: str):
    return Subquery(IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-date").values(field)[:1])


class IndicatorIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("measure", "topic")
            .annotate(latest_value=_latest("value"), latest_date=_latest("date"))
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if permissions.can_enter_values(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Werte importieren (CSV)"), url=reverse("monitoring-indicators:import"), icon_name="upload"
                )
            )
        return buttons


class IndicatorFilterSet(WagtailFilterSet):
    topic = SafeModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())
    measure = SafeModelChoiceFilter(label=_("Maßnahme"), queryset=Measure.objects.order_by("title"))

    class Meta:
        model = Indicator
        fields = ["topic", "measure"]


class IndicatorImportView(AdminFormView):
    """CSV import of values: all rows or none; every faulty row is named with its line number."""

    access_rule = permissions.can_import_values
    index_url_name = "monitoring-indicators:index"
    index_label = _("Indikatoren")
    template_name = "monitoring/admin/import.html"
    form_class = CsvImportForm
    page_title = _("Werte importieren (CSV)")
    header_icon = "upload"

    def get_initial(self):
        indicator = self.request.GET.get("indikator", "")
        return {"indicator": indicator} if indicator.isdigit() else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_url=self.request.path, submit_button_label=_("Importieren"))
        return context

    def form_valid(self, form):
        indicator = form.cleaned_data["indicator"]
        try:
            count = imports.indicator_values_import(
                indicator=indicator, user=self.request.user, raw=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(count)s Werte für „%(indicator)s“ importiert.") % {"count": count, "indicator": indicator},
        )
        return redirect(reverse("monitoring-values:index") + "?" + urlencode({"indicator": indicator.pk}))


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indikatoren")
    copy_view_enabled = False
    index_view_class = IndicatorIndexView
    add_view_class = IndicatorCreateView
    edit_view_class = IndicatorEditView
    list_display = [
        "name",
        Column("subject", label=_("Maßnahme oder Handlungsfeld"), accessor="subject"),
        "unit",
        Column("baseline_value", label=_("Ausgangswert"), accessor=lambda i: fmt_value(i.baseline_value)),
        Column(
            "latest_value", label=_("aktuell"), accessor=lambda i: fmt_value(i.latest_value), sort_key="latest_value"
        ),
        Column("target_value", label=_("Ziel"), accessor=lambda i: fmt_value(i.target_value)),
        Column(
            "attainment",
            label=_("Zielerreichung"),
            accessor=lambda i: fmt_percent(i.attainment(i.latest_value)),
        ),
    ]
    list_export = [
        "name",
        "unit",
        "subject",
        "baseline_value",
        "baseline_date",
        "latest_value",
        "latest_date",
        "target_value",
        "target_date",
        "direction",
        "source",
    ]
    export_headings = {
        "subject": _("Maßnahme oder Handlungsfeld"),
        "latest_value": _("aktueller Wert"),
        "latest_date": _("aktueller Wert vom"),
    }
    filterset_class = IndicatorFilterSet
    search_fields = ["name", "source"]
    search_backend_name = None
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("unit"),
            MultiFieldPanel([FieldPanel("measure"), FieldPanel("topic")], heading=_("Wozu (eines von beiden)")),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_date")]),
                    FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_date")]),
                    FieldPanel("direction"),
                ],
                heading=_("Ausgangswert und Ziel"),
            ),
            FieldPanel("source"),
            FieldPanel("sort_order"),
        ],
        base_form_class=IndicatorForm,
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", IndicatorImportView.as_view(), name="import")]


# --- Indicator values ----------------------------------------------------------------------------------------------


class ValueSaveMixin(RuleRequiredMixin, ServiceSaveMixin):
    access_rule = permissions.can_enter_values

    def save_instance(self):
        return services.indicator_value_save(value=self.form.instance, user=self.request.user)


class ValueCreateView(ValueSaveMixin, generic.CreateView):
    def get_initial(self):
        indicator = self.request.GET.get("indicator", "")
        return {"indicator": indicator} if indicator.isdigit() else {}


class ValueEditView(ValueSaveMixin, generic.EditView):
    pass


class ValueIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("indicator", "entered_by")


class ValueFilterSet(WagtailFilterSet):
    indicator = SafeModelChoiceFilter(label=_("Indikator"), queryset=Indicator.objects.order_by("name"))
    imported = django_filters.BooleanFilter(label=_("aus CSV-Import"))

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "imported"]


class IndicatorValueViewSet(ModelViewSet):
    model = IndicatorValue
    icon = "date"
    menu_label = _("Indikatorwerte")
    copy_view_enabled = False
    index_view_class = ValueIndexView
    add_view_class = ValueCreateView
    edit_view_class = ValueEditView
    list_display = [
        Column("indicator", label=_("Indikator"), accessor="indicator", sort_key="indicator__name"),
        DateColumn("date", label=_("Datum")),
        Column("value", label=_("Wert"), accessor=lambda v: fmt_value(v.value), sort_key="value"),
        "comment",
        Column("entered_by", label=_("erfasst von"), accessor=lambda v: v.entered_by or "–"),
        DateColumn("entered_at", label=_("erfasst am")),
        Column("imported", label=_("Import"), accessor=lambda v: gettext("ja") if v.imported else ""),
    ]
    list_export = ["indicator", "date", "value", "comment", "entered_by", "entered_at", "imported"]
    filterset_class = ValueFilterSet
    ordering = ["indicator__name", "-date"]
    edit_handler = ObjectList(
        [FieldPanel("indicator"), FieldRowPanel([FieldPanel("date"), FieldPanel("value")]), FieldPanel("comment")],
        base_form_class=IndicatorValueForm,
    )
