"""Typing in paper questionnaires in the Wagtail admin: staff only, the origin kept for the next sheet, the cursor in
the first question, every question optional, forged values refused."""

import re
from uuid import UUID

import pytest
from django.urls import reverse

from consultation.models import Channel, PhaseType, SurveyResponse
from consultation.surveys.paper_views import next_sheet
from tests.consultation.factories import ConsultationPageFactory, EventFactory
from tests.consultation.survey_support import key_of, make_survey, survey_schedule

pytestmark = pytest.mark.django_db


def f(name: str) -> str:
    return f"q-{key_of(name)}"


@pytest.fixture
def survey(consultation_index):
    # Paper sheets are typed in after the event, also when the survey phase is over.
    return make_survey(ConsultationPageFactory(phases=survey_schedule(PhaseType.EVALUATION)))


@pytest.fixture
def entry_url(survey):
    return reverse("surveys:entry", args=[survey.pk])


def autofocused(response) -> list[str]:
    html = response.content.decode()
    html = html[html.index('id="paper-entry-form"') :]
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    return [re.search(r'\sname="([\w-]+)"', tag).group(1) for tag in tags if re.search(r"\sautofocus\b", tag)]


def test_staff_enter_a_sheet_and_get_an_empty_form_with_the_origin_kept(staff, survey, entry_url):
    workshop = EventFactory(consultation=survey.get_parent().specific, title="Workshop Vahrenwald")
    data = {
        "channel": Channel.EVENT,
        "event": str(workshop.pk),
        "sheet": "A-017",
        f("single"): key_of("single", 0),
        f("scale"): "2",
        f("long"): "Handschriftlich: mehr Beratung.",
    }
    response = staff.post(entry_url, data)

    assert response.status_code == 302
    assert response["Location"] == f"{entry_url}?channel=event&event={workshop.pk}&sheet=A-018"
    stored = SurveyResponse.objects.get(survey=survey)
    assert (stored.channel, stored.event, stored.sheet, stored.respondent) == (Channel.EVENT, workshop, "A-017", None)
    assert stored.recorded_by is not None
    assert stored.answers.get(question=UUID(key_of("scale"))).number == 2

    page = staff.get(response["Location"])
    html = page.content.decode()
    assert "Bogen A-017 gespeichert." in html
    assert 'value="A-018"' in html
    assert autofocused(page)[0] == f("single")


def test_a_sheet_with_blanks_is_stored_even_for_required_questions(staff, survey, entry_url):
    response = staff.post(entry_url, {"channel": Channel.PAPER, "sheet": ""})
    assert response.status_code == 302
    assert SurveyResponse.objects.get(survey=survey).answers.count() == 0


def test_forged_values_on_a_sheet_are_form_errors_with_the_cursor_there(staff, survey, entry_url):
    response = staff.post(
        entry_url, {"channel": Channel.PAPER, f("single"): key_of("ranking", 0), "event": "999999999999999999999"}
    )
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in response.content.decode()
    assert autofocused(response)[0] == "event"
    assert not SurveyResponse.objects.exists()


def test_online_is_not_a_paper_channel(staff, survey, entry_url):
    assert staff.post(entry_url, {"channel": Channel.ONLINE}).status_code == 400


def test_an_event_of_another_consultation_is_refused(staff, survey, entry_url, consultation_index):
    other = EventFactory(consultation=ConsultationPageFactory())
    response = staff.post(entry_url, {"channel": Channel.EVENT, "event": str(other.pk)})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_participants_and_admins_without_rights_are_refused(client_for, user, admin_without_rights, survey, entry_url):
    for person in (user, admin_without_rights):
        client = client_for(person)
        assert client.get(entry_url).status_code in (302, 403)
        assert client.post(entry_url, {"channel": Channel.PAPER}).status_code in (302, 403)
    assert not SurveyResponse.objects.exists()


def test_the_index_lists_surveys_with_their_counts(staff, survey, entry_url, user):
    SurveyResponse.objects.create(survey=survey, respondent=user)
    SurveyResponse.objects.create(survey=survey, channel=Channel.PAPER)
    response = staff.get(reverse("surveys:index"))
    html = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert entry_url in html and "<td>1</td> <td>1</td>" in html


def test_unknown_survey_is_404(staff):
    assert staff.get(reverse("surveys:entry", args=[999999])).status_code == 404
    assert staff.get("/admin/surveys/99999999999999999999999/papier/").status_code == 404


def test_the_menu_item_is_shown_to_staff_only(staff, client_for, admin_without_rights):
    assert reverse("surveys:index") in staff.get(reverse("wagtailadmin_home")).content.decode()
    html = client_for(admin_without_rights).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("surveys:index") not in html


@pytest.mark.parametrize(
    ("sheet", "following"), [("17", "18"), ("A-017", "A-018"), ("099", "100"), ("ohne", ""), ("", "")]
)
def test_next_sheet_counts_up(sheet, following):
    assert next_sheet(sheet) == following
