"""Issue 12, section 1: the registration form's bot check (lip/botcheck.py): a honeypot and a signed time trap."""

import datetime
import re

import pytest
from django.core import mail, signing

from lip import botcheck
from lip.models import User

SIGNUP_URL = "/konto/signup/"
PASSWORD = "Lindener-Sprachcafe-24"


@pytest.fixture(autouse=True)
def botcheck_on(settings):
    settings.LIP_BOTCHECK_ENABLED = True
    settings.LIP_SIGNUP_MIN_SECONDS = 3


def shown_token(client) -> str:
    """The signed time stamp in the form as the page shows it."""
    page = client.get(SIGNUP_URL).content.decode()
    match = re.search(r'name="form_started" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def signup_data(token: str, **overrides) -> dict:
    data = {
        "email": "amira@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Amira K.",
        "preferred_language": "de",
        "privacy_accepted": "on",
        "form_started": token,
        "homepage": "",
    }
    data.update(overrides)
    return data


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="form-errors"' in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_person_who_takes_their_time_registers(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(seconds=20))

    response = client.post(SIGNUP_URL, signup_data(token))

    assert response.status_code == 302, re.findall(r'class="form-errors".{0,600}', response.content.decode(), re.S)
    assert User.objects.filter(email="amira@example.org").exists()


def test_an_instant_submission_is_refused(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(seconds=1))

    response = client.post(SIGNUP_URL, signup_data(token))

    assert_refused(response, "Das Formular wurde schneller abgeschickt, als ein Mensch es ausfüllen kann.")


def test_after_an_instant_submission_the_same_form_passes_a_moment_later(client, db, clock):
    token = shown_token(client)
    client.post(SIGNUP_URL, signup_data(token))
    clock.shift(datetime.timedelta(seconds=10))

    response = client.post(SIGNUP_URL, signup_data(token))

    assert response.status_code == 302
    assert User.objects.count() == 1


def test_a_filled_honeypot_is_refused(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(seconds=20))

    response = client.post(SIGNUP_URL, signup_data(token, homepage="https://spam.example"))

    assert_refused(response, "Ihre Angaben konnten nicht angenommen werden.")
    assert "https://spam.example" not in response.content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "1740900000.0",
        signing.dumps(0.0, salt="another.salt"),
        signing.dumps("kein Zeitpunkt", salt=botcheck.SALT),
    ],
    ids=["missing", "unsigned", "other-salt", "not-a-time"],
)
def test_a_missing_or_forged_token_is_refused(client, db, clock, token):
    clock.shift(datetime.timedelta(seconds=20))

    response = client.post(SIGNUP_URL, signup_data(token))

    assert_refused(response, "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab.")


def test_an_expired_form_is_refused_and_shown_again_with_a_fresh_token(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(hours=2, seconds=1))

    response = client.post(SIGNUP_URL, signup_data(token))

    assert_refused(response, "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab.")
    fresh = re.search(r'name="form_started" value="([^"]+)"', response.content.decode()).group(1)
    assert fresh != token
    clock.shift(datetime.timedelta(seconds=10))
    assert client.post(SIGNUP_URL, signup_data(fresh)).status_code == 302


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, db):
    page = client.get(SIGNUP_URL).content.decode()

    wrapper = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', page, re.S)
    assert wrapper, page
    assert "Bitte leer lassen" in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1)
    assert 'autocomplete="off"' in wrapper.group(1)
    assert page.count('name="homepage"') == 1


def test_thirty_bots_from_thirty_addresses_create_no_account(client, db, clock):
    for n in range(30):
        client.post(
            SIGNUP_URL, signup_data(shown_token(client), email=f"bot{n}@example.org"), REMOTE_ADDR=f"203.0.113.{n + 1}"
        )

    assert not User.objects.exists()


def test_one_page_load_cannot_be_replayed_for_many_signups(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(seconds=20))
    first = client.post(SIGNUP_URL, signup_data(token, email="eins@example.org"))
    assert first.status_code == 302
    client.post("/konto/logout/")

    for n in range(5):
        response = client.post(SIGNUP_URL, signup_data(token, email=f"kopie{n}@example.org"))
        assert response.status_code == 200
        assert "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab." in response.content.decode()

    assert list(User.objects.values_list("email", flat=True)) == ["eins@example.org"]


def test_a_form_with_a_mistake_keeps_its_token_for_the_corrected_submission(client, db, clock):
    token = shown_token(client)
    clock.shift(datetime.timedelta(seconds=20))
    wrong = signup_data(token)
    wrong["password2"] = "etwas-anderes-123"
    assert client.post(SIGNUP_URL, wrong).status_code == 200

    response = client.post(SIGNUP_URL, signup_data(token))

    assert response.status_code == 302, re.findall(r'class="form-errors".{0,600}', response.content.decode(), re.S)
    assert User.objects.filter(email="amira@example.org").exists()
