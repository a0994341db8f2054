"""Amounts in euro as the services check and write them: two decimals, never negative, German notation in messages."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.numberformat import format as number_format
from django.utils.translation import gettext as _

CENT = Decimal("0.01")


def euro(amount: Decimal) -> str:
    """1234.5 → '1.234,50 €' (German notation, used in messages)."""
    text = number_format(amount, ",", decimal_pos=2, grouping=3, thousand_sep=".", force_grouping=True)
    return f"{text}\u00a0€"


def checked_amount(value, field: str) -> Decimal:
    """A non-negative amount with at most two decimal places, or a ValidationError on `field`."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({field: _("Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00.")}) from exc
    if not amount.is_finite():
        raise ValidationError({field: _("Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00.")})
    if amount < 0:
        raise ValidationError({field: _("Ein Betrag kann nicht negativ sein.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("Bitte geben Sie höchstens zwei Nachkommastellen an.")})
    return amount.quantize(CENT)
