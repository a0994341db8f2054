"""Issue 12, section 1: staff sign in with a second factor (an authenticator app with recovery codes, allauth.mfa);
participants may opt in."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client

from lip.roles import Role
from tests import factories

PASSWORD = "correct-horse-battery"
ACTIVATE_URL = "/konto/2fa/totp/activate/"
AUTHENTICATE_URL = "/konto/2fa/authenticate/"
ENROL_MESSAGE = "Zu seinem Schutz richten Sie bitte zuerst die Zwei-Faktor-Anmeldung mit einer Authenticator-App ein."


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.LIP_STAFF_MFA_REQUIRED = True
    cache.clear()
    yield
    cache.clear()


def current_code(secret: str) -> str:
    """What the authenticator app shows now (allauth's own HOTP over the current 30-second period)."""
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client: Client, user) -> None:
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def enrol(client: Client, user) -> str:
    """Set up the authenticator app through the activation page; returns the TOTP secret."""
    # allauth asks for the password again before a change to the second factor
    response = client.get(ACTIVATE_URL)
    assert response["Location"] == "/konto/reauthenticate/?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == ACTIVATE_URL
    assert client.get(ACTIVATE_URL).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE_URL, {"code": current_code(secret)})
    assert response.status_code == 302, response.content.decode()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return secret


def signed_in(client: Client):
    return client.session.get("_auth_user_id")


def test_staff_without_second_factor_is_sent_to_set_it_up(client, moderator):
    sign_in(client, moderator)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL
    page = client.get(ACTIVATE_URL, follow=True)  # by allauth's password confirmation
    assert ENROL_MESSAGE in page.content.decode()
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    page = client.get(ACTIVATE_URL)
    assert page.status_code == 200
    # the QR code is an image in the page itself (no request to another host), the key is there as text too
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    assert 'alt="QR-Code für Ihre Authenticator-App"' in page.content.decode()
    assert f'value="{client.session[SECRET_SESSION_KEY]}"' in page.content.decode()


def test_staff_without_second_factor_cannot_act_anywhere_signed_in(client, moderator, home_page):
    sign_in(client, moderator)

    for url in ["/", "/profil/", "/admin/pages/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE_URL
    response = client.post("/profil/", {"display_name": "Geändert", "preferred_language": "de"})
    assert response.status_code == 302
    moderator.refresh_from_db()
    assert moderator.display_name != "Geändert"


def test_staff_can_still_reach_the_account_pages_and_sign_out(client, moderator):
    sign_in(client, moderator)

    assert client.get("/konto/2fa/").status_code == 200
    assert client.get("/konto/logout/").status_code == 200
    client.post("/konto/logout/")
    assert signed_in(client) is None


@pytest.mark.parametrize("url", ["/konto/email/", "/konto/password/change/"])
def test_before_the_app_is_set_up_the_password_alone_cannot_change_address_or_password(client, moderator, url):
    sign_in(client, moderator)

    response = client.post(url, {"email": "angreifer@example.org", "action_add": "", "oldpassword": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(ACTIVATE_URL)
    moderator.refresh_from_db()
    assert moderator.check_password(PASSWORD)
    assert not moderator.emailaddress_set.filter(email="angreifer@example.org").exists()


def test_after_setting_up_the_app_the_admin_opens(client, moderator, clock):
    sign_in(client, moderator)
    enrol(client, moderator)

    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_a_wrong_code_does_not_activate_the_app(client, moderator, clock):
    sign_in(client, moderator)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    client.get(ACTIVATE_URL)

    response = client.post(ACTIVATE_URL, {"code": "000000"})

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=moderator).exists()
    assert client.get("/admin/")["Location"] == ACTIVATE_URL


def test_jury_members_set_up_the_app_before_scoring(client, db):
    juror = factories.UserFactory(roles=[Role.JURY])
    sign_in(client, juror)

    response = client.get("/ideenwettbewerb/jury/")

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL


def test_participants_are_not_asked_and_find_the_opt_in_on_their_profile(client, user):
    sign_in(client, user)

    response = client.get("/profil/")

    assert response.status_code == 200
    assert 'href="/konto/2fa/">Zwei-Faktor-Anmeldung</a>' in response.content.decode()


def test_without_the_setting_staff_are_not_asked(client, moderator, settings):
    settings.LIP_STAFF_MFA_REQUIRED = False
    sign_in(client, moderator)

    assert client.get("/admin/").status_code == 200


def test_signing_in_with_the_app_asks_for_the_code_and_refuses_a_wrong_one(client, moderator, clock):
    sign_in(client, moderator)
    secret = enrol(client, moderator)
    client.post("/konto/logout/")
    clock.shift(datetime.timedelta(seconds=60))

    response = client.post("/konto/login/", {"login": moderator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE_URL
    assert signed_in(client) is None
    assert "<h1>Zwei-Faktor-Anmeldung</h1>" in client.get(AUTHENTICATE_URL).content.decode()

    response = client.post(AUTHENTICATE_URL, {"code": "123456"})
    assert response.status_code == 200
    assert "Falscher Code." in response.content.decode()
    assert signed_in(client) is None
    assert client.get("/admin/")["Location"].startswith("/konto/login/")

    response = client.post(AUTHENTICATE_URL, {"code": current_code(secret)})
    assert response.status_code == 302
    assert signed_in(client) == str(moderator.pk)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, moderator, clock):
    sign_in(client, moderator)
    enrol(client, moderator)
    codes = RecoveryCodes(Authenticator.objects.get(user=moderator, type=Authenticator.Type.RECOVERY_CODES))
    code = codes.get_unused_codes()[0]
    client.post("/konto/logout/")

    client.post("/konto/login/", {"login": moderator.email, "password": PASSWORD})
    client.post(AUTHENTICATE_URL, {"code": code})
    assert signed_in(client) == str(moderator.pk)
    client.post("/konto/logout/")

    client.post("/konto/login/", {"login": moderator.email, "password": PASSWORD})
    response = client.post(AUTHENTICATE_URL, {"code": code})
    assert response.status_code == 200
    assert signed_in(client) is None


def test_a_participant_who_opted_in_is_asked_for_the_code(client, user, clock):
    sign_in(client, user)
    enrol(client, user)
    client.post("/konto/logout/")

    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})

    assert response["Location"] == AUTHENTICATE_URL
    assert signed_in(client) is None
