"""Compare every stored counter with the rows it counts; exit with status 1 when one differs.

`lip` knows no app of ours: each app that keeps counters offers a `counters` module with `mismatches() -> list[str]`
(consultation: votes, tallies, comments; ideas: audience votes), found here through the installed apps.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


def counter_mismatches() -> list[str]:
    found: list[str] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.counters"
        if find_spec(config.name) is None or find_spec(name) is None:
            continue
        found.extend(import_module(name).mismatches())
    return found


class Command(BaseCommand):
    help = "Vergleicht gespeicherte Zähler (Stimmen, Kommentare) mit den gespeicherten Zeilen."

    def handle(self, *args, **options):
        found = counter_mismatches()
        for line in found:
            self.stderr.write(line)
        if found:
            raise CommandError(f"{len(found)} counter(s) differ from their rows.")
        self.stdout.write("All counters agree with their rows.")
