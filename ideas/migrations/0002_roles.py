from django.db import migrations


def sync_roles(apps, schema_editor):
    """Give the roles the idea competition's permissions (see ideas.apps.STAFF_PERMISSIONS)."""
    from lip.roles import ensure_permissions_exist, sync_roles

    ensure_permissions_exist(apps)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial"), ("lip", "0003_reference_data")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
