from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command

from consultation.models import ConsultationPage, PhaseType

from .factories import ConsultationPageFactory


def test_move_to_phase_makes_the_chosen_phase_current_and_keeps_the_timeline(db):
    page = ConsultationPageFactory(phases=PhaseType.SUBMISSION)
    page.save_revision().publish()
    durations_before = [p.end - p.start for p in page.phase_list()]

    call_command("move_to_phase", "voting", slug=page.slug, stdout=StringIO())

    page = ConsultationPage.objects.get(pk=page.pk)
    phases = page.phase_list()
    assert page.current_phase.type == PhaseType.VOTING
    assert [p.end - p.start for p in phases] == durations_before
    assert all(earlier.end <= later.start for earlier, later in pairwise(phases))


def test_move_to_phase_names_an_unknown_consultation(db):
    with pytest.raises(CommandError, match="No consultation"):
        call_command("move_to_phase", "voting", slug="gibt-es-nicht", stdout=StringIO())
