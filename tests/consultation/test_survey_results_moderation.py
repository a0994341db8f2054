"""Moderation of free-text survey answers in the admin: staff list pending texts and publish or keep them out; the
service checks the permission again; a published text appears in the public results."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultation.models import Channel, SurveyAnswer, TextAnswerState
from consultation.surveys.text_moderation import text_answer_decide
from tests.consultation.survey_results_support import respond
from tests.consultation.survey_support import key_of, make_survey
from tests.helpers import assert_admin_menu_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    page = make_survey(results_published=True)
    respond(page, long="Wir brauchen Räume", single=0)
    respond(page, channel=Channel.PAPER, short="Kulturverein")
    return page


def text(survey, value) -> SurveyAnswer:
    return SurveyAnswer.objects.get(survey=survey, text=value)


def decide_url(survey, answer):
    return reverse("surveys:decide", args=[survey.pk, answer.pk])


def outcome(response) -> str:
    """ "login" (no admin access), "refused" (Wagtail turns a 403 into a redirect to the dashboard) or the status."""
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "login"
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        return "refused"
    return str(response.status_code)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("user", "login"), ("admin_without_rights", "refused"), ("council_member", "login"), ("moderator", "200")],
)
@pytest.mark.parametrize("view", ["index", "list"])
def test_only_moderators_reach_the_text_moderation(request, client_for, survey, who, expected, view):
    client = client_for(request.getfixturevalue(who))
    url = reverse("surveys:index") if view == "index" else reverse("surveys:texts", args=[survey.pk])

    response = client.get(url)

    assert outcome(response) == expected
    if expected == "200" and view == "list":
        html = response.content.decode()
        assert "Wir brauchen Räume" in html and "Kulturverein" in html
        assert "veröffentlichen" in html


@pytest.mark.parametrize(
    ("who", "expected"), [("user", "login"), ("admin_without_rights", "refused"), ("moderator", "302")]
)
def test_only_moderators_decide(request, client_for, survey, who, expected):
    answer = text(survey, "Wir brauchen Räume")

    response = client_for(request.getfixturevalue(who)).post(decide_url(survey, answer), {"decision": "publish"})

    assert outcome(response) == expected
    answer.refresh_from_db()
    assert answer.text_state == (TextAnswerState.PUBLISHED if expected == "302" else TextAnswerState.PENDING)


def test_a_published_text_appears_in_the_public_results(client_for, moderator, survey):
    answer = text(survey, "Wir brauchen Räume")
    results_url = survey.url + survey.reverse_subpage("results")
    assert "Wir brauchen Räume" not in Client().get(results_url).content.decode()

    client_for(moderator).post(decide_url(survey, answer), {"decision": "publish"})

    assert "Wir brauchen Räume" in Client().get(results_url).content.decode()
    assert ModelLogEntry.objects.filter(action="consultation.survey_text.publish", object_id=str(answer.pk)).exists()


def test_keeping_a_text_out_and_the_list_by_state(client_for, moderator, survey):
    answer = text(survey, "Kulturverein")
    client = client_for(moderator)

    response = client.post(decide_url(survey, answer), {"decision": "reject"})

    answer.refresh_from_db()
    assert answer.text_state == TextAnswerState.REJECTED
    assert response["Location"] == reverse("surveys:texts", args=[survey.pk])
    pending = client.get(reverse("surveys:texts", args=[survey.pk])).content.decode()
    rejected = client.get(reverse("surveys:texts", args=[survey.pk]), {"status": "rejected"}).content.decode()
    assert "Kulturverein" not in pending and "Kulturverein" in rejected


def test_the_service_checks_the_permission_again(survey, user):
    with pytest.raises(PermissionDenied):
        text_answer_decide(answer=text(survey, "Kulturverein"), user=user, publish=True)


def test_a_choice_answer_cannot_be_decided(client_for, moderator, survey):
    choice = SurveyAnswer.objects.get(survey=survey, question=key_of("single"))

    assert client_for(moderator).post(decide_url(survey, choice), {"decision": "publish"}).status_code == 404


def test_decisions_need_the_csrf_token(moderator, survey):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.post(decide_url(survey, text(survey, "Kulturverein")), {"decision": "publish"})

    assert response.status_code == 403
    assert text(survey, "Kulturverein").text_state == TextAnswerState.PENDING


def test_a_get_does_not_decide(staff, survey):
    answer = text(survey, "Kulturverein")

    assert staff.get(decide_url(survey, answer)).status_code == 405


@pytest.mark.parametrize("query", [{"status": "nonsense"}, {"p": "x"}, {"p": "99999"}, {"status": "\x00"}])
def test_bad_list_parameters_never_500(staff, survey, query):
    assert staff.get(reverse("surveys:texts", args=[survey.pk]), query).status_code == 200


def test_the_next_url_cannot_leave_the_list(staff, survey):
    response = staff.post(
        decide_url(survey, text(survey, "Kulturverein")), {"decision": "publish", "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("surveys:texts", args=[survey.pk])


def test_the_menu_links_the_survey_evaluation_for_moderators_only(client_for, moderator, admin_without_rights):
    assert_admin_menu_links(["surveys:index"], client_for, shown_to=moderator, hidden_from=admin_without_rights)


def test_the_survey_index_counts_pending_texts_and_links_the_exports(staff, survey):
    html = staff.get(reverse("surveys:index")).content.decode()

    assert survey.title in html
    assert reverse("surveys:export", args=[survey.pk, "xlsx"]) in html
    assert "<td>2</td>" in html  # two free texts wait
