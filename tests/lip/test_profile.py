"""The profile page and the language choice."""

from django.test import Client

from lip.models import User
from tests import factories


def text(response) -> str:
    return response.content.decode()


def test_profile_needs_login(client, db):
    response = client.get("/profil/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_profile_shows_the_person_and_their_organisations(client, user, organisation):
    factories.MembershipFactory(user=user, organisation=organisation)
    client.force_login(user)

    response = client.get("/profil/")

    assert response.status_code == 200
    assert user.email in text(response)
    assert organisation.name in text(response)
    assert f'value="{user.display_name}"' in text(response)


def test_changing_display_name_and_language_is_stored_and_sets_the_language_cookie(client, user):
    client.force_login(user)

    response = client.post("/profil/", {"display_name": "Mariam S.", "preferred_language": "en"})

    assert response.status_code == 302
    assert response["Location"] == "/profil/"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Mariam S.", "en")
    cookie = response.cookies["lip_language"]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    page = client.get("/profil/")
    assert '<html lang="en"' in text(page)
    assert "Your profile has been saved." in text(page)


def test_changing_back_to_german_shows_german(client, user):
    user.preferred_language = "en"
    user.save()
    client.force_login(user)

    response = client.post("/profil/", {"display_name": user.display_name, "preferred_language": "de"}, follow=True)

    assert '<html lang="de"' in text(response)
    assert "Ihr Profil wurde gespeichert." in text(response)
    assert client.cookies["lip_language"].value == "de"


def test_empty_display_name_is_refused(client, user):
    """Without a display name the platform would show the e-mail address publicly."""
    client.force_login(user)

    response = client.post("/profil/", {"display_name": "  ", "preferred_language": "de"})

    assert response.status_code == 400
    assert "Dieses Feld muss ausgefüllt werden." in text(response)
    user.refresh_from_db()
    assert user.display_name


def test_unknown_language_is_refused(client, user):
    client.force_login(user)

    response = client.post("/profil/", {"display_name": "Mariam S.", "preferred_language": "xx"})

    assert response.status_code == 400
    assert "lip_language" not in response.cookies
    user.refresh_from_db()
    assert user.preferred_language == "de"


def test_profile_change_without_csrf_token_is_forbidden(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/profil/", {"display_name": "Fremd", "preferred_language": "en"})

    assert response.status_code == 403
    user.refresh_from_db()
    assert user.display_name != "Fremd"


# --- Language switch -----------------------------------------------------------------------


def test_language_switch_sets_the_cookie_and_returns(client, db):
    response = client.get("/sprache/en/", {"next": "/organisationen/"})

    assert response.status_code == 302
    assert response["Location"] == "/organisationen/"
    assert response.cookies["lip_language"].value == "en"
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="en"' in text(client.get("/organisationen/"))


def test_every_page_links_each_language_back_to_itself(client, db):
    page = text(client.get("/organisationen/?seite=2"))

    assert '<nav class="language-switch" aria-labelledby="language-switch-label">' in page
    for code in ("de", "en", "tr", "ar", "uk", "ru", "fa"):
        assert f'href="/sprache/{code}/?next=/organisationen/%3Fseite%3D2" lang="{code}" hreflang="{code}"' in page
    assert 'lang="de" hreflang="de" aria-current="true">Deutsch</a>' in page
    assert "csrfmiddlewaretoken" not in page, "the switch needs no form"


def test_language_switch_by_get_leaves_the_signed_in_persons_record_alone(client, user):
    client.force_login(user)

    response = client.get("/sprache/en/", {"next": "/"})

    assert response.cookies["lip_language"].value == "en"
    assert User.objects.get(pk=user.pk).preferred_language == "de", "a link must not change stored data (CSRF)"


def test_language_switch_knows_only_the_sites_languages(client, db):
    response = client.get("/sprache/xx/", {"next": "/"})

    assert response.status_code == 404
    assert "lip_language" not in response.cookies


def test_language_switch_does_not_redirect_to_other_sites(client, db):
    for next_url in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/sprache/en/", {"next": next_url})

        assert response.status_code == 302
        assert response["Location"] == "/"


def test_language_switch_by_post_is_not_allowed(client, db):
    assert client.post("/sprache/en/", {"next": "/"}).status_code == 405


def test_preferred_language_applies_on_a_new_device(user):
    user.preferred_language = "en"
    user.save()
    client = Client()
    client.force_login(user)

    assert '<html lang="en"' in text(client.get("/organisationen/"))


def test_the_device_choice_wins_over_the_preferred_language(user):
    user.preferred_language = "en"
    user.save()
    client = Client()
    client.force_login(user)
    client.cookies["lip_language"] = "de"

    assert '<html lang="de"' in text(client.get("/organisationen/"))


def test_browser_language_is_used_for_anonymous_visitors(db):
    response = Client().get("/organisationen/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert '<html lang="en"' in text(response)
