"""Issue 15, item 2: deleting an account (lip.privacy.deletion.delete_account), each decision on its own.

The row stays as a tombstone without personal data; contributions, votes and filed reports stay linked to it and
show "gelöschtes Konto"; memberships end; an organisation left without representative is flagged; every counter
still equals its rows.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.sessions.models import Session
from django.urls import reverse

from consultation.models import Comment, ContentReport, Proposal, Vote
from lip.models import Membership, MembershipRole, MembershipStatus, Organisation, User
from lip.privacy.deletion import delete_account, deletion_refusal
from lip.roles import Role
from lip.services import membership_decide
from tests import factories
from tests.consultation.factories import CommentFactory, ProposalFactory, VoteFactory
from tests.counters_check import assert_counters_match

PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return factories.UserFactory(
        email="aylin@example.org", display_name="Aylin Autorin", first_name="Aylin", last_name="Yılmaz"
    )


def reload(user) -> User:
    return User.objects.get(pk=user.pk)


def test_the_person_cannot_sign_in_afterwards(client, person):
    delete_account(person)

    assert not client.login(email="aylin@example.org", password=PASSWORD)
    response = client.post(reverse("account_login"), {"login": "aylin@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200  # the form again, with its error
    tombstone = reload(person)
    assert not tombstone.is_active and not tombstone.has_usable_password()


def test_names_email_addresses_and_preferences_are_erased(person, district):
    person.council_district = district
    person.preferred_language = "tr"
    person.save()
    EmailAddress.objects.create(user=person, email="zweite@example.org", verified=False)
    TOTP.activate(person, generate_totp_secret())

    delete_account(person)

    tombstone = reload(person)
    assert (tombstone.display_name, tombstone.first_name, tombstone.last_name) == ("", "", "")
    assert tombstone.email == f"geloescht-{person.pk}@invalid"
    assert tombstone.deleted_at is not None and tombstone.is_deleted
    assert tombstone.council_district is None and tombstone.preferred_language == "de"
    assert not any([tombstone.notify_moderation, tombstone.notify_responses, tombstone.notify_reports])
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(email__in=["aylin@example.org", "zweite@example.org"]).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not tombstone.groups.exists()
    assert str(tombstone) == "gelöschtes Konto"


def test_the_address_is_free_for_a_new_registration(person):
    delete_account(person)

    newcomer = factories.UserFactory(email="aylin@example.org")

    assert newcomer.pk != person.pk


def test_public_contributions_stay_and_show_gelöschtes_konto(client, person, home_page):
    proposal = ProposalFactory(author=person)
    comment = CommentFactory(author=person, proposal=ProposalFactory())

    delete_account(person)

    assert Proposal.objects.get(pk=proposal.pk).author_id == person.pk
    assert Comment.objects.get(pk=comment.pk).author_id == person.pk
    body = client.get(proposal.get_absolute_url()).content.decode()
    assert "gelöschtes Konto" in body and "Aylin Autorin" not in body
    body = client.get(comment.proposal.get_absolute_url()).content.decode()
    assert "gelöschtes Konto" in body and "Aylin Autorin" not in body


def test_an_organisations_proposal_stays_the_organisations(person, organisation, home_page):
    proposal = ProposalFactory(author=person, organisation=organisation)

    delete_account(person)

    assert Proposal.objects.get(pk=proposal.pk).organisation == organisation


def test_votes_stay_and_every_counter_equals_its_rows(person, home_page):
    proposal = ProposalFactory()
    VoteFactory(proposal=proposal, user=person)
    VoteFactory(proposal=proposal)

    delete_account(person)

    assert Vote.objects.filter(proposal=proposal).count() == 2
    assert Proposal.objects.get(pk=proposal.pk).online_votes == 2
    assert_counters_match()


def test_reports_the_person_filed_stay(person, home_page):
    proposal = ProposalFactory()
    report = ContentReport.objects.create(reporter=person, proposal=proposal, reason="offensive")

    delete_account(person)

    assert ContentReport.objects.get(pk=report.pk).reporter_id == person.pk


def test_memberships_end(person, organisation):
    factories.MembershipFactory(user=person, organisation=organisation)
    other = factories.OrganisationFactory()
    factories.MembershipFactory(user=person, organisation=other, status=MembershipStatus.REQUESTED)

    delete_account(person)

    assert not Membership.objects.filter(user=person).exists()
    assert not Organisation.objects.filter(needs_representative_since__isnull=False).exists()


def test_an_organisation_whose_only_representative_leaves_is_flagged(organisation):
    representative = factories.representative_of(organisation)

    delete_account(representative)

    assert Organisation.objects.get(pk=organisation.pk).needs_representative_since is not None


def test_an_organisation_with_another_representative_is_not_flagged(organisation):
    first = factories.representative_of(organisation)
    factories.representative_of(organisation)

    delete_account(first)

    assert Organisation.objects.get(pk=organisation.pk).needs_representative_since is None


def test_approving_a_new_representative_clears_the_flag(organisation, moderator):
    delete_account(factories.representative_of(organisation))
    request = factories.MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    membership_decide(membership=request, decided_by=moderator, approve=True, role=MembershipRole.REPRESENTATIVE)

    assert Organisation.objects.get(pk=organisation.pk).needs_representative_since is None


def test_every_session_of_the_person_ends(client, person):
    client.force_login(person)
    other = factories.UserFactory()
    other_client = type(client)()
    other_client.force_login(other)
    assert Session.objects.count() == 2

    delete_account(person)

    assert Session.objects.count() == 1
    assert client.get(reverse("lip:profile")).status_code == 302  # to the sign-in page
    assert other_client.get(reverse("lip:profile")).status_code == 200


def test_deleting_twice_changes_nothing(person):
    first = delete_account(person)
    second = delete_account(person)

    assert second.deleted_at == first.deleted_at


def test_the_last_superuser_is_refused():
    admin = factories.UserFactory(is_superuser=True, is_staff=True)

    assert "letzte Konto mit allen Rechten" in deletion_refusal(admin)
    with pytest.raises(ValueError):
        delete_account(admin)
    assert reload(admin).deleted_at is None


def test_a_superuser_may_go_when_another_remains():
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    factories.UserFactory(is_superuser=True, is_staff=True)

    delete_account(admin)

    tombstone = reload(admin)
    assert tombstone.is_deleted and not tombstone.is_superuser and not tombstone.is_staff


def test_roles_and_staff_rights_end(db):
    juror = factories.UserFactory(roles=[Role.JURY, Role.MODERATOR], is_staff=True)

    delete_account(juror)

    tombstone = reload(juror)
    assert not tombstone.groups.exists() and not tombstone.is_staff
    assert not tombstone.has_perm("lip.moderate_participation")
