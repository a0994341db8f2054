"""Subqueries for comparing a stored counter with the rows it counts (the apps' `counters` modules use them)."""

from django.db.models import Count, IntegerField, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def rows_per_parent(rows: QuerySet, parent: str, *, total: str | None = None) -> Coalesce:
    """The number of `rows` of each parent (or the sum of their `total` column), 0 when there are none.

    `rows` is already filtered on `parent=OuterRef("pk")`; the result annotates the parent's queryset.
    """
    aggregate = Sum(total) if total else Count("pk")
    subquery = rows.order_by().values(parent).annotate(n=aggregate).values("n")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))
