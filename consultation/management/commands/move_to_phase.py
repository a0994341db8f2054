"""Shift a consultation's whole timeline so that one of its phases runs now (for demos and trials).

    manage.py move_to_phase voting                       # the demo consultation
    manage.py move_to_phase submission --slug my-consultation

Durations and order stay as they are, so the phases never overlap. The change is published as a new
revision of the page, so it is visible in the page history like any editor's change.
"""

from datetime import UTC, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultation.models import ConsultationPage, PhaseType

DEMO_SLUG = "lip-4-0-ihre-vorschlaege"


class Command(BaseCommand):
    help = "Shift a consultation's phases so that the phase of the given type starts now."

    def add_arguments(self, parser):
        parser.add_argument("phase", choices=PhaseType.values)
        parser.add_argument("--slug", default=DEMO_SLUG, help="slug of the consultation page")

    @transaction.atomic
    def handle(self, *args, phase, slug, **options):
        page = ConsultationPage.objects.filter(slug=slug).first()
        if page is None:
            raise CommandError(f"No consultation with the slug {slug!r}.")
        page = page.get_latest_revision_as_object()
        phases = list(page.phases.all())
        target = next((p for p in phases if p.type == phase), None)
        if target is None:
            raise CommandError(f"The consultation has no phase of type {phase!r}.")
        shift = timezone.now() - target.start - timedelta(minutes=1)
        for item in phases:
            # In UTC: a revision's datetimes may come back in Europe/Berlin, where adding a timedelta is wall-clock
            # arithmetic and would be an hour off across a change to or from summer time.
            item.start = item.start.astimezone(UTC) + shift
            item.end = item.end.astimezone(UTC) + shift
        page.phases = phases
        page.save_revision(log_action=True).publish()
        local = timezone.localtime(target.end)
        self.stdout.write(self.style.SUCCESS(f"„{target.title}“ runs now, until {local:%d.%m.%Y %H:%M}."))
