"""Issue 12, section 4: the Redis of the cache (REDIS_URL) is down. Pages and writes keep working on a per-process
local-memory cache, rate limits keep counting there, and the shared cache is used again once Redis answers.

Real ports, no mocks: a dead Redis is a port nobody listens on, a hanging one a socket that never answers, and a
Redis that comes back is a `redis-server` started on the port that was dead.
"""

import logging
import socket
import threading
import time

import pytest
from django.urls import reverse

from consultation.models import Proposal
from lip.cache import ResilientRedisCache
from lip.settings import base as base_settings
from tests.processes import free_port

from .consultation_fixtures import *  # noqa: F403  (the consultation tests' fixtures)
from .outage_support import redis_server, redis_url

WRONG = "falsch-falsch-falsch"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def redis_down(settings):
    """The site's cache is a Redis on a port nobody listens on (as with REDIS_URL set and Redis stopped)."""
    settings.CACHES = {"default": {"BACKEND": "lip.cache.ResilientRedisCache", "LOCATION": redis_url(free_port())}}


@pytest.mark.parametrize("page", ["home", "consultation", "proposal list", "proposal"])
def test_public_pages_answer_with_redis_down(client, redis_down, clock, proposal, consultation, page):
    url = {
        "home": "/",
        "consultation": consultation.url,
        "proposal list": consultation.url + "vorschlaege/",
        "proposal": proposal.get_absolute_url(),
    }[page]

    response = client.get(url)

    assert response.status_code == 200
    if page in ("proposal list", "proposal"):
        assert proposal.title in response.content.decode()


def test_a_proposal_is_accepted_with_redis_down(client_for, user, redis_down, clock, consultation, topic):
    data = {"title": "Sprachcafé im Stadtteilzentrum", "text": "Einmal pro Woche.", "topic": topic.pk}

    response = client_for(user).post(consultation.url + "vorschlaege/neu/", data)

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.title == "Sprachcafé im Stadtteilzentrum"


def test_the_login_rate_limit_still_counts_with_redis_down(client, redis_down, settings, db):
    from tests import factories

    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS  # 5 failed logins per 5 minutes and account
    person = factories.UserFactory(password=PASSWORD)
    login_url = reverse("account_login")
    for _ in range(6):
        client.post(login_url, {"login": person.email, "password": WRONG})

    response = client.post(login_url, {"login": person.email, "password": PASSWORD})

    assert response.status_code != 302, "the right password must be refused while the account is locked"
    assert client.session.get("_auth_user_id") is None


# --- The breaker ---------------------------------------------------------------------------------------------------


@pytest.fixture
def silent_redis():
    """A Redis that accepts connections and never answers (an overloaded or half-dead server); counts connections."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield redis_url(server.getsockname()[1]), accepted
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hanging_redis_costs_one_timeout_per_window_not_one_per_call(silent_redis, caplog):
    url, accepted = silent_redis
    cache = ResilientRedisCache(url, {"OPTIONS": {"DOWN_SECONDS": 60}})

    with caplog.at_level(logging.WARNING, logger="lip.cache"):
        cache.set("greeting", "hallo")
        answers = [cache.get("greeting") for _ in range(50)]
        assert cache.add("attempts", 1)
        assert cache.incr("attempts") == 2  # counters (the rate limits) go on counting in local memory

    assert answers == ["hallo"] * 50
    assert cache.redis_is_down
    assert len(accepted) == 1, "Redis was tried once in the window, not once per call"
    assert [record.message for record in caplog.records if "cannot be reached" in record.message] == [
        caplog.records[0].message
    ], "one warning per outage"


def test_the_cache_uses_redis_when_it_answers():
    port = free_port()
    cache = ResilientRedisCache(redis_url(port), {})

    with redis_server(port) as redis:
        cache.set("greeting", "hallo")

        assert redis.exists(cache.make_key("greeting")) == 1
        assert cache.get("greeting") == "hallo"
        assert not cache.redis_is_down


def test_the_cache_goes_back_to_redis_by_itself_when_redis_returns(caplog):
    port = free_port()
    cache = ResilientRedisCache(redis_url(port), {"OPTIONS": {"DOWN_SECONDS": 0.05}})

    with caplog.at_level(logging.WARNING, logger="lip.cache"):
        cache.set("greeting", "lokal")  # Redis is down: local memory
        assert cache.redis_is_down
        assert cache.get("greeting") == "lokal"

        with redis_server(port) as redis:  # Redis is back
            deadline = time.monotonic() + 5
            while cache.redis_is_down and time.monotonic() < deadline:  # the breaker's (tiny) window ends
                time.sleep(0.01)
            cache.set("greeting", "geteilt")

            assert redis.get(cache.make_key("greeting")) is not None, "the value went to Redis"
            assert cache.get("greeting") == "geteilt"
            assert not cache.redis_is_down

        # Redis stops again: the site goes on from local memory.
        assert cache.get("greeting") == "lokal"
        assert cache.redis_is_down

    messages = [record.message for record in caplog.records]
    assert sum("cannot be reached" in m for m in messages) == 2  # once per outage
    assert sum("answers again" in m for m in messages) == 1
