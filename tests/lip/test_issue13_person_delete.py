"""Issue 13, item 5: `manage.py check_counters` compares every counter with its rows.

Deleting a person in the admin now goes through the account deletion service (issue 15): see
tests/lip/privacy/test_deletion_views.py.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from consultation.models import Proposal
from tests.consultation.factories import ProposalFactory, VoteFactory


def test_check_counters_passes_when_every_counter_equals_its_rows(db, home_page, capsys):
    proposal = ProposalFactory()
    VoteFactory(proposal=proposal)

    call_command("check_counters")

    assert "All counters agree with their rows." in capsys.readouterr().out


def test_check_counters_names_a_counter_that_differs(db, home_page, capsys):
    proposal = ProposalFactory()
    VoteFactory(proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(online_votes=2)  # as the old cascade left it

    with pytest.raises(CommandError):
        call_command("check_counters")

    assert f"Proposal {proposal.pk} ({proposal.reference}): online_votes = 2, rows = 1" in capsys.readouterr().err
