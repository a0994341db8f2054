"""Issue 12, section 1: one way in (allauth's), throttled by the real client address, enforcing e-mail
verification. Wagtail's own login and password reset pages send everyone to allauth's."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from lip.settings import base as base_settings
from tests import factories

LOGIN_URL = "/konto/login/"
PASSWORD = "correct-horse-battery"
TOO_MANY = "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später noch einmal."
OLD_LOGIN_URLS = ["/admin/login/", "/_util/login/"]


@pytest.fixture
def rate_limits(settings):
    """The production rate limits (the test settings switch them off), with an empty cache."""
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def login(client: Client, email: str, password: str = PASSWORD, **meta):
    return client.post(LOGIN_URL, {"login": email, "password": password}, **meta)


def signed_in(client: Client):
    return client.session.get("_auth_user_id")


# --- One way in ------------------------------------------------------------------


@pytest.mark.parametrize("url", OLD_LOGIN_URLS)
def test_old_login_pages_send_to_allauth_with_next(client, db, url):
    response = client.get(f"{url}?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/admin/pages/"


@pytest.mark.parametrize("url", OLD_LOGIN_URLS)
def test_old_login_pages_do_not_accept_the_right_password(client, user, url):
    response = client.post(url, {"username": user.email, "password": PASSWORD, "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert signed_in(client) is None


@pytest.mark.parametrize("url", OLD_LOGIN_URLS)
def test_unverified_person_signs_in_nowhere(client, unverified_user, url):
    client.post(url, {"username": unverified_user.email, "password": PASSWORD})
    login(client, unverified_user.email)

    assert signed_in(client) is None
    response = client.get("/profil/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_the_admin_sends_anonymous_people_to_allauth(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/admin/"


@pytest.mark.parametrize(
    "url",
    ["/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/confirm/MQ/abc-def/"],
)
def test_wagtail_password_reset_sends_to_allauth_and_mails_nothing(client, user, url):
    response = client.post(url, {"email": user.email})

    assert response.status_code == 302
    assert response["Location"] == "/konto/password/reset/"
    assert mail.outbox == []


def test_private_page_sends_to_allauth_login(client, home_page):
    PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(home_page.url)

    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={home_page.url}"


def test_a_locked_account_cannot_sign_in_through_the_old_pages(client, user, rate_limits):
    for _ in range(12):
        login(client, user.email, "falsch-falsch-falsch")
    assert TOO_MANY in login(client, user.email).content.decode()

    for url in OLD_LOGIN_URLS:
        client.post(url, {"username": user.email, "password": PASSWORD})
    assert signed_in(client) is None


# --- Rate limits -----------------------------------------------------------------


def test_fifty_wrong_passwords_are_refused_and_sign_nobody_in(client, user, rate_limits, clock):
    responses = [login(client, user.email, f"falsch-{n}-falsch", REMOTE_ADDR="203.0.113.9") for n in range(50)]

    assert all(response.status_code == 200 for response in responses)
    assert all(TOO_MANY in response.content.decode() for response in responses[5:])
    # even the right password is refused from the attacker's address while it is locked
    assert TOO_MANY in login(client, user.email, REMOTE_ADDR="203.0.113.9").content.decode()
    assert signed_in(client) is None


def test_an_attacker_does_not_lock_the_owner_out(user, rate_limits, clock):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(50):
        login(attacker, user.email, f"falsch-{n}-falsch")

    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = login(owner, user.email)

    assert response.status_code == 302
    assert signed_in(owner) == str(user.pk)
    assert signed_in(attacker) is None


def test_an_attack_from_many_addresses_locks_the_account_for_five_minutes_at_most(user, rate_limits, clock):
    for attacker in range(20):
        for n in range(3):
            login(Client(), user.email, f"falsch-{n}", REMOTE_ADDR=f"203.0.113.{attacker + 1}")
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert TOO_MANY in login(owner, user.email).content.decode()
    assert signed_in(owner) is None

    clock.shift(datetime.timedelta(minutes=5, seconds=1))

    assert login(owner, user.email).status_code == 302
    assert signed_in(owner) == str(user.pk)


def test_the_owners_known_device_is_never_locked_out_by_an_attack_from_many_addresses(user, rate_limits, clock):
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert login(owner, user.email).status_code == 302  # the device is remembered
    owner.post("/konto/logout/")
    for attacker in range(20):
        for n in range(3):
            login(Client(), user.email, f"falsch-{n}", REMOTE_ADDR=f"203.0.113.{attacker + 1}")
    # from a new address (the owner's phone moved to another network), the known device still gets in at once
    owner.defaults["REMOTE_ADDR"] = "192.0.2.77"
    assert login(owner, user.email).status_code == 302
    assert signed_in(owner) == str(user.pk)


def test_a_known_device_still_has_its_own_limit_on_wrong_passwords(user, rate_limits, clock):
    device = Client(REMOTE_ADDR="198.51.100.20")
    assert login(device, user.email).status_code == 302
    device.post("/konto/logout/")
    for n in range(5):
        login(device, user.email, f"falsch-{n}")
    assert TOO_MANY in login(device, user.email).content.decode()


def test_a_device_cookie_of_another_account_or_a_forged_one_counts_for_nothing(user, rate_limits, clock):
    other = factories.UserFactory()
    device = Client(REMOTE_ADDR="198.51.100.20")
    assert login(device, other.email).status_code == 302
    device.post("/konto/logout/")
    device.cookies["lip_device"] = device.cookies["lip_device"].value[:-2] + "xx"
    for attacker in range(20):
        for n in range(3):
            login(Client(), user.email, f"falsch-{n}", REMOTE_ADDR=f"203.0.113.{attacker + 1}")
    assert TOO_MANY in login(device, user.email).content.decode()


def test_the_attackers_address_is_free_again_after_five_minutes(user, rate_limits, clock):
    client = Client(REMOTE_ADDR="198.51.100.20")
    for n in range(6):
        login(client, user.email, f"falsch-{n}")
    assert TOO_MANY in login(client, user.email).content.decode()

    clock.shift(datetime.timedelta(minutes=5, seconds=1))

    assert login(client, user.email).status_code == 302
    assert signed_in(client) == str(user.pk)


def test_a_successful_sign_in_forgives_the_owners_own_typos(user, rate_limits, clock):
    client = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(2):
        for n in range(4):
            login(client, user.email, f"vertippt-{n}")
        assert login(client, user.email).status_code == 302
        assert signed_in(client) == str(user.pk)
        client.post("/konto/logout/")


def test_a_workshop_of_thirty_signs_in_from_one_address_within_a_minute(db, rate_limits, clock):
    people = factories.UserFactory.create_batch(30)
    for person in people:
        # every one of them mistypes the password once first
        client = Client(REMOTE_ADDR="192.0.2.50")
        login(client, person.email, "vertippt-vertippt")
        response = login(client, person.email)
        assert response.status_code == 302, person.email
        assert signed_in(client) == str(person.pk)
        clock.shift(datetime.timedelta(seconds=1.5))


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(settings, user, rate_limits, clock):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    for n in range(10):
        login(attacker, user.email, f"falsch-{n}")
    assert TOO_MANY in login(attacker, user.email).content.decode()

    owner = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert login(owner, user.email).status_code == 302
    assert signed_in(owner) == str(user.pk)


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(settings, user, rate_limits, clock):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        login(client, user.email, f"falsch-{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")

    response = login(client, user.email, HTTP_X_FORWARDED_FOR="198.51.100.200")

    assert TOO_MANY in response.content.decode()
    assert signed_in(client) is None


def test_a_short_forwarded_for_chain_counts_by_the_connecting_address(settings, user, rate_limits):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = login(client, user.email)

    assert response.status_code == 302
    assert signed_in(client) == str(user.pk)


def test_thirty_reset_requests_for_one_address_send_three_mails(client, user, rate_limits, clock):
    statuses = [client.post("/konto/password/reset/", {"email": user.email}).status_code for _ in range(30)]

    assert len(mail.outbox) == 3
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}


def test_the_rate_limit_page_speaks_german(client, user, rate_limits, clock):
    for _ in range(3):
        client.post("/konto/password/reset/", {"email": user.email})

    response = client.post("/konto/password/reset/", {"email": user.email})

    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()


def test_guessing_a_page_password_is_throttled(client, home_page, rate_limits, clock):
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="Maschsee-2026"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{home_page.pk}/"
    statuses = [client.post(url, {"password": f"falsch-{n}", "return_url": "/"}).status_code for n in range(10)]
    assert statuses == [200] * 10

    response = client.post(url, {"password": "Maschsee-2026", "return_url": "/"})

    assert response.status_code == 429
    assert client.get(home_page.url).status_code == 200  # still the password form
    assert 'name="password"' in client.get(home_page.url).content.decode()
    clock.shift(datetime.timedelta(minutes=1, seconds=1))
    assert client.post(url, {"password": "Maschsee-2026", "return_url": "/"}).status_code == 302


def test_guessing_a_document_collection_password_is_throttled(client, db, rate_limits, clock):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Protokolle")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="Maschsee-2026"
    )
    url = f"/dokumente/authenticate_with_password/{restriction.pk}/"
    statuses = [client.post(url, {"password": f"falsch-{n}", "return_url": "/"}).status_code for n in range(10)]
    assert statuses == [200] * 10

    assert client.post(url, {"password": "Maschsee-2026", "return_url": "/"}).status_code == 429
    clock.shift(datetime.timedelta(minutes=1, seconds=1))
    assert client.post(url, {"password": "Maschsee-2026", "return_url": "/"}).status_code == 302
