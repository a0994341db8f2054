"""Only staff with the consultation permissions reach the workspace; everyone else is sent away and stores nothing.

People without admin access are sent to log in; admin users without the consultation permissions are refused
(Wagtail turns the 403 into a redirect to the dashboard with an error message).
"""

import pytest
from django.urls import reverse

from consultation.models import AnalogTally, Event, Proposal
from tests.helpers import admin_home, assert_admin_menu_links

URL_NAMES = [
    "consultation-proposals:index",
    "consultation-proposals:add",
    "consultation-events:index",
    "consultation-events:add",
    "consultation-tallies:index",
    "consultation-tallies:add",
]


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_anonymous_visitors_are_sent_to_log_in(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_participants_are_sent_away(client_for, user, url_name):
    response = client_for(user).get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def assert_refused_by_wagtail(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and an error message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_admin_users_without_consultation_permissions_are_refused(client_for, admin_without_rights, url_name):
    response = client_for(admin_without_rights).get(reverse(url_name))

    assert_refused_by_wagtail(response)


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_moderators_reach_the_workspace(client_for, moderator, url_name):
    response = client_for(moderator).get(reverse(url_name))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_names",
    [
        ["consultation-proposals:index"],
        ["moderation-proposals:index", "moderation-comments:index"],
        ["consultation-responses:index", "consultation-exports:index"],
    ],
)
def test_the_menu_shows_the_workspace_moderation_responses_and_exports_to_moderators_only(
    client_for, moderator, admin_without_rights, url_names
):
    assert_admin_menu_links(url_names, client_for, shown_to=moderator, hidden_from=admin_without_rights)
    assert "Beteiligung" in admin_home(client_for(moderator))


def test_a_participant_posting_an_analog_proposal_stores_nothing(client_for, user, consultation, topic):
    response = client_for(user).post(
        reverse("consultation-proposals:add"),
        {
            "consultation": consultation.pk,
            "channel": "paper",
            "on_behalf": "anonymous",
            "title": "Mehr Bänke",
            "text": "Bitte.",
            "topic": topic.pk,
        },
    )

    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_admin_users_without_consultation_permissions_cannot_post(
    client_for, admin_without_rights, consultation, proposal
):
    client = client_for(admin_without_rights)
    event = Event.objects.create(
        consultation=consultation, kind="workshop", title="Workshop", date=consultation.phases.first().start, place="X"
    )

    response = client.post(
        reverse("consultation-tallies:add"), {"proposal": proposal.reference, "event": event.pk, "count": "5"}
    )

    assert_refused_by_wagtail(response)
    assert not AnalogTally.objects.exists()
