"""The permission matrix of lip.permissions: who may contribute, act for and manage an organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lip import permissions
from lip.models import MembershipRole, MembershipStatus
from lip.roles import Role
from tests import factories
from tests.helpers import matrix

PEOPLE = [
    "anonymous",
    "unverified",  # e-mail not confirmed, although an active representative of the verified organisation
    "participant",
    "member",  # active member (not representative) of the verified organisation
    "requester",  # asked to become representative of the verified organisation, not decided yet
    "representative_verified",
    "representative_unverified",
    "moderator",
]
PREDICATES = [
    ("can_contribute", None),
    ("can_act_for", "verified"),
    ("can_act_for", "unverified"),
    ("can_manage_members", "verified"),
    ("can_manage_members", "unverified"),
    ("can_view_organisation", "unverified"),
    ("can_request_membership", "verified"),
]

T, F = True, False
# person: contribute, act(verified), act(unverified), manage(verified), manage(unverified), view(unv.), request(ver.)
EXPECTED = {
    "anonymous": (F, F, F, F, F, F, F),
    "unverified": (F, F, F, F, F, F, F),
    "participant": (T, F, F, F, F, F, T),
    "member": (T, F, F, F, F, F, T),
    "requester": (T, F, F, F, F, F, T),
    "representative_verified": (T, T, F, T, F, F, T),
    "representative_unverified": (T, F, F, F, T, T, T),
    "moderator": (T, F, F, T, T, T, T),
}


@pytest.fixture
def world(db):
    verified = factories.OrganisationFactory(name="Bestätigt e.V.")
    unverified = factories.OrganisationFactory(name="Ungeprüft e.V.", unverified=True)
    representative = MembershipRole.REPRESENTATIVE
    people = {"anonymous": AnonymousUser()}

    people["unverified"] = factories.UserFactory(verified=False)
    factories.MembershipFactory(user=people["unverified"], organisation=verified, role=representative)
    people["participant"] = factories.UserFactory()
    people["member"] = factories.MembershipFactory(organisation=verified).user
    people["requester"] = factories.MembershipFactory(
        organisation=verified, role=representative, status=MembershipStatus.REQUESTED
    ).user
    people["representative_verified"] = factories.representative_of(verified)
    people["representative_unverified"] = factories.representative_of(unverified)
    people["moderator"] = factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)
    return people, {"verified": verified, "unverified": unverified}


@matrix(PEOPLE, PREDICATES, ids=lambda person, predicate: f"{person}-{predicate[0]}-{predicate[1] or ''}")
def test_permission_matrix(world, case):
    person, (predicate, organisation_key) = case
    people, organisations = world
    check = getattr(permissions, predicate)
    args = (people[person],) if organisation_key is None else (people[person], organisations[organisation_key])

    expected = EXPECTED[person][PREDICATES.index((predicate, organisation_key))]

    assert check(*args) is expected


def test_deactivated_person_cannot_contribute(db):
    person = factories.UserFactory(is_active=False)

    assert permissions.can_contribute(person) is False


def test_rejected_representative_cannot_act(db):
    organisation = factories.OrganisationFactory()
    person = factories.MembershipFactory(
        organisation=organisation, role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.REJECTED
    ).user

    assert permissions.can_act_for(person, organisation) is False
    assert permissions.can_manage_members(person, organisation) is False


def test_nobody_acts_for_no_organisation(db):
    assert permissions.can_act_for(factories.UserFactory(), None) is False


def test_council_membership_needs_the_role_and_the_district(db, district, other_district):
    council = factories.UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district)
    district_only = factories.UserFactory(council_district=district)

    assert permissions.is_council_member_for(council, district) is True
    assert permissions.is_council_member_for(council, other_district) is False
    assert permissions.is_council_member_for(district_only, district) is False


def test_only_moderation_and_administration_may_verify(db):
    assert permissions.can_verify_organisation(factories.UserFactory(roles=[Role.MODERATOR])) is True
    assert permissions.can_verify_organisation(factories.UserFactory(roles=[Role.ADMINISTRATOR])) is True
    for role in (Role.PARTICIPANT, Role.REPRESENTATIVE, Role.COUNCIL, Role.JURY, Role.COUNCIL_MEMBER):
        assert permissions.can_verify_organisation(factories.UserFactory(roles=[role])) is False
    assert permissions.can_verify_organisation(AnonymousUser()) is False


def test_has_role_reads_the_groups_once_per_user_object(db, django_assert_num_queries):
    person = factories.UserFactory(roles=[Role.PARTICIPANT, Role.JURY])

    with django_assert_num_queries(1):
        assert permissions.has_role(person, Role.JURY)
        assert permissions.has_role(person, Role.PARTICIPANT)
        assert not permissions.has_role(person, Role.MODERATOR)
