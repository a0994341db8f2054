from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "proposal_fulltext_idx"


def _index():
    # Must match consultation.selectors.proposal_search's SearchVector exactly to be used.
    return GinIndex(SearchVector("title", "text", config="german"), name=INDEX_NAME)


def add_fulltext_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("consultation", "Proposal"), _index())


def remove_fulltext_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("consultation", "Proposal"), _index())


def sync_roles(apps, schema_editor):
    from lip.roles import ensure_permissions_exist, sync_roles

    ensure_permissions_exist(apps)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0001_initial"), ("lip", "0003_reference_data")]

    operations = [
        migrations.RunPython(add_fulltext_index, remove_fulltext_index),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
