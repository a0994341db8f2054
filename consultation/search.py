"""The proposals' full-text search vector: German stemming, title weighted above text.

PostgreSQL stores it in a generated column (`Proposal.search_vector`) with a GIN index, so a search reads the index
instead of running `to_tsvector` over every row. SQLite has no full-text types: there the column is NULL and
`selectors.proposal_search` matches substrings instead.

The text search configuration `german_unaccent` (migration 0006) is PostgreSQL's `german` with accents removed before
stemming: the German stemmer keeps "Sprachcafés" and "Sprachcafé" apart (it strips an "s" only after certain
letters), and people type "Cafe" for "Café" or "Calisma" for "Çalışma". German stop words are dropped first, while
they still carry their umlauts ("für", "über").
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import Func

SEARCH_CONFIG = "german_unaccent"


class PostgreSQLOnly(Func):
    """Its expression on PostgreSQL, NULL on every other database.

    Lets a generated column hold a PostgreSQL-only value (a tsvector) while the same model and migrations still run
    on SQLite."""

    template = "%(expressions)s"
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)


def proposal_search_vector() -> PostgreSQLOnly:
    """The expression of `Proposal.search_vector`. Changing it needs a migration, which must re-create the GIN
    index `proposal_search_vector_idx` (PostgreSQL drops an index with the column it is on)."""
    return PostgreSQLOnly(
        SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector("text", weight="B", config=SEARCH_CONFIG)
    )
