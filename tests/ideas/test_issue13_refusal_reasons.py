"""Issue 13, item 3: a blocked person with a confirmed address is told that their account is blocked (not to confirm
their address) on the organisation registration, an organisation's page and the application form."""

import pytest
from django.utils import timezone

from lip import permissions as lip_permissions
from tests import factories

BLOCKED = "Ihr Konto ist gesperrt. Sie können weiterhin alles lesen, aber keine Beiträge schreiben."
CONFIRM = "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse."


@pytest.fixture
def blocked(db):
    person = factories.UserFactory(display_name="Bernd Gesperrt")
    person.blocked_at, person.blocked_reason = timezone.now(), "Beleidigungen"
    person.save()
    return person


def test_registering_an_organisation_tells_a_blocked_person_why(client_for, blocked):
    response = client_for(blocked).get("/organisationen/registrieren/")

    assert response.status_code == 403
    body = response.content.decode()
    assert BLOCKED in body and CONFIRM not in body


def test_an_organisations_page_tells_a_blocked_person_why(client_for, blocked):
    organisation = factories.OrganisationFactory()

    body = client_for(blocked).get(organisation.get_absolute_url()).content.decode()

    assert BLOCKED in body and CONFIRM not in body


def test_requesting_membership_tells_a_blocked_person_why(client_for, blocked):
    organisation = factories.OrganisationFactory()

    response = client_for(blocked).post(f"{organisation.get_absolute_url()}beitreten/", {"message": ""})

    assert response.status_code == 403
    assert BLOCKED in response.content.decode()
    assert not organisation.memberships.filter(user=blocked).exists()


def test_the_application_form_tells_a_blocked_person_why(client_for, blocked, competition):
    response = client_for(blocked).get(competition.url + "antrag-stellen/")

    assert response.status_code == 403
    body = response.content.decode()
    assert BLOCKED in body and CONFIRM not in body


def test_an_unconfirmed_address_is_still_named_as_the_reason(client_for, db):
    unconfirmed = factories.UserFactory(verified=False)

    response = client_for(unconfirmed).get("/organisationen/registrieren/")

    assert response.status_code == 403
    assert CONFIRM in response.content.decode()


def test_a_deactivated_account_gets_its_own_reason(db):
    person = factories.UserFactory(is_active=False)

    assert lip_permissions.participation_decision(person).reason == "Ihr Konto ist deaktiviert."
