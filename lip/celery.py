"""The Celery application. Without CELERY_BROKER_URL, tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lip.settings.base")

app = Celery("lip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["lip.api"])  # the open-data snapshots (lip/api/tasks.py)
