"""Stored counters of the idea competition compared with their rows (see `manage.py check_counters`)."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Application, AudienceVote


def mismatches() -> list[str]:
    """`Application.audience_votes` against its vote rows: one line per application that differs."""
    rows = (
        Application.objects.annotate(
            vote_rows=Coalesce(
                Subquery(
                    AudienceVote.objects.filter(application=OuterRef("pk"))
                    .order_by()
                    .values("application")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            )
        )
        .filter(~Q(audience_votes=F("vote_rows")))
        .order_by("pk")
    )
    return [f"Application {a.pk}: audience_votes = {a.audience_votes}, rows = {a.vote_rows}" for a in rows]
