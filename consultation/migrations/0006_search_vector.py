"""A stored, indexed search vector for proposals and an index for the search's reference lookup.

On PostgreSQL first the text search configuration `german_unaccent` (see consultation/search.py): `german` with
accents removed before stemming, stop words dropped before that. PostgreSQL then computes `search_vector` for the existing rows when the column is added and for every row written later,
whatever writes it (services, admin, bulk updates, COPY). Its GIN index is PostgreSQL-only, so it is created here
outside the model state (a GinIndex in Meta.indexes would break every later SQLite table rebuild); it replaces the
expression index of 0002, which the search no longer uses.
"""

import django.contrib.postgres.search
import django.db.models.functions.text
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

import consultation.search

VECTOR_INDEX = "proposal_search_vector_idx"
OLD_EXPRESSION_INDEX = "proposal_fulltext_idx"
CREATE_SEARCH_CONFIG = [
    "CREATE TEXT SEARCH DICTIONARY german_stopwords (TEMPLATE = pg_catalog.simple, STOPWORDS = german, ACCEPT = false)",
    "CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = pg_catalog.german)",
    # The token types of `german` that may hold non-ASCII letters; ASCII-only ones keep german_stem alone.
    "ALTER TEXT SEARCH CONFIGURATION german_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH german_stopwords, unaccent, german_stem",
]
DROP_SEARCH_CONFIG = [
    "DROP TEXT SEARCH CONFIGURATION german_unaccent",
    "DROP TEXT SEARCH DICTIONARY german_stopwords",
]


def _execute(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create_search_config(apps, schema_editor):
    _execute(schema_editor, CREATE_SEARCH_CONFIG)


def drop_search_config(apps, schema_editor):
    _execute(schema_editor, DROP_SEARCH_CONFIG)


def _vector_index():
    return GinIndex(fields=["search_vector"], name=VECTOR_INDEX)


def _old_expression_index():
    return GinIndex(SearchVector("title", "text", config="german"), name=OLD_EXPRESSION_INDEX)


def add_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        proposal = apps.get_model("consultation", "Proposal")
        schema_editor.add_index(proposal, _vector_index())
        schema_editor.remove_index(proposal, _old_expression_index())


def remove_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        proposal = apps.get_model("consultation", "Proposal")
        schema_editor.add_index(proposal, _old_expression_index())
        schema_editor.remove_index(proposal, _vector_index())


class Migration(migrations.Migration):
    dependencies = [("consultation", "0005_private_upload_paths")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_search_config, drop_search_config),
        migrations.AddField(
            model_name="proposal",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=consultation.search.PostgreSQLOnly(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector("title", config="german_unaccent", weight="A"),
                        "||",
                        django.contrib.postgres.search.SearchVector("text", config="german_unaccent", weight="B"),
                        django.contrib.postgres.search.SearchConfig("german_unaccent"),
                    )
                ),
                null=True,
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(django.db.models.functions.text.Upper("reference"), name="proposal_reference_upper_idx"),
        ),
        migrations.RunPython(add_vector_index, remove_vector_index),
    ]
