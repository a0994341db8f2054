"""The year filter of the public statistics page and the period filter of the admin dashboard."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from lip.formfields import CleanFormMixin


class StatisticsFilterForm(CleanFormMixin, forms.Form):
    """The public statistics page's query string: `?jahr=2026`."""

    jahr = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    @property
    def year(self) -> int | None:
        return self.cleaned_data.get("jahr") if self.is_valid() else None


class PeriodForm(CleanFormMixin, forms.Form):
    von = forms.DateField(label=_("von"), required=False, widget=AdminDateInput)
    bis = forms.DateField(label=_("bis"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("von") and cleaned.get("bis") and cleaned["bis"] < cleaned["von"]:
            self.add_error("bis", _("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten."))
        return cleaned
