"""An application's cost plan: checked line by line, with the totals the services store (never taken from input)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import ZERO, CompetitionPage
from ..money import checked_amount, euro

MAX_COST_ITEMS = 30


@dataclass(frozen=True)
class CostLine:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class CostPlan:
    lines: tuple[CostLine, ...]
    total: Decimal
    own_contribution: Decimal

    @property
    def requested(self) -> Decimal:
        return self.total - self.own_contribution


def cost_plan(*, competition: CompetitionPage, lines: Iterable, own_contribution) -> CostPlan:
    """Check a cost plan and compute its totals. The requested amount is total costs − own contribution."""
    checked = []
    for index, line in enumerate(lines):
        description = (line.description if isinstance(line, CostLine) else line["description"]).strip()
        amount = line.amount if isinstance(line, CostLine) else line["amount"]
        if not description:
            raise ValidationError({"cost_items": _("Bitte benennen Sie jede Kostenposition.")})
        try:
            checked.append(CostLine(description[:200], checked_amount(amount, "cost_items")))
        except ValidationError as exc:
            message = " ".join(exc.message_dict["cost_items"])
            raise ValidationError(
                {"cost_items": _("Zeile %(line)s: %(message)s") % {"line": index + 1, "message": message}}
            ) from exc
    if not checked:
        raise ValidationError({"cost_items": _("Bitte geben Sie mindestens eine Kostenposition an.")})
    if len(checked) > MAX_COST_ITEMS:
        raise ValidationError(
            {
                "cost_items": _("Bitte fassen Sie die Kosten in höchstens %(max)s Positionen zusammen.")
                % {"max": MAX_COST_ITEMS}
            }
        )
    own = checked_amount(own_contribution or ZERO, "own_contribution")
    total = sum((line.amount for line in checked), ZERO)
    if own > total:
        raise ValidationError(
            {
                "own_contribution": _(
                    "Der Eigenanteil (%(own)s) kann nicht höher sein als die Gesamtkosten (%(total)s)."
                )
                % {"own": euro(own), "total": euro(total)}
            }
        )
    plan = CostPlan(tuple(checked), total, own)
    if plan.requested > competition.max_grant:
        raise ValidationError(
            {
                "cost_items": _(
                    "Die beantragte Förderung (Gesamtkosten minus Eigenanteil) beträgt %(requested)s und übersteigt die Höchstförderung von %(max)s."
                )
                % {"requested": euro(plan.requested), "max": euro(competition.max_grant)}
            }
        )
    return plan
