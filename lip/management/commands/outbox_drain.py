"""`manage.py outbox_drain`: send the queued tasks of the outbox to the broker now.

Celery beat does this every minute, but beat needs the broker too; a cron job running this command every few minutes
is the fallback that does not depend on beat (e.g. `*/5 * * * * .venv/bin/python manage.py outbox_drain`).
"""

from django.core.management.base import BaseCommand

from lip.outbox.services import outbox_drain, outbox_pending_count


class Command(BaseCommand):
    help = "Send the queued Celery tasks of the outbox to the broker (or run them in-process without a broker)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="send at most this many messages")

    def handle(self, *args, limit=None, **options):
        sent = outbox_drain(limit=limit)
        waiting = outbox_pending_count()
        self.stdout.write(f"{sent} sent, {waiting} waiting")
        return None
