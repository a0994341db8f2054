"""Personal pages and files of the idea competition are never kept by a cache (lip.security_headers)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ideas.decisions import services as decision_services
from tests.helpers import assert_personal, cache_control


@pytest.fixture
def granted(eligible, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        award = decision_services.award_grant(
            application=eligible, user=moderator, amount=Decimal("900.00"), conditions=""
        )
    award.refresh_from_db()
    return award


def test_my_applications_is_private_and_not_stored(client_for, representative, eligible):
    response = client_for(representative).get(reverse("ideas:my_applications"))

    assert response.status_code == 200
    assert_personal(response)


def test_the_award_letter_download_is_private_and_not_stored(client_for, representative, granted):
    response = client_for(representative).get(reverse("ideas:award_letter", args=[granted.application_id]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_jury_pages_are_private_and_not_stored(client_for, juror, eligible):
    client = client_for(juror)
    for url in (reverse("ideas:jury_queue"), reverse("ideas:jury_application", args=[eligible.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= cache_control(response), url


def test_the_public_competition_page_is_cacheable_for_anonymous_visitors(client, competition):
    response = client.get(competition.url)

    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
