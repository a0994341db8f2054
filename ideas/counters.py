"""Stored counters of the idea competition compared with their rows (see `manage.py check_counters`)."""

from django.db.models import F, OuterRef, Q

from lip.counter_queries import rows_per_parent

from .models import Application, AudienceVote


def mismatches() -> list[str]:
    """`Application.audience_votes` against its vote rows: one line per application that differs."""
    rows = (
        Application.objects.annotate(
            vote_rows=rows_per_parent(AudienceVote.objects.filter(application=OuterRef("pk")), "application")
        )
        .filter(~Q(audience_votes=F("vote_rows")))
        .order_by("pk")
    )
    return [f"Application {a.pk}: audience_votes = {a.audience_votes}, rows = {a.vote_rows}" for a in rows]
