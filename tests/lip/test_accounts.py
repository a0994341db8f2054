"""Accounts through allauth, as a person experiences them: register, confirm, log in and out, reset the password."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from lip import permissions
from lip.models import User
from lip.roles import Role, group_name
from tests import factories

SIGNUP_URL = "/konto/signup/"
LOGIN_URL = "/konto/login/"
LOGOUT_URL = "/konto/logout/"
RESET_URL = "/konto/password/reset/"
GOOD_PASSWORD = "Lindener-Sprachcafe-24"


def signup_data(**overrides) -> dict:
    data = {
        "email": "amira@example.org",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "display_name": "Amira K.",
        "preferred_language": "de",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def text(response) -> str:
    return response.content.decode()


# --- Registration ----------------------------------------------------------------


def test_registration_creates_an_unverified_account_and_sends_the_confirmation_link(client, db):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    user = User.objects.get(email="amira@example.org")
    assert user.display_name == "Amira K."
    assert user.preferred_language == "de"
    assert user.groups.filter(name=group_name(Role.PARTICIPANT)).exists()
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@example.org"]
    assert mail.outbox[0].subject == "[LIP Hannover] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "für das Konto „Amira K.“ angegeben" in mail.outbox[0].body
    assert "/konto/confirm-email/" in mail.outbox[0].body
    assert not permissions.can_contribute(user)


def test_after_registering_the_page_explains_the_confirmation(client, db):
    response = client.post(SIGNUP_URL, signup_data(), follow=True)

    assert "Bestätigen Sie Ihre E-Mail-Adresse" in text(response)
    assert "Wir haben Ihnen eine E-Mail mit einem Link geschickt." in text(response)


def test_the_confirmation_email_speaks_the_chosen_language(client, db):
    client.post(SIGNUP_URL, signup_data(preferred_language="en"))

    assert mail.outbox[0].subject == "[LIP Hannover] Please confirm your e-mail address"
    assert "Please confirm your address with this link:" in mail.outbox[0].body


def test_registration_stores_the_chosen_language(client, db):
    client.post(SIGNUP_URL, signup_data(preferred_language="en"))

    assert User.objects.get(email="amira@example.org").preferred_language == "en"


def test_following_the_link_verifies_the_address_and_signs_in(client, db):
    client.post(SIGNUP_URL, signup_data())
    confirm_url = link_in(mail.outbox[0])

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "amira@example.org" in text(page)
    response = client.post(confirm_url)

    assert response.status_code == 302
    user = User.objects.get(email="amira@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    assert permissions.can_contribute(User.objects.get(pk=user.pk))
    assert client.get("/profil/").status_code == 200


def test_a_forged_confirmation_key_verifies_nothing(client, db):
    client.post(SIGNUP_URL, signup_data())

    client.post("/konto/confirm-email/Zm9yZ2Vk:1abc:ungueltig/")

    assert EmailAddress.objects.get(email="amira@example.org").verified is False


def test_unverified_account_cannot_log_in(db):
    client = Client()
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    mail.outbox.clear()

    response = client.post(LOGIN_URL, {"login": "amira@example.org", "password": GOOD_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert client.get("/profil/").status_code == 302
    # the confirmation e-mail is sent again
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@example.org"]


def test_unverified_person_cannot_contribute(unverified_user):
    assert permissions.can_contribute(unverified_user) is False


# --- Registration with bad input ---------------------------------------------------


def assert_refused(response, message: str, users_before: int = 0) -> None:
    assert response.status_code == 200
    assert message in text(response), text(response)
    assert User.objects.count() == users_before
    assert mail.outbox == []


def test_email_already_in_use_is_refused(client, db):
    factories.UserFactory(email="amira@example.org")

    response = client.post(SIGNUP_URL, signup_data())

    assert_refused(response, "Es ist bereits jemand mit dieser E-Mail-Adresse registriert.", users_before=1)


def test_email_already_in_use_in_other_case_is_refused(client, db):
    factories.UserFactory(email="amira@example.org")

    response = client.post(SIGNUP_URL, signup_data(email="Amira@Example.ORG"))

    assert_refused(response, "Es ist bereits jemand mit dieser E-Mail-Adresse registriert.", users_before=1)


def test_registration_in_other_case_stores_the_address_in_lower_case(client, db):
    client.post(SIGNUP_URL, signup_data(email="Amira@Example.ORG"))

    assert User.objects.filter(email="amira@example.org").count() == 1


def test_invalid_address_is_refused(client, db):
    response = client.post(SIGNUP_URL, signup_data(email="amira-at-example.org"))

    assert_refused(response, "Bitte gültige E-Mail-Adresse eingeben.")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz-123", "Dieses Passwort ist zu kurz. Es muss mindestens 10 Zeichen enthalten."),
        ("password123", "Dieses Passwort ist zu üblich."),
        ("4711081542", "Dieses Passwort ist komplett numerisch."),
    ],
    ids=["too-short", "common", "numeric"],
)
def test_weak_password_is_refused(client, db, password, message):
    response = client.post(SIGNUP_URL, signup_data(password1=password, password2=password))

    assert_refused(response, message)


def test_mismatched_passwords_are_refused(client, db):
    response = client.post(SIGNUP_URL, signup_data(password2=GOOD_PASSWORD + "x"))

    assert_refused(response, "Die beiden Passwörter stimmen nicht überein.")


def test_missing_privacy_consent_is_refused(client, db):
    response = client.post(SIGNUP_URL, signup_data(privacy_accepted=None))

    assert_refused(response, "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben.")


def test_missing_display_name_is_refused(client, db):
    response = client.post(SIGNUP_URL, signup_data(display_name="   "))

    assert_refused(response, "Dieses Feld muss ausgefüllt werden.")


def test_signup_errors_are_english_after_choosing_english(client, db):
    switched = client.get("/sprache/en/", {"next": SIGNUP_URL})
    assert switched.status_code == 302
    assert client.cookies["lip_language"].value == "en"

    response = client.post(SIGNUP_URL, signup_data(privacy_accepted=None, password1="kurz-123", password2="kurz-123"))

    assert response.status_code == 200
    body = text(response)
    assert '<html lang="en"' in body
    assert "Please confirm that you have read the privacy policy." in body
    assert "This password is too short. It must contain at least 10 characters." in body
    assert "Bitte bestätigen Sie" not in body
    assert User.objects.count() == 0


def test_signup_without_csrf_token_is_forbidden(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 403
    assert "Sicherheitsprüfung fehlgeschlagen" in text(response)
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_the_signup_form_shows_all_required_fields(client, db):
    body = text(client.get(SIGNUP_URL))

    assert "Sie haben schon ein Konto?" in body

    for name in ("email", "password1", "password2", "display_name", "preferred_language", "privacy_accepted"):
        assert f'name="{name}"' in body


# --- Login, logout, password reset -----------------------------------------------------


def test_verified_person_logs_in_with_email_and_password(client, user):
    response = client.post(LOGIN_URL, {"login": user.email, "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_accepts_the_address_in_other_case(client, user):
    client.post(LOGIN_URL, {"login": user.email.upper(), "password": "correct-horse-battery"})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_with_a_message(client, user):
    response = client.post(LOGIN_URL, {"login": user.email, "password": "falsch-falsch-falsch"})

    assert response.status_code == 200
    assert "Die E-Mail-Adresse oder das Passwort ist nicht richtig." in text(response)
    assert "_auth_user_id" not in client.session


def test_logout_by_post_ends_the_session(client, user, home_page):
    client.force_login(user)

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "Sie haben sich abgemeldet." in text(client.get(response["Location"], follow=True))


def test_logout_by_get_only_asks(client, user):
    client.force_login(user)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, user):
    response = client.post(RESET_URL, {"email": user.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "[LIP Hannover] Ihr Passwort zurücksetzen"
    reset_url = client.get(link_in(mail.outbox[0]))
    assert reset_url.status_code == 302  # allauth moves the key into the session
    set_password = client.post(reset_url["Location"], {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert set_password.status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing(client, db):
    response = client.post(RESET_URL, {"email": "niemand@example.org"})

    assert response.status_code == 200
    assert "Diese E-Mail-Adresse gehört zu keinem Konto." in text(response)
    assert mail.outbox == []


def test_new_accounts_join_only_the_participant_group(client, db):
    client.post(SIGNUP_URL, signup_data())

    user = User.objects.get(email="amira@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [Group.objects.get(name="Teilnehmende").name]
    assert not user.is_staff
