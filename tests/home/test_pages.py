import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_home_page_shows_german_demo_content(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="de" dir="ltr">' in body
    assert "Gemeinsam den Integrationsplan gestalten" in body
    assert 'href="#main"' in body


def test_seed_demo_is_idempotent(demo):
    from wagtail.models import Page

    from lip.models import Organisation, User

    counts = (User.objects.count(), Organisation.objects.count(), Page.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Organisation.objects.count(), Page.objects.count()) == counts
