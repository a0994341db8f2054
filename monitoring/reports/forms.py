"""Forms of report schedules and runs in the Wagtail admin. They check what a person can correct on the form; the
services check again (and more) and store.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from lip.formfields import (
    CleanCharField,
    CleanFormMixin,
    PlainTextField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from lip.models import District

from ..models import (
    Audience,
    ConsiderationTable,
    ReportSchedule,
    ReportSection,
    SignatureFormula,
    TableState,
)
from . import services
from .texts import ASSESSED_SECTIONS, TEXT_MAX_LENGTH


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
            "signer_formula",
            "signer_name",
            "signer_function",
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


def _report_text(label, help_text, *, rows: int = 6) -> PlainTextField:
    """One of the administration's texts in a draft: optional plain text, a blank line starts a paragraph."""
    return PlainTextField(label=label, help_text=help_text, required=False, max_length=TEXT_MAX_LENGTH, rows=rows)


class RunTextsForm(CleanFormMixin, forms.Form):
    """The administration's words in a draft: an introduction, an assessment for each chapter it has (not the annex),
    a conclusion; and another signer than the setting's, if wanted. Plain text: a blank line starts a paragraph."""

    introduction = _report_text(
        _("Einleitung"), _("Steht am Anfang der Zusammenfassung. Eine Leerzeile beginnt einen neuen Absatz.")
    )
    conclusion = _report_text(_("Fazit"), _("Steht am Ende des Berichts, vor der Unterschrift."))
    signer_formula = forms.ChoiceField(
        label=_("Zeichnung"), required=False, choices=[("", _("wie in den Einstellungen")), *SignatureFormula.choices]
    )
    signer_name = CleanCharField(
        label=_("Unterzeichnende Person"),
        required=False,
        max_length=120,
        help_text=_("Leer lassen für die Angabe in den Einstellungen „Berichte an die Ratsgremien“."),
    )
    signer_function = CleanCharField(label=_("Funktion der unterzeichnenden Person"), required=False, max_length=120)
    attachments = SafeModelMultipleChoiceField(
        label=_("Abwägungstabellen als weitere Anlagen"),
        queryset=ConsiderationTable.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fertig erstellte Abwägungstabellen, die mit diesem Bericht an die Gremien gehen."),
    )

    def __init__(self, *args, run, **kwargs):
        initial = {
            "attachments": list(run.attachments.values_list("pk", flat=True)) if run.pk else [],
            "introduction": run.introduction,
            "conclusion": run.conclusion,
            "signer_formula": run.signer_formula,
            "signer_name": run.signer_name,
            "signer_function": run.signer_function,
        }
        assessments = run.assessments if isinstance(run.assessments, dict) else {}
        titles = dict(ReportSection.choices)
        self.assessed = [key for key in ASSESSED_SECTIONS if key in run.sections]
        for key in self.assessed:
            initial[f"assessment_{key}"] = assessments.get(key, "")
        super().__init__(*args, initial={**initial, **(kwargs.pop("initial", None) or {})}, **kwargs)
        self.fields["attachments"].queryset = ConsiderationTable.objects.filter(state=TableState.READY).order_by(
            "-issued_at"
        )
        for key in self.assessed:
            self.fields[f"assessment_{key}"] = _report_text(
                _("Bewertung: %(chapter)s") % {"chapter": titles[key]},
                _("Freiwillig. Steht am Ende des Kapitels."),
                rows=4,
            )
        # the order on the page: introduction, the chapters' assessments, conclusion, then the signer
        order = ["introduction", *(f"assessment_{k}" for k in self.assessed), "conclusion"]
        self.order_fields(order)

    def assessments(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"assessment_{key}", "") for key in self.assessed}
