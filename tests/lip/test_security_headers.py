"""Response headers: Content-Security-Policy, Permissions-Policy, COOP and no caching of personal pages.

The browser test tests/browser/test_csp.py proves that the pages really work under the policy.
"""

import pytest
from django.urls import reverse

from tests.helpers import assert_personal, cache_control

PUBLIC_PAGES = ["/", "/konto/login/", "/konto/signup/", "/organisationen/", "/suche/?q=Sprache"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_a_strict_content_security_policy(client, home_page, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_pages_have_no_inline_script_or_style(client, home_page):
    for path in PUBLIC_PAGES:
        body = client.get(path).content.decode()
        assert "style=" not in body, path
        assert "<script>" not in body and "<style" not in body, path
        assert "javascript:" not in body and "onclick=" not in body, path


def test_progress_bar_draws_its_width_without_a_style_attribute():
    from django.template.loader import render_to_string

    html = render_to_string("monitoring/includes/progress.html", {"value": 42.5})

    assert "style=" not in html
    assert 'width="42.5%"' in html


def test_only_the_wagtail_admin_allows_inline_scripts_and_styles(client_for, moderator, home_page):
    response = client_for(moderator).get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page editor's live preview frames an admin URL
    assert policy["connect-src"] == ["'self'"] and policy["default-src"] == ["'self'"]


def test_public_pages_may_be_framed_by_no_one(client, home_page):
    assert directives(client.get("/"))["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/konto/login/"])
def test_every_response_denies_browser_features_and_isolates_the_window(client, home_page, path):
    response = client.get(path)

    features = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"):
        assert features[feature] == "()"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_anonymous_public_pages_stay_cacheable(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)


def test_the_profile_is_never_stored_by_a_cache(client_for, user, home_page):
    response = client_for(user).get(reverse("lip:profile"))

    assert response.status_code == 200
    assert_personal(response)


def test_even_public_pages_are_not_stored_while_signed_in(client_for, user, home_page):
    # The page header names the signed-in person: a shared cache must not hand it to someone else.
    response = client_for(user).get("/")

    assert_personal(response)


def test_the_admin_keeps_wagtails_own_stricter_directives(client_for, moderator, home_page):
    response = client_for(moderator).get(reverse("wagtailadmin_home"))

    directives_sent = cache_control(response)
    assert {"private", "no-store"} <= directives_sent
    assert {"no-cache", "must-revalidate"} <= directives_sent  # Wagtail's never_cache stays


def test_a_view_saying_public_gives_way_to_private(rf, user):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control

    from lip.security_headers import PrivateCacheMiddleware

    def view(request):
        response = HttpResponse("x")
        patch_cache_control(response, public=True, max_age=600)
        return response

    request = rf.get("/")
    request.user = user
    signed_in = PrivateCacheMiddleware(view)(request)
    request.user = AnonymousUser()
    anonymous = PrivateCacheMiddleware(view)(request)

    assert "public" not in cache_control(signed_in)
    assert {"private", "no-store"} <= cache_control(signed_in)
    assert cache_control(anonymous) == {"public", "max-age=600"}
