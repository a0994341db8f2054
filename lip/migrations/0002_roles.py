from django.db import migrations


def create_roles(apps, schema_editor):
    from lip.roles import ensure_permissions_exist, sync_roles

    ensure_permissions_exist(apps)
    sync_roles(apps)
    # Wagtail's generic starter groups would sit confusingly beside the platform's roles.
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lip", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
