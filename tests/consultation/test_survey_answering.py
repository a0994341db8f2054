"""Answering a survey online: the form, saving, changing one's answers, validation, a closed survey, anonymous
answers, the thanks page and the query budget of the questionnaire."""

import re
from uuid import UUID

import pytest
from django.test import override_settings

from consultation.models import Channel, PhaseType, SurveyAnswer, SurveyResponse, TextAnswerState
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import key_of, make_survey, question_value, survey_schedule

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def f(name: str) -> str:
    return f"q-{key_of(name)}"


def valid_post(**changes) -> dict:
    data = {
        f("single"): key_of("single", 1),
        f("multiple"): [key_of("multiple", 0), key_of("multiple", 2)],
        f("scale"): "4",
        f"{f('ranking')}_0": "2",
        f"{f('ranking')}_1": "1",
        f"{f('ranking')}_2": "",
        f("short"): "Verein Miteinander e. V.",
        f("long"): "Mehr Räume für Treffen, bitte.",
        "district": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def survey(consultation_index):
    return make_survey()


def test_questionnaire_shows_every_question_with_fieldsets_and_labels(client_for, user, survey):
    response = client_for(user).get(survey.url)
    html = text_of(response)
    assert response.status_code == 200
    assert "<legend" in html and "Wie oft nutzen Sie Beratungsangebote?" in html
    assert "(Antwort erforderlich)" in html
    assert f'aria-describedby="id_{f("single")}_description' in html  # the description is linked
    assert "1 – gar nicht" in html and "5 – sehr" in html
    assert f'<label class="ranking__label" for="id_{f("ranking")}_0">Räume</label>' in html
    assert 'name="district"' in html
    assert 'name="homepage"' not in html  # no bot check for signed-in people


def test_answering_stores_one_response_with_its_answers(client_for, user, survey, district):
    response = client_for(user).post(survey.url, valid_post(district=str(district.pk)))

    assert response.status_code == 302 and response["Location"].endswith("danke/")
    stored = SurveyResponse.objects.get(survey=survey)
    assert (stored.respondent, stored.channel, stored.district) == (user, Channel.ONLINE, district)
    rows = {
        (str(a.question), str(a.option) if a.option else None, a.rank, a.number, a.text) for a in stored.answers.all()
    }
    assert rows == {
        (key_of("single"), key_of("single", 1), None, None, ""),
        (key_of("multiple"), key_of("multiple", 0), None, None, ""),
        (key_of("multiple"), key_of("multiple", 2), None, None, ""),
        (key_of("scale"), None, None, 4, ""),
        (key_of("ranking"), key_of("ranking", 0), 2, None, ""),
        (key_of("ranking"), key_of("ranking", 1), 1, None, ""),
        (key_of("short"), None, None, None, "Verein Miteinander e. V."),
        (key_of("long"), None, None, None, "Mehr Räume für Treffen, bitte."),
    }
    assert all(a.survey_id == survey.pk for a in stored.answers.all())
    assert SurveyAnswer.objects.filter(text_state=TextAnswerState.PENDING).exclude(text="").count() == 2


def test_answering_again_changes_the_one_response_and_the_form_shows_the_earlier_answers(client_for, user, survey):
    client = client_for(user)
    client.post(survey.url, valid_post())
    SurveyAnswer.objects.filter(question=UUID(key_of("short"))).update(text_state=TextAnswerState.PUBLISHED)

    html = text_of(client.get(survey.url))
    assert "Sie haben am" in html and "bis zum Ende der Umfrage ändern" in html
    assert f'value="{key_of("single", 1)}" id="id_{f("single")}_1" checked' in html or re.search(
        rf'value="{key_of("single", 1)}"[^>]*checked', html
    )
    assert "Verein Miteinander e. V." in html

    response = client.post(survey.url, valid_post(**{f("single"): key_of("single", 2), f("long"): "Anders."}))
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(survey=survey)
    assert stored.answers.get(question=UUID(key_of("single"))).option == UUID(key_of("single", 2))
    # the unchanged text keeps its moderation state, the changed one waits again
    assert stored.answers.get(question=UUID(key_of("short"))).text_state == TextAnswerState.PUBLISHED
    assert stored.answers.get(question=UUID(key_of("long"))).text_state == TextAnswerState.PENDING
    assert SurveyResponse.objects.count() == 1


def test_missing_required_answer_gives_400_with_an_error_summary(client_for, user, survey):
    response = client_for(user).post(survey.url, valid_post(**{f("single"): None}))
    html = text_of(response)
    assert response.status_code == 400
    assert 'id="form-errors"' in html and f'href="#id_{f("single")}_0"' in html
    assert f'id="id_{f("single")}_error"' in html
    assert not SurveyResponse.objects.exists()


def test_more_choices_than_allowed_are_refused(client_for, user, survey):
    chosen = [key_of("multiple", 0), key_of("multiple", 1), key_of("multiple", 2)]
    response = client_for(user).post(survey.url, valid_post(**{f("multiple"): chosen}))
    assert response.status_code == 400
    assert "Bitte wählen Sie höchstens 2 Antworten." in text_of(response)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        (["1", "1", ""], "Jeder Rang darf nur einmal vergeben werden."),
        (["1", "3", ""], "ohne Lücke"),
        (["2", "", ""], "ohne Lücke"),
        (["1", "9", ""], "einen Rang aus der Liste"),
        (["x", "", ""], "einen Rang aus der Liste"),
    ],
)
def test_broken_rankings_are_refused(client_for, user, survey, ranks, message):
    data = valid_post(**{f"{f('ranking')}_{i}": rank for i, rank in enumerate(ranks)})
    response = client_for(user).post(survey.url, data)
    assert response.status_code == 400
    assert message in text_of(response)


