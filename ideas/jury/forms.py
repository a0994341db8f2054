"""The jury's forms: scores (0–5) with comments per criterion, and the declaration of a conflict of interest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lip.formfields import CleanFormMixin, PlainTextField

from ..models import Criterion

SCORE_CHOICES = [
    ("0", _("0 – nicht erfüllt")),
    ("1", _("1 – kaum erfüllt")),
    ("2", _("2 – teilweise erfüllt")),
    ("3", _("3 – überwiegend erfüllt")),
    ("4", _("4 – gut erfüllt")),
    ("5", _("5 – hervorragend erfüllt")),
]


class ScoreForm(CleanFormMixin, forms.Form):
    """One score (0–5) and an optional comment per criterion not yet scored by the juror."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                error_messages={
                    "required": _("Bitte bewerten Sie dieses Kriterium."),
                    "invalid_choice": _("Bitte vergeben Sie 0 bis 5 Punkte."),
                },
            )
            self.fields[f"comment_{criterion.pk}"] = PlainTextField(
                label=_("Kommentar zu „%(name)s“ (optional)") % {"name": criterion.name},
                max_length=2000,
                rows=3,
                required=False,
            )

    def rows(self):
        """The criterion with its two bound fields, for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (int(self.cleaned_data[f"score_{c.pk}"]), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class ConflictForm(CleanFormMixin, forms.Form):
    note = PlainTextField(
        label=_("Anmerkung (optional)"),
        max_length=1000,
        rows=3,
        required=False,
        help_text=_("Zum Beispiel: Ich bin Mitglied der antragstellenden Organisation."),
    )
    confirm = forms.BooleanField(
        label=_("Ich erkläre mich für diesen Antrag als befangen."),
        error_messages={"required": _("Bitte bestätigen Sie Ihre Erklärung.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
