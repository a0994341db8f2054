"""The public results page of a survey: who sees it when, what it shows (numbers as text, the split, the filter),
and that unpublished free texts stay with staff."""

import pytest

from consultation.models import Channel, TextAnswerState
from tests.consultation.survey_results_support import respond
from tests.consultation.survey_support import make_survey

pytestmark = pytest.mark.django_db


def results_url(survey) -> str:
    return survey.url + survey.reverse_subpage("results")


@pytest.fixture
def survey(district):
    page = make_survey(results_published=True)
    respond(page, district=district, single=0, scale=5, long=("Öffentlich freigegeben", TextAnswerState.PUBLISHED))
    respond(page, channel=Channel.PAPER, single=0, scale=3, long="Noch ungeprüft")
    respond(page, single=2, long=("Abgelehnt", TextAnswerState.REJECTED))
    return page


@pytest.mark.parametrize(
    ("who", "published", "status"),
    [
        ("anonymous", True, 200),
        ("user", True, 200),
        ("moderator", True, 200),
        ("anonymous", False, 404),
        ("user", False, 404),
        ("admin_without_rights", False, 404),
        ("moderator", False, 200),
    ],
)
def test_who_sees_the_results(request, client_for, survey, who, published, status):
    survey.results_published = published
    survey.save_revision().publish()
    person = None if who == "anonymous" else request.getfixturevalue(who)

    response = client_for(person).get(results_url(survey))

    assert response.status_code == status


def test_staff_preview_says_the_results_are_not_public_yet(client_for, moderator, survey):
    survey.results_published = False
    survey.save_revision().publish()

    html = client_for(moderator).get(results_url(survey)).content.decode()

    assert "Vorschau für die Verwaltung" in html


def test_the_numbers_and_their_split_are_text(client):
    page = make_survey(results_published=True)
    respond(page, single=0)
    respond(page, single=0)
    respond(page, channel=Channel.PAPER, single=0)

    html = client.get(results_url(page)).content.decode()

    assert "3 Antwortbögen (online 2, analog 1)" in html
    assert (
        '<th scope="row"' in html
        and '<td class="number">2</td><td class="number">1</td><td class="number">3</td>' in html
    )
    assert 'aria-hidden="true"' in html  # the bars are decoration beside the numbers


def test_the_public_sees_published_free_texts_only(client, survey):
    html = client.get(results_url(survey)).content.decode()

    assert "Öffentlich freigegeben" in html
    assert "Noch ungeprüft" not in html and "Abgelehnt" not in html


def test_staff_see_every_free_text_with_its_state(client_for, moderator, survey):
    html = client_for(moderator).get(results_url(survey)).content.decode()

    assert "Noch ungeprüft" in html and "Abgelehnt" in html
    assert "wartet auf Prüfung" in html
    assert "Freitext-Antworten prüfen" in html


def test_filtering_by_channel_shows_only_that_channel(client, survey):
    html = client.get(results_url(survey), {"weg": "analog"}).content.decode()

    assert "1 Antwortbogen (online 0, analog 1)" in html


@pytest.mark.parametrize("query", [{"weg": "x"}, {"bezirk": "9" * 30}, {"bezirk": "-1"}, {"weg": "\x00"}])
def test_a_bad_filter_is_shown_as_an_error_never_a_500(client, survey, query):
    response = client.get(results_url(survey), query)

    assert response.status_code == 200
    assert "Bitte korrigieren Sie die folgenden Angaben" in response.content.decode()


def test_posting_to_the_results_is_not_allowed(client, survey):
    assert client.post(results_url(survey)).status_code == 405
