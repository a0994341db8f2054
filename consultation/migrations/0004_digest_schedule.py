"""Schedule the daily digest for the district integration councils (Celery beat, database scheduler).

Creates the periodic task once; staff may change its time or switch it off in the admin afterwards, and running the
migration again (or on a database where the task already exists) leaves their choice alone.
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Tägliche Übersicht für Integrationsbeiräte"
TASK = "consultation.tasks.send_council_digests"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    schedule, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Europe/Berlin"
    )
    _task, created = PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "crontab": schedule,
            "enabled": True,
            "description": "Schickt Mitgliedern der Integrationsbeiräte jeden Morgen die neuen Vorschläge des Vortags "
            "aus ihrem Stadtbezirk (wenn sie das in ihrem Profil gewählt haben).",
        },
    )
    if created:  # tell a running beat to reload its schedule (what PeriodicTask's signals do outside migrations)
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0003_moderation"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
