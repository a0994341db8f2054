"""Issue 15, item 2: "Konto löschen" in the profile, and staff deleting people in the Wagtail admin, both through
the account deletion service (a tombstone, never a deleted row, never a 500)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from consultation.models import Proposal, Vote
from lip.models import Organisation, User
from tests import factories
from tests.consultation.factories import ProposalFactory, VoteFactory
from tests.counters_check import assert_counters_match

PASSWORD = "correct-horse-battery"
URL = "/profil/konto-loeschen/"

pytestmark = pytest.mark.django_db


def reload(user) -> User:
    return User.objects.get(pk=user.pk)


# --- Self-service --------------------------------------------------------------------------------------------------


def test_the_profile_links_to_the_page(client_for, user):
    assert f'href="{URL}"' in client_for(user).get(reverse("lip:profile")).content.decode()
    assert reverse("lip:account_delete") == URL


def test_the_page_says_what_stays_and_what_goes(client_for, user):
    body = client_for(user).get(URL).content.decode()

    assert "Was gelöscht wird" in body and "Was bleibt" in body
    assert "„gelöschtes Konto“" in body
    assert "Ihre Stimmen zählen weiter" in body
    assert 'name="password"' in body and 'name="code"' not in body


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_a_wrong_password_changes_nothing(client_for, user):
    response = client_for(user).post(URL, {"password": "falsch"})

    assert response.status_code == 400
    assert "Das Passwort ist nicht richtig." in response.content.decode()
    assert reload(user).deleted_at is None and reload(user).is_active


def test_the_right_password_deletes_signs_out_and_goes_home(client_for, user):
    client = client_for(user)
    client.cookies["lip_device"] = "signed-value"

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    assert reload(user).is_deleted
    assert "_auth_user_id" not in client.session
    assert response.cookies["lip_device"]["max-age"] == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Ihr Konto wurde gelöscht" in m for m in messages)


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_with_a_second_factor_the_code_is_required(client_for, user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = client_for(user)

    assert 'name="code"' in client.get(URL).content.decode()
    response = client.post(URL, {"password": PASSWORD, "code": "000000"})
    assert response.status_code == 400 and "Der Code ist nicht richtig." in response.content.decode()
    assert not reload(user).is_deleted

    response = client.post(URL, {"password": PASSWORD, "code": _current_code(secret)})
    assert response.status_code == 302 and reload(user).is_deleted


def test_the_last_superuser_is_told_why_not(client_for):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)

    assert "letzte Konto mit allen Rechten" in client.get(URL).content.decode()
    client.post(URL, {"password": PASSWORD})
    assert not reload(admin).is_deleted


# --- Staff in the admin --------------------------------------------------------------------------------------------


@pytest.fixture
def admin(client, db):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True, email="admin@example.org")
    client.force_login(superuser)
    client.superuser = superuser
    return client


def admin_delete(admin, person, *, follow=True):
    return admin.post(reverse("wagtailusers_users:delete", args=[person.pk]), follow=follow)


def test_admin_delete_of_an_author_tombstones_through_the_service(admin, home_page):
    author = factories.UserFactory(display_name="Aylin Autorin")
    proposal = ProposalFactory(author=author)

    response = admin_delete(admin, author)

    assert response.status_code == 200
    assert "Das Konto von „Aylin Autorin“ wurde gelöscht." in response.content.decode()
    tombstone = reload(author)
    assert tombstone.is_deleted and tombstone.email == f"geloescht-{author.pk}@invalid"
    assert Proposal.objects.get(pk=proposal.pk).author == tombstone


def test_the_admin_confirmation_says_what_happens(admin):
    person = factories.UserFactory()

    body = admin.get(reverse("wagtailusers_users:delete", args=[person.pk])).content.decode()

    assert "erscheinen als „gelöschtes Konto“" in body


def test_admin_delete_of_a_voter_keeps_votes_and_counters(admin, home_page):
    voter = factories.UserFactory()
    proposal = ProposalFactory()
    VoteFactory(proposal=proposal, user=voter)
    VoteFactory(proposal=proposal)

    admin_delete(admin, voter)

    assert reload(voter).is_deleted
    assert Vote.objects.filter(proposal=proposal).count() == 2
    assert_counters_match()


def test_admin_delete_flags_an_orphaned_organisation_and_the_dashboard_shows_it(admin, organisation):
    admin_delete(admin, factories.representative_of(organisation))

    assert Organisation.objects.get(pk=organisation.pk).needs_representative_since is not None
    body = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 Organisation hat keine Vertretung mehr" in body
    listing = admin.get(reverse("organisations:index") + "?needs_representative=true").content.decode()
    assert organisation.name in listing


def test_staff_cannot_delete_themselves_in_the_admin(admin):
    response = admin_delete(admin, admin.superuser, follow=False)

    assert response.status_code in (302, 403)
    assert not reload(admin.superuser).is_deleted


def test_bulk_delete_goes_through_the_service(admin, home_page):
    author = factories.UserFactory()
    ProposalFactory(author=author)
    bystander = factories.UserFactory()
    url = reverse("wagtail_bulk_action", args=["lip", "user", "delete"])

    response = admin.post(f"{url}?id={author.pk}&id={bystander.pk}", follow=True)

    assert response.status_code == 200
    assert "2 Konten wurden gelöscht." in response.content.decode()
    assert User.objects.filter(pk__in=[author.pk, bystander.pk], deleted_at__isnull=False).count() == 2
    assert_counters_match()


def test_a_deleted_account_cannot_be_edited_back_to_life(admin):
    person = factories.UserFactory()
    admin_delete(admin, person)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    response = admin.post(url, {"email": "zurueck@example.org", "is_active": "on"}, follow=True)
    person = reload(person)
    assert person.deleted_at is not None and not person.is_active
    assert "zurueck" not in person.email
    assert "kann nicht mehr bearbeitet werden" in response.content.decode()


def test_deleting_a_deleted_account_again_says_so_once(admin):
    """QA: the refusal led to the edit view, which refused too: two messages for one click."""
    person = factories.UserFactory()
    admin_delete(admin, person)

    response = admin.get(reverse("wagtailusers_users:delete", args=[person.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:index")
    body = admin.get(response["Location"]).content.decode()
    assert body.count("Dieses Konto ist bereits gelöscht.") == 1
    assert "kann nicht mehr bearbeitet werden" not in body


def test_bulk_actions_cannot_give_a_deleted_account_rights_again(admin):
    person = factories.UserFactory()
    admin_delete(admin, person)
    url = reverse("wagtail_bulk_action", args=["lip", "user", "set_active_state"])

    response = admin.post(f"{url}?id={person.pk}", {"mark_as_active": "True"}, follow=True)

    assert response.status_code == 200
    assert "gelöscht und kann nicht mehr geändert werden" in response.content.decode()
    assert not reload(person).is_active
