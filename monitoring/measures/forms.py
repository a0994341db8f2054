"""Forms of measures, indicators and their values in the Wagtail admin, and the filter of the public overview. They
check what a person can correct on the form; the services check again (and more) and store.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lip.formfields import CleanFormMixin, SafeModelChoiceField, SafeModelMultipleChoiceField

from ..models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureState,
)
from . import selectors

NUMBER_ERROR = _("Bitte geben Sie eine Zahl ein, z. B. 1234,5.")
PROGRESS_ERROR = _("Der Fortschritt muss zwischen 0 und 100 Prozent liegen.")
CSV_MAX_BYTES = 2 * 1024 * 1024


def _number_field(field: forms.Field) -> None:
    field.localize = True
    field.widget.is_localized = True
    field.error_messages["invalid"] = NUMBER_ERROR


class LinkChoiceField(SafeModelMultipleChoiceField):
    """Optional links of a measure to other objects, as a list box of `size` rows."""

    def __init__(self, queryset, *, size: int, **kwargs):
        super().__init__(queryset, required=False, widget=forms.SelectMultiple(attrs={"size": size}), **kwargs)


class ProposalChoiceField(LinkChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title} ({obj.response.get_state_display()})"


class ProjectChoiceField(LinkChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference or '–'} {obj.title} – {obj.organisation}"


class MeasureForm(CleanFormMixin, WagtailAdminModelForm):
    proposals = ProposalChoiceField(
        selectors.adopted_proposals(),
        size=10,
        label=_("Aus Vorschlägen"),
        help_text=_("Nur Vorschläge, deren veröffentlichte Antwort sie (teilweise) in den LIP übernommen hat."),
    )
    projects = ProjectChoiceField(
        selectors.awarded_projects(),
        size=6,
        label=_("Geförderte Projekte"),
        help_text=_("Nur bewilligte Projekte aus dem Ideenwettbewerb."),
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
        for bound in ("max_value", "min_value"):
            self.fields["progress"].error_messages[bound] = PROGRESS_ERROR

    def clean_progress(self):
        progress = self.cleaned_data.get("progress")
        if progress is not None and not PROGRESS_MIN <= progress <= PROGRESS_MAX:
            raise forms.ValidationError(PROGRESS_ERROR)
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


class MeasureFilterForm(CleanFormMixin, forms.Form):
    """The public measure list's query string: topic and district by slug, state by value."""

    handlungsfeld = forms.SlugField(required=False, max_length=100)
    bezirk = forms.SlugField(required=False, max_length=100)
    stand = forms.ChoiceField(required=False, choices=[("", "")] + list(MeasureState.choices))

    def value(self, name: str) -> str:
        self.is_valid()  # a bad value in one parameter leaves the others in effect
        return self.cleaned_data.get(name) or ""
