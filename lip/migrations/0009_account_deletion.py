# Account deletion (issue 15): the tombstone's date on the person, the flag on an organisation left without a
# representative.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lip", "0008_data_export"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="deleted_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="gelöscht am"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="needs_representative_since",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="ohne Vertretung seit"),
        ),
    ]
