"""Issue 13, item 5: deleting a person in the admin never answers 500 and never leaves counters behind their rows.

Decision: a person who took part (proposals, comments, votes, reports, applications, ...) is not deleted in the admin;
staff are told why and to block the account instead, until the account-deletion feature anonymises contributions.
A person who never took part can be deleted. `manage.py check_counters` compares every counter with its rows.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from consultation.models import Proposal, Vote
from lip.models import User
from tests import factories
from tests.consultation.factories import ProposalFactory, VoteFactory
from tests.counters_check import assert_counters_match

REFUSED = "kann hier nicht gelöscht werden: Die Person hat sich beteiligt"


@pytest.fixture
def admin(client, db):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True, email="admin@example.org")
    client.force_login(superuser)
    return client


def delete(admin, person, *, follow=True):
    return admin.post(reverse("wagtailusers_users:delete", args=[person.pk]), follow=follow)


def test_deleting_the_author_of_an_online_proposal_is_refused_with_the_reason(admin, home_page):
    author = factories.UserFactory(display_name="Aylin Autorin")
    proposal = ProposalFactory(author=author)

    response = delete(admin, author)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert User.objects.filter(pk=author.pk).exists()
    assert Proposal.objects.get(pk=proposal.pk).author == author


def test_the_delete_page_itself_already_says_so(admin, home_page):
    author = factories.UserFactory()
    ProposalFactory(author=author)

    response = admin.get(reverse("wagtailusers_users:delete", args=[author.pk]), follow=True)

    assert REFUSED in response.content.decode()


def test_deleting_a_voter_is_refused_and_the_counters_stay_exact(admin, home_page):
    voter = factories.UserFactory()
    proposal = ProposalFactory()
    VoteFactory(proposal=proposal, user=voter)
    VoteFactory(proposal=proposal)

    delete(admin, voter)

    assert User.objects.filter(pk=voter.pk).exists()
    assert Vote.objects.filter(proposal=proposal).count() == 2
    assert_counters_match()


def test_a_person_who_never_took_part_can_be_deleted(admin):
    bystander = factories.UserFactory()

    response = delete(admin, bystander, follow=False)

    assert response.status_code == 302
    assert not User.objects.filter(pk=bystander.pk).exists()


def test_bulk_deleting_participants_is_refused(admin, home_page):
    author = factories.UserFactory()
    ProposalFactory(author=author)
    bystander = factories.UserFactory()
    url = reverse("wagtail_bulk_action", args=["lip", "user", "delete"])

    response = admin.post(f"{url}?id={author.pk}&id={bystander.pk}", follow=True)

    assert REFUSED in response.content.decode()
    assert User.objects.filter(pk__in=[author.pk, bystander.pk]).count() == 2


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
