"""Query budgets: the organisation pages cost the same number of queries however many rows there are."""

import pytest
from django.test import Client

from lip.models import District, MembershipStatus, Organisation
from tests import factories
from tests.helpers import assert_constant_queries

SIZES = (5, 40)

# Measured on SQLite; a change that adds a query per row fails the constant check, one that adds a fixed
# query fails here and should raise the budget deliberately.
LIST_BUDGET_ANONYMOUS = 4  # site, organisations, site settings, footer links
LIST_BUDGET_SIGNED_IN = 8  # + session, user, user and group permissions (for the admin link)
DETAIL_BUDGET_REPRESENTATIVE = 12


def add_verified_organisations(n: int) -> None:
    districts = list(District.objects.all())
    for i in range(Organisation.objects.filter(verified_at__isnull=False).count(), n):
        organisation = factories.OrganisationFactory(
            district=districts[i % len(districts)] if i % 3 else None, description="Sprachcafé und Beratung. " * 5
        )
        factories.MembershipFactory(organisation=organisation)
        factories.OrganisationFactory(unverified=True)


def warm_up(client: Client, url: str) -> None:
    """The first request fills per-process caches (site root paths, content types)."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_organisation_list_costs_the_same_with_5_and_40_organisations(client, db, signed_in):
    if signed_in:
        client.force_login(factories.UserFactory())
    warm_up(client, "/organisationen/")

    def request():
        response = client.get("/organisationen/")
        assert response.status_code == 200

    count = assert_constant_queries(add_verified_organisations, request, sizes=SIZES)

    assert Organisation.objects.filter(verified_at__isnull=False).count() == SIZES[-1]
    assert count <= (LIST_BUDGET_SIGNED_IN if signed_in else LIST_BUDGET_ANONYMOUS)


def test_organisation_page_with_members_costs_the_same_with_5_and_40_members(client, organisation):
    representative = factories.representative_of(organisation)
    client.force_login(representative)
    url = organisation.get_absolute_url()
    warm_up(client, url)

    def add_members(n: int) -> None:
        for i in range(organisation.memberships.count(), n):
            status = MembershipStatus.REQUESTED if i % 2 else MembershipStatus.ACTIVE
            factories.MembershipFactory(organisation=organisation, status=status, message="Ich möchte mitmachen.")

    def request():
        response = client.get(url)
        assert response.status_code == 200

    count = assert_constant_queries(add_members, request, sizes=SIZES)

    assert count <= DETAIL_BUDGET_REPRESENTATIVE


def test_profile_costs_the_same_with_5_and_40_memberships(client, user):
    client.force_login(user)
    warm_up(client, "/profil/")

    def add_memberships(n: int) -> None:
        for _ in range(user.memberships.count(), n):
            factories.MembershipFactory(user=user, organisation=factories.OrganisationFactory())

    def request():
        assert client.get("/profil/").status_code == 200

    assert_constant_queries(add_memberships, request, sizes=SIZES)
