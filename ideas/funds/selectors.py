"""Reads of the fund: its budget, what is committed (the sum of its awards) and what remains, in the query."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ..models import ZERO, Award, Fund

MONEY_FIELD = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class FundFigures:
    budget: Decimal
    committed: Decimal
    awards: int

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed

    @property
    def committed_share(self) -> int:
        return round(100 * self.committed / self.budget) if self.budget else 0


def _committed_subquery():
    return Subquery(
        Award.objects.filter(fund=OuterRef("pk"))
        .order_by()
        .values("fund")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=MONEY_FIELD,
    )


def funds_with_totals() -> QuerySet[Fund]:
    """Funds with `committed` (sum of awards) and `remaining` (budget − committed), computed in the query."""
    return Fund.objects.annotate(
        committed=Coalesce(_committed_subquery(), Value(ZERO), output_field=MONEY_FIELD),
        remaining=F("budget") - F("committed"),
        award_count=Count("awards", distinct=True),
    ).order_by("-year")


def fund_figures(fund: Fund | int) -> FundFigures:
    fund_id = getattr(fund, "pk", fund)
    row = funds_with_totals().filter(pk=fund_id).values("budget", "committed", "award_count").get()
    return FundFigures(budget=row["budget"], committed=row["committed"], awards=row["award_count"])


def committed_amount(fund_id: int) -> Decimal:
    return Award.objects.filter(fund_id=fund_id).aggregate(total=Sum("amount"))["total"] or ZERO
