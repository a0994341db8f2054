"""Forms of report schedules and runs in the Wagtail admin. They check what a person can correct on the form; the
services check again (and more) and store.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from lip.formfields import CleanCharField, CleanFormMixin, SafeModelChoiceField, SafeModelMultipleChoiceField
from lip.models import District

from ..models import (
    Audience,
    ReportSchedule,
    ReportSection,
)
from . import services


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


class RunPlanForm(forms.Form):
    """`?plan=<schedule id>` on "Bericht erstellen": the form starts from that schedule's settings."""

    plan = SafeModelChoiceField(queryset=ReportSchedule.objects.all(), required=False)


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
