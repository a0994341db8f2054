"""Staff's side of „Wer macht mit?“: typing in paper sheets quickly, and the city's population figures; both for
monitoring staff only (anonymous → login, participants and council members → refused)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from consultation.models import Channel
from lip.roles import Role
from monitoring.models import NO_ANSWER, PopulationDimension, PopulationFigure, ReachLanguage, ReachProfile
from tests import factories

SHEET = "/admin/monitoring-fragen-zur-person/"
URLS = [SHEET, "/admin/monitoring-population/", "/admin/monitoring-population/new/"]


def test_the_admin_urls():
    assert reverse("monitoring_reach:sheet") == SHEET
    assert reverse("monitoring-population:index") == URLS[1]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "role, allowed",
    [(None, False), (Role.PARTICIPANT, False), (Role.COUNCIL_MEMBER, False), (Role.MODERATOR, True)],
)
def test_only_monitoring_staff_open_the_sheet_entry_and_the_figures(client_for, db, url, role, allowed):
    user = None if role is None else factories.UserFactory(roles=[role])
    response = client_for(user).get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "login" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.PARTICIPANT, Role.COUNCIL_MEMBER])
def test_others_cannot_post_a_sheet(client_for, db, role):
    user = None if role is None else factories.UserFactory(roles=[role])
    client_for(user).post(SHEET, {"channel": Channel.PAPER, "age_group": "18_29"})
    assert ReachProfile.objects.count() == 0


@pytest.fixture
def event(consultation):
    from tests.consultation.factories import EventFactory

    return EventFactory(consultation=consultation)


def test_staff_type_sheet_after_sheet_with_channel_and_event_kept(client_for, staff, event):
    client = client_for(staff)
    response = client.post(
        SHEET, {"channel": Channel.EVENT, "event": event.pk, "age_group": "45_64", "languages": ["ar", "de"]}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    body = follow.content.decode()
    assert "Bogen gespeichert" in body
    assert f'<option value="{event.pk}" selected>' in body
    assert 'value="event" selected' in body
    client.post(SHEET, {"channel": Channel.PAPER})
    profiles = list(ReachProfile.objects.order_by("channel"))
    assert [(p.channel, p.event_id) for p in profiles] == [(Channel.EVENT, event.pk), (Channel.PAPER, None)]
    assert profiles[1].age_group == NO_ANSWER
    assert sorted(ReachLanguage.objects.values_list("language", flat=True)) == ["ar", "de", NO_ANSWER]


def test_a_sheet_cannot_claim_to_be_online_and_junk_is_a_400(client_for, staff):
    client = client_for(staff)
    assert client.post(SHEET, {"channel": Channel.ONLINE}).status_code == 400
    assert client.post(SHEET, {"channel": "paper", "event": "9" * 30, "district": "\x00"}).status_code == 400
    assert client.get(SHEET + "?weg=%00&veranstaltung=" + "9" * 40).status_code == 200
    assert ReachProfile.objects.count() == 0


def test_staff_enter_a_population_figure_and_a_category_must_fit_its_dimension(client_for, staff):
    client = client_for(staff)
    add = reverse("monitoring-population:add")
    data = {
        "dimension": PopulationDimension.DISTRICT,
        "category": "18_29",
        "share": "8,4",
        "year": 2025,
        "source": "LHH",
    }
    assert client.post(add, data).status_code == 200  # the form again, with the error
    assert PopulationFigure.objects.count() == 0
    response = client.post(add, {**data, "category": "linden-limmer", "share": "8.4"})
    assert response.status_code == 302
    assert PopulationFigure.objects.get().share == Decimal("8.40")
