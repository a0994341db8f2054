"""The voluntary questionnaire about the person: answered online once per person (signed in) or per session
(anonymous, with bot check and rate limit), stored without any link to the person, never a 500 on bad input."""

import random

import pytest
from django.urls import reverse

from consultation.models import Channel
from lip.models import District
from monitoring.models import NO_ANSWER, ReachAnswered, ReachLanguage, ReachProfile
from monitoring.reach import services
from tests import factories

URL = "/monitoring/wer-macht-mit/fragebogen/"
ANSWERS = {
    "age_group": "30_44",
    "district": "",
    "languages": ["de", "tr"],
    "migration": "eltern",
    "organisation_kind": "migrantenorganisation",
}


def test_the_urls_are_german():
    assert reverse("monitoring:reach_questionnaire") == URL
    assert reverse("monitoring:reach_results") == "/monitoring/wer-macht-mit/"


@pytest.mark.django_db
def test_the_form_says_it_is_voluntary_and_preselects_keine_angabe(client):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "freiwillig" in body
    assert 'value="keine_angabe" ' in body and "checked" in body
    assert "weder ansehen noch ändern oder zurückziehen" in body  # the privacy promise


@pytest.mark.django_db
def test_a_signed_in_person_answers_once_and_nothing_links_them_to_the_profile(client_for, district):
    person = factories.UserFactory()
    client = client_for(person)
    response = client.post(URL, {**ANSWERS, "district": district.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:reach_thanks")
    profile = ReachProfile.objects.get()
    assert (profile.age_group, profile.district, profile.migration, profile.channel) == (
        "30_44",
        district,
        "eltern",
        Channel.ONLINE,
    )
    assert profile.month.day == 1
    assert sorted(profile.languages.values_list("language", flat=True)) == ["de", "tr"]
    assert ReachAnswered.objects.filter(user=person).exists()
    again = client.post(URL, ANSWERS)
    assert ReachProfile.objects.count() == 1
    assert "schon beantwortet" in again.content.decode()


def test_the_profile_has_no_link_to_a_person_and_the_flag_none_to_the_profile():
    profile_fields = {f.name: f for f in ReachProfile._meta.get_fields()}
    related = {f.related_model for f in profile_fields.values() if f.is_relation}
    from django.contrib.auth import get_user_model

    assert get_user_model() not in related
    assert not any(name in profile_fields for name in ("user", "ip", "ip_address", "created_at", "session"))
    assert {f.get_internal_type() for f in ReachProfile._meta.concrete_fields} & {"DateTimeField"} == set()
    flag_relations = {f.related_model for f in ReachAnswered._meta.get_fields() if f.is_relation}
    assert flag_relations == {get_user_model()}
    assert [f.name for f in ReachAnswered._meta.concrete_fields] == ["user"]


@pytest.mark.django_db
def test_an_empty_form_counts_as_keine_angabe_everywhere(client):
    response = client.post(URL, {})
    assert response.status_code == 302
    profile = ReachProfile.objects.get()
    assert (profile.age_group, profile.district, profile.migration, profile.organisation_kind) == (
        NO_ANSWER,
        None,
        NO_ANSWER,
        NO_ANSWER,
    )
    assert list(ReachLanguage.objects.values_list("language", flat=True)) == [NO_ANSWER]


@pytest.mark.django_db
def test_an_anonymous_visitor_answers_once_per_session(client):
    assert client.post(URL, ANSWERS).status_code == 302
    second = client.get(URL)
    assert "schon beantwortet" in second.content.decode()
    assert client.post(URL, ANSWERS).status_code == 200
    assert ReachProfile.objects.count() == 1


@pytest.mark.django_db
def test_anonymous_visitors_pass_the_bot_check(client, settings):
    settings.LIP_BOTCHECK_ENABLED = True
    response = client.post(URL, {**ANSWERS, "homepage": "http://spam.example"})
    assert response.status_code == 400
    assert ReachProfile.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_visitors_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"reach_profile": "2/h/ip"}  # the test settings switch them off
    statuses = []
    for _ in range(3):
        client.cookies.clear()  # a new session each time
        statuses.append(client.post(URL, ANSWERS).status_code)
    assert statuses == [302, 302, 429]
    assert ReachProfile.objects.count() == 2


JUNK = [
    "",
    "x" * 5000,
    "\x00",
    "99999999999999999999999",
    "-1",
    "<script>",
    "keine_angabe\x00",
    "1e9",
    "ä",
]


@pytest.mark.django_db
def test_junk_input_is_never_a_500(client_for):
    rng = random.Random(20)
    client = client_for(None)
    district_ids = list(District.objects.values_list("pk", flat=True))
    for _ in range(60):
        data = {}
        for name in ("age_group", "district", "migration", "organisation_kind", "languages", "homepage", "x"):
            choice = rng.random()
            if choice < 0.5:
                data[name] = rng.choice(JUNK) if name != "languages" else [rng.choice(JUNK), rng.choice(JUNK)]
            elif choice < 0.7 and name == "district":
                data[name] = str(rng.choice(district_ids))
        client.cookies.clear()
        response = client.post(URL, data)
        assert response.status_code in (200, 302, 400), (data, response.status_code)
    assert client.get(URL + "?age_group=%00&x=" + "y" * 3000).status_code == 200


@pytest.mark.django_db
def test_the_service_refuses_a_second_profile_of_a_person():
    from django.core.exceptions import ValidationError

    person = factories.UserFactory()
    data = {"age_group": NO_ANSWER, "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": []}
    services.reach_profile_submit(data=data, user=person)
    with pytest.raises(ValidationError):
        services.reach_profile_submit(data=data, user=person)
    assert ReachProfile.objects.count() == 1


@pytest.mark.django_db
def test_the_flag_is_in_the_data_export_and_goes_with_the_account_but_the_answers_stay():
    from monitoring import privacy

    person = factories.UserFactory()
    data = {"age_group": NO_ANSWER, "migration": NO_ANSWER, "organisation_kind": NO_ANSWER, "languages": []}
    services.reach_profile_submit(data=data, user=person)
    assert privacy.export(person).tables["fragen_zur_person"][0]["beantwortet"] is True
    privacy.erase(person)
    assert not ReachAnswered.objects.exists()
    assert ReachProfile.objects.count() == 1  # nothing links the answers to the person
