import pytest

from lip.roles import Role
from tests import factories


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def unverified_user(db):
    return factories.UserFactory(verified=False)


@pytest.fixture
def moderator(db):
    return factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)


@pytest.fixture
def district(db):
    from lip.models import District

    return District.objects.get(slug="linden-limmer")


@pytest.fixture
def other_district(db):
    from lip.models import District

    return District.objects.get(slug="mitte")


@pytest.fixture
def topic(db):
    from lip.models import Topic

    return Topic.objects.get(slug="sprachfoerderung")


@pytest.fixture
def council_member(db, district):
    return factories.UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district)


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def representative(db, organisation):
    return factories.representative_of(organisation)


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client, signed in as `user` (or anonymous for None)."""

    def _client_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client_for


@pytest.fixture(autouse=True)
def _german(settings):
    settings.LANGUAGE_CODE = "de"