def test_a_ranking_of_all_options_and_an_empty_optional_ranking_are_accepted(client_for, user, survey):
    client = client_for(user)
    full = valid_post(**{f"{f('ranking')}_{i}": rank for i, rank in enumerate(["3", "1", "2"])})
    assert client.post(survey.url, full).status_code == 302
    empty = valid_post(**{f"{f('ranking')}_{i}": "" for i in range(3)})
    assert client.post(survey.url, empty).status_code == 302
    assert not SurveyAnswer.objects.filter(question=UUID(key_of("ranking"))).exists()


@pytest.mark.parametrize(
    "forged",
    [
        {f("single"): key_of("multiple", 0)},  # another question's option
        {f("single"): "00000000-0000-0000-0000-000000000000"},
        {f("single"): "not-a-uuid\x00"},
        {f("multiple"): [key_of("single", 0)]},
        {f("scale"): "9"},
        {f("scale"): "-1"},
        {"district": "99999999999999999999999"},
        {"district": "abc"},
        {f("short"): "x" * 201},
        {f("long"): "x" * 2001},
    ],
)
def test_forged_values_are_form_errors(client_for, user, survey, forged):
    response = client_for(user).post(survey.url, valid_post(**forged))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_unknown_fields_are_ignored(client_for, user, survey):
    response = client_for(user).post(survey.url, valid_post(**{"q-00000000-0000-0000-0000-000000000000": "x"}))
    assert response.status_code == 302


def test_closed_survey_shows_the_answers_read_only_and_refuses_posts(client_for, user, consultation_index):
    consultation = ConsultationPageFactory(phases=survey_schedule(PhaseType.EVALUATION))
    survey = make_survey(consultation)
    stored = SurveyResponse.objects.create(survey=survey, respondent=user)
    SurveyAnswer.objects.create(
        response=stored, survey=survey, question=UUID(key_of("single")), option=UUID(key_of("single", 2))
    )
    client = client_for(user)

    html = text_of(client.get(survey.url))
    assert "<form" not in html.split("</header>", 2)[-1] or 'class="survey-form"' not in html
    assert "Ihre Antworten" in html and "Oft" in html and "Sie haben am" in html
    assert "In der aktuellen Phase ist das nicht möglich." in html

    response = client.post(survey.url, valid_post())
    assert response.status_code == 403
    assert stored.answers.count() == 1


def test_survey_before_its_phase_says_when_it_opens(client_for, user, consultation_index):
    survey = make_survey(phase=PhaseType.INFORMATION)
    html = text_of(client_for(user).get(survey.url))
    assert "Das ist ab" in html and "Umfrage" in html
    assert 'class="survey-form"' not in html


