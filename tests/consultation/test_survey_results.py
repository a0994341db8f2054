"""The survey results selector: counts per option, scale distribution and mean, ranking ranks, always split online /
analog; filters by channel and district; free texts published only for the public."""

from decimal import Decimal

import pytest

from consultation.models import Channel, TextAnswerState
from consultation.surveys.results import ResultFilterForm, survey_results
from tests.consultation.survey_results_support import respond
from tests.consultation.survey_support import key_of, make_survey

pytestmark = pytest.mark.django_db

PUBLISHED = TextAnswerState.PUBLISHED


@pytest.fixture
def survey():
    return make_survey(results_published=True)


@pytest.fixture
def answered(survey, district, other_district):
    respond(
        survey, district=district, single=0, multiple=[0, 1], scale=5, ranking=[2, 0, 1], long=("Mehr Räume", PUBLISHED)
    )
    respond(survey, district=other_district, single=0, multiple=[1], scale=4, ranking=[0, 2, 1], long="Privat")
    respond(survey, channel=Channel.PAPER, district=district, single=2, multiple=[1, 3], scale=2, ranking=[2, 1, 0])
    respond(survey, channel=Channel.EVENT, single=1)  # answered one question only
    return survey


def by_label(result):
    return {row.label: row for row in result.rows}


def question(results, name):
    return next(r for r in results.questions if str(r.question.key) == key_of(name))


def test_responses_are_counted_online_and_analog(answered):
    results = survey_results(answered)

    assert (results.responses.online, results.responses.analog, results.responses.total) == (2, 2, 4)


def test_single_choice_counts_each_option_with_its_split_and_share(answered):
    single = question(survey_results(answered), "single")

    rows = by_label(single)
    assert (rows["Nie"].count.online, rows["Nie"].count.analog) == (2, 0)
    assert (rows["Manchmal"].count.online, rows["Manchmal"].count.analog) == (0, 1)
    assert (rows["Oft"].count.online, rows["Oft"].count.analog) == (0, 1)
    assert (single.answered.online, single.answered.analog) == (2, 2)
    assert rows["Nie"].percent == 50


def test_multiple_choice_counts_people_who_answered_once_each(answered):
    multiple = question(survey_results(answered), "multiple")

    rows = by_label(multiple)
    assert rows["Arbeit"].count.total == 3
    assert (rows["Gesundheit"].count.online, rows["Gesundheit"].count.analog) == (0, 1)
    assert multiple.answered.total == 3  # three people, five ticks
    assert rows["Arbeit"].percent == 100


def test_scale_has_its_distribution_and_mean(answered):
    scale = question(survey_results(answered), "scale")

    assert [row.count.total for row in scale.rows] == [0, 1, 0, 1, 1]
    assert scale.rows[0].label == "1 (gar nicht)" and scale.rows[-1].label == "5 (sehr)"
    assert scale.mean == Decimal("3.7")


def test_ranking_has_average_ranks_and_first_places_split(answered):
    ranking = question(survey_results(answered), "ranking")

    rows = by_label(ranking)
    # Räume: ranks 2, 1, 3 → 2.0; Beratung: 1, 2, 1 → 1.3; Geld: 3, 3, 2 → 2.7 (sorted by average rank)
    assert [row.label for row in ranking.rows] == ["Beratung", "Räume", "Geld"]
    assert rows["Beratung"].average_rank == Decimal("1.3")
    assert (rows["Beratung"].first.online, rows["Beratung"].first.analog) == (1, 1)
    assert (rows["Räume"].first.online, rows["Räume"].first.analog) == (1, 0)


def test_filter_by_analog_channel(answered):
    results = survey_results(answered, channel="analog")

    assert (results.responses.online, results.responses.analog) == (0, 2)
    assert by_label(question(results, "single"))["Nie"].count.total == 0


def test_filter_by_a_single_channel_and_district(answered, district):
    assert survey_results(answered, channel=Channel.PAPER).responses.total == 1
    results = survey_results(answered, district_id=district.pk)
    assert (results.responses.online, results.responses.analog) == (1, 1)
    assert question(results, "scale").mean == Decimal("3.5")


def test_the_public_sees_only_published_free_texts(answered):
    public = question(survey_results(answered), "long")
    staff = question(survey_results(answered, staff=True), "long")

    assert [t.text for t in public.texts] == ["Mehr Räume"]
    assert sorted(t.text for t in staff.texts) == ["Mehr Räume", "Privat"]
    assert (staff.texts_published, staff.texts_pending) == (1, 1)


@pytest.mark.parametrize(
    "query",
    [{"weg": "brieftaube"}, {"bezirk": "99999999999999999999999"}, {"bezirk": "abc"}, {"bezirk": "\x00"}],
)
def test_bad_filter_values_are_form_errors_and_filter_nothing(query):
    form = ResultFilterForm(query)

    assert not form.is_valid()
    assert (form.channel, form.district_id) == ("", None)


def test_a_good_filter_is_read(district):
    form = ResultFilterForm({"weg": "online", "bezirk": str(district.pk)})

    assert (form.channel, form.district_id) == ("online", district.pk)
