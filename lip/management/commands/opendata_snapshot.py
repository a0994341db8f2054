"""Write new CSV and JSON snapshots of the open datasets now (the beat schedule does it every night)."""

from django.core.management.base import BaseCommand

from lip.api.opendata.snapshots import snapshot_all


class Command(BaseCommand):
    help = "Write new CSV and JSON snapshots of every open dataset (/api/v1/downloads/)."

    def handle(self, *args, **options):
        for slug, rows in sorted(snapshot_all().items()):
            self.stdout.write(f"{slug}: {rows}")