def test_anonymous_visitor_is_asked_to_sign_in_unless_the_survey_allows_anonymous_answers(client, consultation_index):
    survey = make_survey()
    html = text_of(client.get(survey.url))
    assert "Jetzt anmelden" in html and 'class="survey-form"' not in html
    response = client.post(survey.url, valid_post())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not SurveyResponse.objects.exists()


def test_anonymous_answers_where_allowed_each_a_response_without_person(client, consultation_index):
    survey = make_survey(allow_anonymous=True)
    html = text_of(client.get(survey.url))
    assert 'name="homepage"' in html and 'name="form_started"' in html

    assert client.post(survey.url, valid_post()).status_code == 302
    assert client.post(survey.url, valid_post()).status_code == 302
    assert SurveyResponse.objects.filter(survey=survey, respondent=None).count() == 2


@override_settings(ACCOUNT_RATE_LIMITS={"survey_answer_anonymous": "2/h/ip"})
def test_anonymous_answers_are_limited_per_address(client, consultation_index):
    survey = make_survey(allow_anonymous=True)
    assert client.post(survey.url, valid_post()).status_code == 302
    assert client.post(survey.url, valid_post()).status_code == 302
    response = client.post(survey.url, valid_post())
    assert response.status_code == 429
    assert "Bitte versuchen Sie es später noch einmal." in text_of(response)
    assert SurveyResponse.objects.count() == 2


@override_settings(LIP_BOTCHECK_ENABLED=True)
def test_anonymous_answer_with_the_honeypot_filled_is_refused(client, consultation_index):
    survey = make_survey(allow_anonymous=True)
    response = client.post(survey.url, valid_post(homepage="http://spam.example"))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_thanks_page_links_results_when_published_and_the_reach_questionnaire(client_for, user, consultation_index):
    survey = make_survey(results_published=True, thanks_text="Danke für Ihre Zeit!")
    html = text_of(client_for(user).get(survey.url + "danke/"))
    assert "Danke für Ihre Zeit!" in html
    assert survey.url + "ergebnisse/" in html
    assert "/monitoring/" in html and "Wer macht mit?" in html


def test_thanks_page_without_published_results_has_no_results_link(client_for, user, survey):
    html = text_of(client_for(user).get(survey.url + "danke/"))
    assert "ergebnisse/" not in html


def test_questionnaire_with_20_questions_has_a_query_budget(
    client_for, user, consultation_index, django_assert_max_num_queries
):
    questions = [
        question_value(kind, f"q{i}", f"Frage {i}", options=["A", "B", "C", "D"])
        for i, kind in enumerate(["single_choice", "multiple_choice", "ranking", "scale", "long_text"] * 4)
    ]
    survey = make_survey(questions=questions)
    client = client_for(user)
    client.get(survey.url)  # warm the site root cache
    with django_assert_max_num_queries(13):
        response = client.get(survey.url)
    assert response.status_code == 200
    assert text_of(response).count("<fieldset") >= 16


def test_questionnaire_with_earlier_answers_costs_one_query_more(
    client_for, user, survey, django_assert_max_num_queries
):
    client = client_for(user)
    client.post(survey.url, valid_post())
    client.get(survey.url)
    with django_assert_max_num_queries(14):
        assert client.get(survey.url).status_code == 200


def test_other_methods_are_not_allowed(client_for, user, survey):
    assert client_for(user).put(survey.url).status_code == 405
    assert client_for(user).post(survey.url + "danke/").status_code == 405


def test_the_consultation_page_leads_to_the_open_survey(client_for, user, survey):
    consultation = survey.get_parent().specific
    html = text_of(client_for(user).get(consultation.url))
    assert "An der Umfrage „Bedarfsumfrage“ teilnehmen" in html
    assert f'href="{survey.url}"' in html


def test_the_consultation_page_says_when_the_survey_opens(client_for, user, consultation_index):
    survey = make_survey(phase=PhaseType.INFORMATION)
    html = text_of(client_for(user).get(survey.get_parent().specific.url))
    assert "An der Umfrage „Bedarfsumfrage“ teilnehmen" in html
    assert f'href="{survey.url}"' not in html
    assert "Das ist ab" in html
