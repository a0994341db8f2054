"""The consultation page editor's form: Wagtail's page form plus the rules for the inline phases.

Imported by `models/pages.py` (as `ConsultationPage.base_form_class`), so this module must not import the models;
the staff workspace's model forms live beside it in this package.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import ORDERING_FIELD_NAME
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

_PHASE_CONSTRAINT = "consultation_phase_end_after_start"


@dataclass
class _PhaseRow:
    form: forms.Form
    position: tuple
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        return self.form.cleaned_data.get("title") or gettext("ohne Titel")


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _drop_constraint_error(form: forms.Form, constraint_name: str) -> None:
    """Remove the model's generic check-constraint message once the same problem is reported on a field."""
    errors = form._errors.get(NON_FIELD_ERRORS)
    if not errors:
        return
    kept = [error for error in errors.as_data() if not any(constraint_name in m for m in error.messages)]
    if kept:
        form._errors[NON_FIELD_ERRORS] = form.error_class(kept, error_class="nonfield")
    else:
        del form._errors[NON_FIELD_ERRORS]


def validate_phases(formset) -> None:
    """Refuse phases that end before they start, lack a start or an end, overlap, or stand out of order.

    Errors go onto the phase's own field, so that the editor shows them next to the date to fix. Forms marked for
    deletion and untouched extra forms are left out. The order is the inline order (the formset's ORDER field),
    which is what the page saves as `sort_order`.
    """
    rows: list[_PhaseRow] = []
    initial_count = formset.initial_form_count()
    for index, form in enumerate(formset.forms):
        form.is_valid()  # runs the form's own cleaning once, so that cleaned_data is there
        if index >= initial_count and form.empty_permitted and not form.has_changed():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
        if start and not end and "end" not in form.errors:
            form.add_error("end", _("Bitte geben Sie auch das Ende der Phase an."))
        if end and not start and "start" not in form.errors:
            form.add_error("start", _("Bitte geben Sie auch den Beginn der Phase an."))
        if not (start and end):
            continue
        if end <= start:
            form.add_error("end", _("Das Ende muss nach dem Beginn der Phase liegen."))
            _drop_constraint_error(form, _PHASE_CONSTRAINT)
            continue
        order = form.cleaned_data.get(ORDERING_FIELD_NAME) if formset.can_order else None
        # Same ordering as Django's formset.ordered_forms: forms without ORDER come last, then by position.
        rows.append(_PhaseRow(form, (order is None, order or 0, index), start, end))

    in_inline_order = sorted(rows, key=lambda row: row.position)
    for previous, row in pairwise(in_inline_order):
        if row.start < previous.start:
            row.form.add_error(
                "start",
                _(
                    "Die Phasen müssen in zeitlicher Reihenfolge stehen: Diese Phase beginnt vor der Phase "
                    "„%(previous)s“ darüber. Ändern Sie die Reihenfolge oder die Daten."
                )
                % {"previous": previous.label},
            )

    in_time_order = sorted(rows, key=lambda row: (row.start, row.position))
    for earlier, row in pairwise(in_time_order):
        if row.start < earlier.end:
            row.form.add_error(
                "start",
                _("Diese Phase überschneidet sich mit der Phase „%(other)s“, die bis %(end)s dauert.")
                % {"other": earlier.label, "end": _when(earlier.end)},
            )


class ConsultationPageForm(WagtailAdminPageForm):
    """The page editor of a consultation: Wagtail's page form plus the rules for its phases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phases = self.formsets.get("phases")
        if phases is not None:
            for form in phases.forms:
                form.fields["start"].error_messages["required"] = _("Bitte geben Sie den Beginn der Phase an.")
                form.fields["end"].error_messages["required"] = _("Bitte geben Sie das Ende der Phase an.")

    def clean(self):
        cleaned_data = super().clean()
        phases = self.formsets.get("phases")
        if phases is not None:
            validate_phases(phases)
        return cleaned_data
