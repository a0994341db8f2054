"""The applicant's forms: the application with its cost plan, and the progress report of a funded project.

The forms check input (types, lengths, choices, file content); the services decide permissions, compute the totals
and store.
"""

import re
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lip.formfields import (
    ActingForField,
    CleanCharField,
    CleanFormMixin,
    PlainTextField,
    SafeModelMultipleChoiceField,
)
from lip.models import District, Organisation, Topic
from lip.selectors import organisations_user_can_act_for

from ..competitions.selectors import linkable_proposals
from ..fields import EuroField, MultipleFileField
from ..models import Application, ApplicationAttachment, CompetitionPage, ProgressState
from .proposal_links import ProposalLinksMixin

TEXT_LIMITS = {"title": 120, "summary": 1000, "goals": 3000, "target_groups": 1000, "partners": 1000, "schedule": 2000}
REFERENCE_RE = re.compile(r"^LIP-\d{4}-\d{4,}$")
COST_LINES_EXTRA = 3


class ProposalReferencesField(forms.Field):
    """Proposals given by their numbers (LIP-2026-0042), separated by commas: a consultation may have thousands.

    Only published proposals of the competition's consultations are accepted; anything else is a field error.
    """

    widget = forms.TextInput

    def __init__(self, *, queryset, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        references = []
        for part in re.split(r"[,;\s]+", str(value)):
            part = part.strip().upper()
            if part and part not in references:
                references.append(part)
        return references

    def clean(self, value):
        references = self.to_python(value)
        self.validate(references)
        if not references:
            return []
        malformed = [r for r in references if not REFERENCE_RE.match(r)]
        if malformed:
            raise forms.ValidationError(
                _("„%(value)s“ ist keine Vorschlagsnummer. Vorschlagsnummern sehen so aus: LIP-2026-0042."),
                params={"value": malformed[0]},
                code="invalid",
            )
        found = {p.reference: p for p in self.queryset.filter(reference__in=references)}
        missing = [r for r in references if r not in found]
        if missing:
            raise forms.ValidationError(
                _("Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht: %(refs)s"),
                params={"refs": ", ".join(missing)},
                code="invalid_choice",
            )
        return [found[r] for r in references]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(getattr(v, "reference", str(v)) for v in value)
        return value


class ApplicationForm(CleanFormMixin, ProposalLinksMixin, forms.Form):
    organisation = ActingForField(
        label=_("Antragstellende Organisation"),
        required=True,
        empty_label=None,
        error_messages={"required": _("Bitte wählen Sie die Organisation, für die Sie den Antrag stellen.")},
    )
    title = CleanCharField(
        label=_("Projekttitel"),
        max_length=TEXT_LIMITS["title"],
        help_text=_("Höchstens 120 Zeichen."),
        widget=forms.TextInput(attrs={"maxlength": TEXT_LIMITS["title"]}),
    )
    summary = PlainTextField(
        label=_("Kurzbeschreibung"),
        max_length=TEXT_LIMITS["summary"],
        help_text=_(
            "Worum geht es in Ihrem Projekt? Höchstens 1.000 Zeichen. Wird das Projekt gefördert, erscheint dieser Text auf der Ergebnisseite."
        ),
    )
    goals = PlainTextField(
        label=_("Ziele"),
        max_length=TEXT_LIMITS["goals"],
        rows=8,
        help_text=_(
            "Was soll sich durch das Projekt verändern? Wie trägt es zu den Zielen des Lokalen Integrationsplans bei? Höchstens 3.000 Zeichen."
        ),
    )
    target_groups = PlainTextField(
        label=_("Zielgruppen"),
        max_length=TEXT_LIMITS["target_groups"],
        help_text=_("Wen wollen Sie erreichen, und wie viele Menschen ungefähr? Höchstens 1.000 Zeichen."),
    )
    districts = SafeModelMultipleChoiceField(
        label=_("Stadtbezirke"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Keinen Stadtbezirk wählen, wenn das Projekt stadtweit wirkt."),
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Stadtbezirke aus der Liste.")},
    )
    topics = SafeModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte wählen Sie mindestens ein Handlungsfeld."),
            "invalid_choice": _("Bitte wählen Sie nur Handlungsfelder aus der Liste."),
        },
    )
    # Linked proposals: found by search (no JavaScript needed) and chosen by checkbox, or typed as numbers.
    proposal_query = CleanCharField(
        label=_("Vorschläge suchen"),
        max_length=100,
        required=False,
        help_text=_("Ein Stichwort aus dem Titel oder Text, oder eine Vorschlagsnummer."),
        widget=forms.TextInput(attrs={"maxlength": 100, "type": "search", "autocomplete": "off"}),
    )
    proposal_ids = SafeModelMultipleChoiceField(
        label=_("Anknüpfende Vorschläge (optional)"),
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht."),
            "invalid_pk_value": _("Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht."),
        },
    )
    proposals = ProposalReferencesField(
        label=_("Vorschlagsnummern (optional)"),
        queryset=None,
        required=False,
        help_text=_("Oder geben Sie Nummern direkt ein, durch Kommas getrennt, z. B. LIP-2026-0042, LIP-2026-0107."),
    )
    partners = PlainTextField(
        label=_("Kooperationspartner (optional)"),
        max_length=TEXT_LIMITS["partners"],
        required=False,
        help_text=_("Mit wem arbeiten Sie zusammen? Höchstens 1.000 Zeichen."),
    )
    schedule = PlainTextField(
        label=_("Zeitplan"),
        max_length=TEXT_LIMITS["schedule"],
        help_text=_("Wann beginnt das Projekt, welche Schritte gibt es, wann endet es? Höchstens 2.000 Zeichen."),
    )
    own_contribution = EuroField(
        label=_("Eigenanteil (€)"),
        required=False,
        help_text=_(
            "Eigene Mittel, Spenden oder andere Förderungen, z. B. 500,00. Leer lassen für keinen Eigenanteil."
        ),
    )
    attachments = MultipleFileField(
        label=_("Anlagen hinzufügen (optional)"),
        required=False,
        help_text=_(
            "Zum Beispiel ein Flyer, ein Kostenvoranschlag oder eine Kooperationszusage. PDF, JPEG oder PNG, je Datei höchstens 10 MB, insgesamt höchstens 5 Dateien."
        ),
    )
    remove_attachments = SafeModelMultipleChoiceField(
        label=_("Diese Anlagen entfernen"),
        queryset=ApplicationAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, competition: CompetitionPage, user, application: Application | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.competition = competition
        self.application = application
        acts_for = Q(pk__in=organisations_user_can_act_for(user).values("pk"))
        self.fields["organisation"].queryset = Organisation.objects.filter(acts_for).order_by("name")
        if application is None:
            choices = list(self.fields["organisation"].queryset.values_list("pk", flat=True)[:2])
            if len(choices) == 1:
                self.initial.setdefault("organisation", choices[0])
        # Kept even when the competition links no consultation: a forged value then gets a field error.
        self.fields["proposals"].queryset = linkable_proposals(competition)
        self.fields["proposal_ids"].queryset = self.fields["proposals"].queryset
        self.has_consultations = bool(competition.consultations.all())
        if application is not None:
            self.fields["remove_attachments"].queryset = application.attachments.all()
            stored = {
                "organisation": application.organisation_id,
                "title": application.title,
                "summary": application.summary,
                "goals": application.goals,
                "target_groups": application.target_groups,
                "districts": [d.pk for d in application.districts.all()],
                "topics": [t.pk for t in application.topics.all()],
                "proposal_ids": [p.pk for p in application.proposals.all()],
                "partners": application.partners,
                "schedule": application.schedule,
                "own_contribution": application.own_contribution or None,
            }
            for key, value in stored.items():  # what was passed (a search keeps the input) goes first
                self.initial.setdefault(key, value)
        if application is None or not application.attachments.all():
            del self.fields["remove_attachments"]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie einen Projekttitel an."))
        return title

    def clean(self):
        cleaned = super().clean()
        self.merge_linked_proposals(cleaned)
        return cleaned

    def service_data(self) -> dict:
        data = {
            key: self.cleaned_data.get(key)
            for key in ("organisation", "title", "summary", "goals", "target_groups", "partners", "schedule")
        }
        data["districts"] = list(self.cleaned_data.get("districts") or [])
        data["topics"] = list(self.cleaned_data.get("topics") or [])
        data["proposals"] = list(self.cleaned_data.get("proposals") or [])
        data["own_contribution"] = self.cleaned_data.get("own_contribution") or Decimal("0")
        return data


class ProposalSearchForm(CleanFormMixin, forms.Form):
    """The query of the proposal search as one types (JSON)."""

    q = CleanCharField(max_length=100, required=False)


class CostItemForm(CleanFormMixin, forms.Form):
    description = CleanCharField(
        label=_("Kostenposition"), max_length=200, required=False, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    amount = EuroField(label=_("Betrag (€)"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        description = (cleaned.get("description") or "").strip()
        amount = cleaned.get("amount")
        if "amount" in self.errors:
            return cleaned
        if description and amount is None:
            self.add_error("amount", _("Bitte geben Sie den Betrag dieser Kostenposition an."))
        elif amount is not None and not description:
            self.add_error("description", _("Bitte benennen Sie diese Kostenposition."))
        cleaned["description"] = description
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("description") and data.get("amount") is None


class BaseCostItemFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.lines():
            raise forms.ValidationError(_("Bitte geben Sie mindestens eine Kostenposition an."))

    def lines(self) -> list[dict]:
        return [
            {"description": form.cleaned_data["description"], "amount": form.cleaned_data["amount"]}
            for form in self.forms
            if hasattr(form, "cleaned_data") and not form.is_blank
        ]


CostItemFormSet = forms.formset_factory(
    CostItemForm,
    formset=BaseCostItemFormSet,
    extra=COST_LINES_EXTRA,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)


def cost_item_formset(
    data=None, *, application: Application | None = None, initial: list[dict] | None = None
) -> BaseCostItemFormSet:
    if initial is None and application is not None:
        initial = [{"description": i.description, "amount": i.amount} for i in application.cost_items.all()]
    formset = CostItemFormSet(data, initial=initial, prefix="kosten")
    formset.error_messages["too_many_forms"] = _("Bitte fassen Sie die Kosten in höchstens 30 Positionen zusammen.")
    return formset


class ProgressReportForm(CleanFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Stand des Projekts"), choices=ProgressState.choices)
    text = PlainTextField(
        label=_("Kurzbericht"),
        max_length=1000,
        help_text=_("Was ist seit dem letzten Bericht passiert? Höchstens 1.000 Zeichen. Der Bericht ist öffentlich."),
        error_messages={"required": _("Bitte schreiben Sie einen kurzen Bericht.")},
    )
    reported_on = forms.DateField(
        label=_("Stand vom"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Bitte geben Sie ein Datum an, z. B. 2026-05-31.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError(_("Bitte schreiben Sie einen kurzen Bericht."))
        return text
