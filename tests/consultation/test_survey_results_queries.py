"""Query budgets of the survey results over 10,000 responses: the selector, the public page, the export and the
moderation list read with a fixed number of queries."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.models import Channel, SurveyResponse, TextAnswerState
from consultation.surveys.results import survey_results
from tests.consultation.survey_results_support import respond_many
from tests.consultation.survey_support import make_survey

pytestmark = pytest.mark.django_db

RESPONSES = 10_000


@pytest.fixture
def big_survey(district, other_district):
    page = make_survey(results_published=True)
    rng = random.Random(20)
    channels = [Channel.ONLINE, Channel.ONLINE, Channel.PAPER, Channel.EVENT]
    specs = []
    for n in range(RESPONSES):
        spec = {
            "channel": rng.choice(channels),
            "district": rng.choice([district, other_district, None]),
            "single": rng.randrange(3),
            "multiple": rng.sample(range(4), 2),
            "scale": rng.randint(1, 5),
            "ranking": rng.sample(range(3), 3),
        }
        if n % 50 == 0:
            spec["long"] = (f"Text {n}", rng.choice([TextAnswerState.PUBLISHED, TextAnswerState.PENDING]))
        specs.append(spec)
    respond_many(page, specs)
    assert SurveyResponse.objects.filter(survey=page).count() == RESPONSES
    return page


def test_the_selector_reads_10000_responses_in_four_queries(big_survey, django_assert_num_queries):
    with django_assert_num_queries(4):
        results = survey_results(big_survey, staff=True)

    assert results.responses.total == RESPONSES
    single = results.questions[0]
    assert sum(row.count.total for row in single.rows) == RESPONSES == single.answered.total


def test_filtered_results_take_as_many_queries(big_survey, district, django_assert_num_queries):
    with django_assert_num_queries(4):
        results = survey_results(big_survey, channel="analog", district_id=district.pk)

    assert 0 < results.responses.total < RESPONSES and results.responses.online == 0


def test_the_results_page_over_10000_responses(client, big_survey, django_assert_max_num_queries):
    url = big_survey.url + big_survey.reverse_subpage("results")
    client.get(url)  # warm the caches (site, reference data)

    with django_assert_max_num_queries(12):
        response = client.get(url, {"weg": "online"})

    assert response.status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_of_10000_responses_takes_a_fixed_number_of_queries(client_for, moderator, big_survey, fmt):
    client = client_for(moderator)
    url = reverse("surveys:export", args=[big_survey.pk, fmt])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content

    assert response.status_code == 200 and len(content) > RESPONSES * 20
    assert len(queries) <= 12, [q["sql"][:120] for q in queries]


def test_the_moderation_list_is_paginated_with_fixed_queries(client_for, moderator, big_survey):
    client = client_for(moderator)
    url = reverse("surveys:texts", args=[big_survey.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"status": "published"})

    assert response.status_code == 200
    assert len(queries) <= 15, [q["sql"][:120] for q in queries]
