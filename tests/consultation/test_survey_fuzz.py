"""Junk answers never break the survey: POSTs built by hypothesis from the answer form's field names (and random
keys) with values that broke views before give 400 (or a saved answer), never a 500 – online, anonymous, and in the
staff's paper entry."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.consultation.survey_support import key_of

from .test_survey_answering import valid_post

NASTY = ["\x00", "a\x00b", "²", "9" * 30, "-" + "9" * 30, "-1", "0", "1e309", "NaN", "x" * 10_000, "\u2028", "%", ""]
FIELDS = [*valid_post().keys(), f"q-{key_of('ranking')}", "homepage", "form_started", "channel", "event", "sheet"]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from([key_of("single", 0), key_of("multiple", 1), key_of("ranking", 2), "1", "2", "5", "paper"]),
    st.text(max_size=30),
)
BODIES = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=12)),
    st.one_of(VALUES, st.lists(VALUES, max_size=4)),
    max_size=12,
)
FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def open_survey(db, consultation_index):
    from tests.consultation.survey_support import make_survey

    return make_survey(allow_anonymous=True)


@FUZZ
@given(body=BODIES)
def test_junk_answers_online_give_400_or_a_saved_answer(client_for, user, open_survey, body):
    for person in (user, None):
        response = client_for(person).post(open_survey.url, body)
        assert response.status_code in (302, 400), (body, response.status_code)


@FUZZ
@given(body=BODIES)
def test_junk_paper_sheets_give_400_or_a_saved_sheet(staff, open_survey, body):
    response = staff.post(reverse("surveys:entry", args=[open_survey.pk]), body)
    assert response.status_code in (302, 400), (body, response.status_code)
