"""Create the demo content. Idempotent: running it again changes nothing that exists.

Each app contributes through a `demo.py` module with a `seed(ctx)` function; they run in
INSTALLED_APPS order, so that `lip` (people, organisations) comes before the apps that use it.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from lip.demo import DEMO_PASSWORD, DemoContext


class Command(BaseCommand):
    help = "Create demo pages, organisations and one verified account per role (idempotent)."

    def handle(self, *args, **options):
        ctx = DemoContext()
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, email in ctx.accounts:
            self.stdout.write(f"  {role:<40} {email}")
        for line in ctx.notes:
            self.stdout.write(line)
