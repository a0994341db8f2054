"""Form fields of the idea competition: amounts in euro as people in Hannover write them
("1.500,50" as well as "1500.50"), several files in one input (each checked by content)."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from consultation.validators import validate_attachment

GERMAN_THOUSANDS_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")
ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class EuroField(forms.DecimalField):
    """An amount in euro with at most two decimals, never negative. Accepts 1500 · 1500,50 · 1.500,50 · 1500.50."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("localize", True)
        messages = {
            "invalid": _("Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00."),
            "min_value": _("Ein Betrag kann nicht negativ sein."),
            "max_digits": _("Dieser Betrag ist zu hoch."),
            "max_whole_digits": _("Dieser Betrag ist zu hoch."),
            "max_decimal_places": _("Bitte geben Sie höchstens zwei Nachkommastellen an."),
            "required": _("Bitte geben Sie einen Betrag an."),
        }
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(error_messages=messages, **kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "amount-input"})
        self.widget.is_localized = True

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
            if "," in value and "." in value:
                decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
                thousands = "." if decimal_mark == "," else ","
                value = value.replace(thousands, "").replace(decimal_mark, ".")
            elif "," in value:
                value = value.replace(",", ".")
            elif GERMAN_THOUSANDS_RE.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content (PDF, JPEG, PNG; at most 10 MB)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ATTACHMENT_ACCEPT}))
        kwargs.setdefault("validators", [validate_attachment])
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
