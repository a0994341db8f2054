"""The Gesellschaftsfonds Zusammenleben of one year, and the money conventions of the app."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lip.model_parts import not_negative

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}
SCORE_MIN, SCORE_MAX = 0, 5


class Fund(models.Model):
    """The Gesellschaftsfonds Zusammenleben of one year. Committed and remaining are computed (funds.selectors)."""

    name = models.CharField(_("Name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("Förderjahr"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = models.DecimalField(
        _("Budget (€)"), **MONEY, validators=[MinValueValidator(ZERO)], help_text=_("Gesamtbetrag des Fonds in Euro.")
    )
    description = models.TextField(_("Beschreibung"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Fonds")
        verbose_name_plural = _("Fonds")
        constraints = [
            not_negative("budget", "ideas_fund_budget_not_negative", _("Das Budget kann nicht negativ sein."))
        ]

    def __str__(self) -> str:
        return self.name
