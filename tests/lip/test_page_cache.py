"""Issue 16: public pages for anonymous visitors from the shared cache (lip/pagecache).

What is served from the cache and what never is, what the responses say to browsers and proxies, how long an entry
lives, and that a dead Redis changes nothing for visitors. The tests that each kind of write makes the affected pages
stale are next to the writes: tests/consultation/test_page_cache.py, tests/ideas/ and tests/monitoring/.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from lip.pagecache import tags
from lip.pagecache.keys import current_versions
from tests.consultation import conftest as consultation_fixtures
from tests.helpers import cache_control, cached_page, fresh_page, page_cache_state
from tests.processes import free_port

from .consultation_fixtures import *  # noqa: F403  (the consultation tests' fixtures)
from .outage_support import redis_server, redis_url

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def urls(consultation, proposal):
    return {
        "home": "/",
        "consultations": consultation.get_parent().url,
        "consultation": consultation.url,
        "proposal list": consultation.url + "vorschlaege/",
        "proposal": proposal.get_absolute_url(),
    }


PAGES = ["home", "consultations", "consultation", "proposal list", "proposal"]


# --- Served from the cache -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, urls, page, django_assert_num_queries
):
    first = client.get(urls[page])
    assert page_cache_state(first) == "miss"

    with django_assert_num_queries(0):
        second = client.get(urls[page])

    assert page_cache_state(second) == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Content-Security-Policy"):
        assert second[header] == first[header], header


def test_a_new_release_does_not_serve_the_pages_of_the_previous_one(client, urls, settings):
    """After an update (LIP_RELEASE changes with the deployment) the shared cache holds pages rendered by the old
    templates: they are not served."""
    settings.LIP_RELEASE = "release-1"
    client.get(urls["proposal list"])
    assert page_cache_state(client.get(urls["proposal list"])) == "hit"

    settings.LIP_RELEASE = "release-2"

    assert page_cache_state(client.get(urls["proposal list"])) == "miss"
    assert page_cache_state(client.get(urls["proposal list"])) == "hit"


def test_a_head_request_is_answered_from_the_cache(client, urls):
    client.get(urls["proposal"])

    response = client.head(urls["proposal"])

    assert response.status_code == 200
    assert page_cache_state(response) == "hit"


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookies(client, urls, page):
    for expected in ("miss", "hit"):
        response = client.get(urls[page])

        assert page_cache_state(response) == expected
        assert not response.cookies, f"{page}: {list(response.cookies)}"
        vary = {token.strip().lower() for token in response.get("Vary", "").split(",")}
        assert "cookie" not in vary
        assert "accept-language" in vary
        assert cache_control(response) == {"public", "max-age=0", f"s-maxage={settings.LIP_PAGE_CACHE_PROXY_SECONDS}"}
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_each_language_has_its_own_entry(client, urls):
    german = cached_page(client, urls["proposal"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = cached_page(client, urls["proposal"])

    assert '<html lang="de" dir="ltr">' in german
    assert '<html lang="ar" dir="rtl">' in arabic


def test_the_browsers_language_chooses_the_entry_without_a_cookie(urls):
    german = cached_page(Client(), urls["proposal"])
    english = cached_page(Client(HTTP_ACCEPT_LANGUAGE="en"), urls["proposal"])

    assert '<html lang="de"' in german
    assert '<html lang="en"' in english


def test_each_filter_page_and_order_of_the_list_has_its_own_entry(client, urls, topic, district):
    base = urls["proposal list"]
    for query in ("", f"?topic={topic.slug}", f"?district={district.slug}", "?page=1", "?q=Sprachcaf%C3%A9s"):
        response = client.get(base + query)
        assert response.status_code == 200, query
        assert page_cache_state(response) == "miss", f"{query or 'no query'} was served from another entry"

    for query in ("", f"?topic={topic.slug}", f"?district={district.slug}", "?page=1", "?q=Sprachcaf%C3%A9s"):
        assert page_cache_state(client.get(base + query)) == "hit", query


def test_the_order_of_query_parameters_does_not_matter(client, urls, topic, district):
    base = urls["proposal list"]
    client.get(f"{base}?topic={topic.slug}&district={district.slug}")

    response = client.get(f"{base}?district={district.slug}&topic={topic.slug}")

    assert page_cache_state(response) == "hit"


# --- Never served from the cache, never stored ---------------------------------------------------------------------


def test_signed_in_people_are_never_served_from_the_cache(client_for, user, urls):
    anonymous = client_for(None)
    cached_page(anonymous, urls["proposal"])

    response = client_for(user).get(urls["proposal"])

    assert response.status_code == 200
    assert page_cache_state(response) == ""
    assert "Abmelden" in response.content.decode()
    assert {"private", "no-store"} <= cache_control(response)


def test_pages_rendered_for_signed_in_people_are_not_stored(client_for, user, urls):
    client_for(user).get(urls["proposal"])

    response = client_for(None).get(urls["proposal"])

    assert page_cache_state(response) == "miss"
    assert "Abmelden" not in response.content.decode()


def test_a_request_with_a_session_cookie_bypasses_the_cache(client, urls):
    cached_page(client, urls["proposal"])
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-expired-session"

    response = client.get(urls["proposal"])

    assert response.status_code == 200
    assert page_cache_state(response) == ""


def test_a_request_with_pending_messages_bypasses_the_cache(client, urls):
    cached_page(client, urls["proposal"])
    client.cookies["messages"] = "pending"

    assert page_cache_state(client.get(urls["proposal"])) == ""


def test_a_post_is_never_answered_from_the_cache(client, urls):
    cached_page(client, urls["proposal"])

    response = client.post(urls["proposal"])

    assert response.status_code == 405
    assert page_cache_state(response) == ""


def test_a_list_with_bad_filter_values_is_not_stored(client, urls):
    for _ in range(2):
        response = client.get(urls["proposal list"] + "?topic=gibt-es-nicht")

        assert response.status_code == 400
        assert page_cache_state(response) == ""


@pytest.mark.parametrize("query", ["?utm_source=newsletter", "?topic=&x=1"])
@pytest.mark.parametrize("page", ["proposal list", "proposal", "home"])
def test_a_query_parameter_the_page_does_not_know_is_answered_but_never_stored(client, urls, page, query):
    for _ in range(2):
        response = client.get(urls[page] + query)

        assert response.status_code == 200
        assert page_cache_state(response) == ""


def test_a_page_that_does_not_exist_is_not_stored(client, urls):
    url = urls["proposal list"] + "LIP-2026-9999/"
    for _ in range(2):
        response = client.get(url)

        assert response.status_code == 404
        assert page_cache_state(response) == ""


def test_the_random_order_keeps_its_seed_in_the_session_and_is_not_stored(client, urls):
    response = client.get(urls["proposal list"] + "?sort=random")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert page_cache_state(response) == ""
    assert page_cache_state(Client().get(urls["proposal list"] + "?sort=random")) == ""


def test_pages_that_did_not_opt_in_are_not_stored(client, db):
    for _ in range(2):
        response = client.get("/organisationen/")

        assert response.status_code == 200
        assert page_cache_state(response) == ""


def test_the_switch_turns_the_cache_off(client, urls, settings):
    settings.LIP_PAGE_CACHE = False

    for _ in range(2):
        assert page_cache_state(client.get(urls["proposal"])) == ""


def test_a_preview_is_never_answered_from_the_cache(client, consultation):
    cached_page(client, consultation.url)
    consultation.title = "Entwurf: Sprache und Bildung"

    response = consultation.make_preview_request()

    assert "Entwurf: Sprache und Bildung" in response.content.decode()


# --- How long an entry lives ---------------------------------------------------------------------------------------


def test_a_page_is_cached_at_most_the_configured_time(client, urls, clock):
    cached_page(client, urls["proposal"])

    clock.shift(timedelta(seconds=settings.LIP_PAGE_CACHE_SECONDS - 10))
    assert page_cache_state(client.get(urls["proposal"])) == "hit"
    clock.shift(timedelta(seconds=20))
    assert page_cache_state(client.get(urls["proposal"])) == "miss"


def _running_phase(html: str, page: str) -> str:
    """The title of the phase the page shows as running."""
    marker = 'aria-current="step"' if page == "consultation" else "Aktuelle Phase:"
    if marker not in html:
        return ""
    after = html[html.index(marker) :]
    return min(consultation_fixtures.PHASE_TITLES.values(), key=lambda title: after.find(title) % len(after))


@pytest.mark.parametrize(
    "page, ending",
    [
        ("home", "submission"),
        ("consultations", "submission"),
        ("consultation", "submission"),
        ("proposal list", "submission"),  # no more "Vorschlag einreichen"
        ("proposal", "discussion"),  # the vote begins
    ],
)
def test_a_phase_boundary_ends_the_entry_early(client, urls, clock, page, ending):
    clock.travel(consultation_fixtures.phase_end(ending) - timedelta(minutes=2))
    before = cached_page(client, urls[page])

    clock.shift(timedelta(minutes=3))  # within LIP_PAGE_CACHE_SECONDS, but the next phase has begun
    after = fresh_page(client, urls[page])

    assert after != before
    if page in ("home", "consultations", "consultation"):
        assert (_running_phase(before, page), _running_phase(after, page)) == ("Vorschläge sammeln", "Diskutieren")


def test_within_a_phase_the_entry_lives_on(client, urls, clock):
    cached_page(client, urls["consultation"])

    clock.shift(timedelta(minutes=3))

    assert page_cache_state(client.get(urls["consultation"])) == "hit"


def test_a_proxy_may_keep_a_page_no_longer_than_until_the_boundary(client, urls, clock):
    clock.travel(consultation_fixtures.phase_end("submission") - timedelta(seconds=30))

    response = client.get(urls["proposal"])

    assert page_cache_state(response) == "miss"
    assert cache_control(response) == {"public", "max-age=0", "s-maxage=30"}


# --- Versions ------------------------------------------------------------------------------------------------------


def test_a_tag_whose_version_was_evicted_makes_its_pages_stale(client, urls, proposal):
    from django.core.cache import cache

    from lip.pagecache.keys import version_key

    cached_page(client, urls["proposal"])
    cache.delete(version_key(tags.proposal(proposal.reference)))

    assert page_cache_state(client.get(urls["proposal"])) == "miss"


def test_versions_never_come_back(db):
    from django.core.cache import cache

    from lip.pagecache.keys import bump, version_key

    seen = {current_versions(["site"])["site"]}
    for _ in range(20):
        bump(["site"])
        seen.add(cache.get(version_key("site")))
    assert len(seen) == 21


# --- Redis ---------------------------------------------------------------------------------------------------------


def test_pages_are_cached_and_made_stale_in_redis(
    client, settings, urls, proposal, user, django_capture_on_commit_callbacks
):
    from consultation import services

    port = free_port()
    with redis_server(port) as redis:
        settings.CACHES = {"default": {"BACKEND": "lip.cache.ResilientRedisCache", "LOCATION": redis_url(port)}}
        cached_page(client, urls["proposal"])
        assert list(redis.scan_iter(match="*lip-page:page:*")), "the entry lives in Redis"

        with django_capture_on_commit_callbacks(execute=True):
            services.comment_create(proposal=proposal, author=user, text="Auch samstags, bitte.")

        assert "Auch samstags, bitte." in fresh_page(client, urls["proposal"])


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "lip.cache.ResilientRedisCache", "LOCATION": redis_url(free_port())}}


@pytest.mark.parametrize("page", PAGES)
def test_pages_are_served_and_cached_with_redis_down(client, redis_down, urls, page):
    cached_page(client, urls[page])


def test_a_write_makes_pages_stale_with_redis_down(
    client, redis_down, urls, proposal, user, django_capture_on_commit_callbacks
):
    from consultation import services

    cached_page(client, urls["proposal"])

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(proposal=proposal, author=user, text="Auch samstags, bitte.")

    assert "Auch samstags, bitte." in fresh_page(client, urls["proposal"])


def test_a_version_is_bumped_only_once_the_write_commits(client, urls, proposal, user):
    from consultation import services

    cached_page(client, urls["proposal"])

    services.comment_create(proposal=proposal, author=user, text="Auch samstags, bitte.")  # the test's transaction
    # has not committed: to another process the comment does not exist yet, so the page stays as it is

    assert page_cache_state(client.get(urls["proposal"])) == "hit"


# --- CMS pages -----------------------------------------------------------------------------------------------------


@pytest.fixture
def text_page(home_page):
    from home.models import StandardPage

    page = StandardPage(title="Impressum", slug="impressum", intro="Landeshauptstadt Hannover")
    home_page.add_child(instance=page)
    return page


def test_a_text_page_is_cached(client, text_page):
    assert "Landeshauptstadt Hannover" in cached_page(client, text_page.url)


def test_a_password_set_on_a_cached_page_applies_at_once(client, text_page, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    cached_page(client, text_page.url)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=text_page, restriction_type="password", password="geheim-123")

    response = client.get(text_page.url)
    assert page_cache_state(response) == ""
    assert "Landeshauptstadt Hannover" not in response.content.decode()
    assert page_cache_state(client.get(text_page.url)) == "", "the password form is never stored"


def test_a_page_for_signed_in_people_only_is_not_stored(client, text_page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=text_page, restriction_type="login")

    for _ in range(2):
        response = client.get(text_page.url)
        assert response.status_code == 302
        assert page_cache_state(response) == ""


def test_new_footer_settings_appear_on_every_page(client, urls, home_page, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from home.models import SiteSettings

    cached_page(client, urls["proposal"])

    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True), defaults={"contact_email": "integration@hannover.example"}
        )

    assert "integration@hannover.example" in fresh_page(client, urls["proposal"])
