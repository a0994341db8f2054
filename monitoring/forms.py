"""Forms of the monitoring workspace in the Wagtail admin. They check what a person can correct on the form; the
services check again (and more) and store."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from lip.formfields import CleanCharField, CleanFormMixin, SafeModelChoiceField, SafeModelMultipleChoiceField
from lip.models import District

from . import selectors, services
from .models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Audience,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureState,
    ReportSchedule,
    ReportSection,
)

NUMBER_ERROR = _("Bitte geben Sie eine Zahl ein, z. B. 1234,5.")
CSV_MAX_BYTES = 2 * 1024 * 1024


def _number_field(field: forms.Field) -> None:
    field.localize = True
    field.widget.is_localized = True
    field.error_messages["invalid"] = NUMBER_ERROR


class ProposalChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title} ({obj.response.get_state_display()})"


class ProjectChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference or '–'} {obj.title} – {obj.organisation}"


class CouncilMemberChoiceField(SafeModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Empfänger*innen (Ratsmitglieder)"))
        kwargs.setdefault(
            "help_text",
            _(
                "Personen in der Gruppe „Ratsmitglied“. Sie erhalten eine E-Mail mit dem Bericht, sobald er erstellt ist."
            ),
        )
        super().__init__(
            queryset=services.council_members().order_by("display_name", "email"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj} <{obj.email}>"


class MeasureForm(CleanFormMixin, WagtailAdminModelForm):
    proposals = ProposalChoiceField(
        queryset=selectors.adopted_proposals(),
        required=False,
        label=_("Aus Vorschlägen"),
        help_text=_("Nur Vorschläge, deren veröffentlichte Antwort sie (teilweise) in den LIP übernommen hat."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    projects = ProjectChoiceField(
        queryset=selectors.awarded_projects(),
        required=False,
        label=_("Geförderte Projekte"),
        help_text=_("Nur bewilligte Projekte aus dem Ideenwettbewerb."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "topic",
            "districts",
            "department",
            "partners",
            "start",
            "end",
            "state",
            "progress",
            "parent",
            "weight",
            "proposals",
            "projects",
            "sort_order",
        ]
        widgets = {"districts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Measure.objects.filter(parent__isnull=True).order_by("title")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["progress"].error_messages["max_value"] = _(
            "Der Fortschritt muss zwischen 0 und 100 Prozent liegen."
        )
        self.fields["progress"].error_messages["min_value"] = _(
            "Der Fortschritt muss zwischen 0 und 100 Prozent liegen."
        )

    def clean_progress(self):
        progress = self.cleaned_data.get("progress")
        if progress is not None and not PROGRESS_MIN <= progress <= PROGRESS_MAX:
            raise forms.ValidationError(_("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."))
        return progress

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


class IndicatorForm(CleanFormMixin, WagtailAdminModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "unit",
            "measure",
            "topic",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "direction",
            "source",
            "sort_order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("baseline_value", "target_value"):
            _number_field(self.fields[name])

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("measure")) == bool(cleaned.get("topic")):
            self.add_error("topic", _("Ein Indikator gehört entweder zu einer Maßnahme oder zu einem Handlungsfeld."))
        return cleaned


class IndicatorValueForm(CleanFormMixin, WagtailAdminModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "date", "value", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _number_field(self.fields["value"])


class CsvImportForm(CleanFormMixin, forms.Form):
    indicator = SafeModelChoiceField(
        queryset=Indicator.objects.select_related("measure", "topic").order_by("name"), label=_("Indikator")
    )
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Eine Kopfzeile mit den Spalten „datum“, „wert“ und optional „kommentar“, getrennt durch Semikolon oder "
            "Komma; Datum als TT.MM.JJJJ, Zahlen wie 1234,5. Es wird alles importiert oder nichts."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        raw = upload.read()
        if b"\x00" in raw:
            raise forms.ValidationError(_("Das ist keine CSV-Datei (Text)."))
        return raw


class StatisticsFilterForm(CleanFormMixin, forms.Form):
    """The public statistics page's query string: `?jahr=2026`."""

    jahr = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    @property
    def year(self) -> int | None:
        return self.cleaned_data.get("jahr") if self.is_valid() else None


class RunPlanForm(forms.Form):
    """`?plan=<schedule id>` on "Bericht erstellen": the form starts from that schedule's settings."""

    plan = SafeModelChoiceField(queryset=ReportSchedule.objects.all(), required=False)


class MeasureFilterForm(CleanFormMixin, forms.Form):
    """The public measure list's query string: topic and district by slug, state by value."""

    handlungsfeld = forms.SlugField(required=False, max_length=100)
    bezirk = forms.SlugField(required=False, max_length=100)
    stand = forms.ChoiceField(required=False, choices=[("", "")] + list(MeasureState.choices))

    def value(self, name: str) -> str:
        self.is_valid()  # a bad value in one parameter leaves the others in effect
        return self.cleaned_data.get(name) or ""


class OrderFields(CleanFormMixin, forms.Form):
    """What a report contains and who gets it: shared by schedules and on-demand reports."""

    audiences = forms.MultipleChoiceField(
        label=_("Gremien"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    sections = forms.MultipleChoiceField(
        label=_("Kapitel"),
        choices=ReportSection.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deckblatt, Inhaltsverzeichnis und Zusammenfassung gehören immer dazu."),
    )


DISTRICT_REQUIRED = _("Für einen Stadtbezirksrat oder Integrationsbeirat wählen Sie bitte den Stadtbezirk.")


def _check_district(form: forms.Form, cleaned: dict) -> None:
    """A report to a Stadtbezirksrat or an Integrationsbeirat is that district's report: it needs the district."""
    if set(cleaned.get("audiences") or []) & Audience.district_bodies() and not cleaned.get("district"):
        form.add_error("district", DISTRICT_REQUIRED)


class ScheduleForm(CleanFormMixin, WagtailAdminModelForm):
    audiences = OrderFields.base_fields["audiences"]
    sections = OrderFields.base_fields["sections"]
    recipients = CouncilMemberChoiceField()

    class Meta:
        model = ReportSchedule
        fields = [
            "title",
            "audiences",
            "district",
            "period",
            "sections",
            "recipients",
            "extra_recipients",
            "enabled",
            "run_day",
            "run_hour",
        ]

    def clean(self):
        cleaned = super().clean()
        _check_district(self, cleaned)
        return cleaned


class RunRequestForm(CleanFormMixin, forms.Form):
    title = CleanCharField(label=_("Betreff"), max_length=200)
    audiences = OrderFields.base_fields["audiences"]
    district = SafeModelChoiceField(
        queryset=District.objects.all(),
        required=False,
        label=_("Stadtbezirk"),
        help_text=_("Pflicht, wenn der Bericht an einen Stadtbezirksrat oder einen Integrationsbeirat geht."),
    )
    sections = OrderFields.base_fields["sections"]
    period_start = forms.DateField(label=_("Zeitraum von"), widget=AdminDateInput)
    period_end = forms.DateField(label=_("Zeitraum bis"), widget=AdminDateInput)
    recipients = CouncilMemberChoiceField()
    extra_recipients = CleanCharField(
        label=_("Weitere E-Mail-Adressen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Adresse je Zeile."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten."))
        _check_district(self, cleaned)
        return cleaned
