"""The report's section „Umfragen“: in the PDF's chapter on participation, from the snapshot (responses online and
analog, per question the top figures); free texts counted, never quoted; snapshots from before render as they did."""

from datetime import date, datetime

import pytest

from consultation.models import Channel, TextAnswerState
from consultation.surveys.report import survey_chapter
from lip.models import District
from monitoring.models import ReportSection
from monitoring.statistics.figures import participation_statistics
from monitoring.statistics.results import period_bounds
from tests.consultation.survey_results_support import respond
from tests.consultation.survey_support import make_survey

from . import pdfs
from .conftest import BERLIN, IN_Q1

BEFORE_Q1 = datetime(2025, 12, 10, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def survey(consultation, clock):
    page = make_survey(consultation, title="Bedarfsumfrage Migrantenorganisationen")
    linden = District.objects.get(slug="linden-limmer")
    respond(page, created_at=IN_Q1, district=linden, single=0, scale=5, ranking=[1, 0, 2], long=("Geheim", "pending"))
    respond(
        page, created_at=IN_Q1, single=0, scale=4, ranking=[1, 2, 0], long=("Mehr Räume", TextAnswerState.PUBLISHED)
    )
    respond(page, created_at=IN_Q1, channel=Channel.PAPER, district=linden, single=2, scale=3)
    respond(page, created_at=BEFORE_Q1, single=1)  # before the period: not counted
    return page


def test_the_chapter_counts_the_period_s_responses_with_their_split(survey):

    (entry,) = survey_chapter(*period_bounds(date(2026, 1, 1), date(2026, 3, 31)))

    assert (entry["responses_online"], entry["responses_analog"]) == (2, 1)
    single = entry["questions"][0]
    assert single["top"][0] == {"label": "Nie", "online": 2, "analog": 0, "percent": 67}
    assert entry["questions"][2]["mean"] == "4.0"
    assert entry["questions"][3]["top"][0]["label"] == "Geld"
    assert entry["questions"][5]["texts_published"] == 1


def test_a_district_report_counts_the_district_s_responses(survey):
    linden = District.objects.get(slug="linden-limmer")

    (entry,) = survey_chapter(None, None, district=linden)

    assert (entry["responses_online"], entry["responses_analog"]) == (1, 1)


def test_the_report_pdf_has_the_survey_section(survey, issue):
    run = issue()
    assert run.status == "done", run.error
    assert run.report.snapshot["surveys"][0]["title"] == "Bedarfsumfrage Migrantenorganisationen"

    text = " ".join(pdfs.text(pdfs.read(run.report)).split())

    assert "Umfragen" in text and "Bedarfsumfrage Migrantenorganisationen" in text
    assert "Antwortbögen im Berichtszeitraum: 3 (online 2, analog 1)" in text
    assert "Freitext: 1 freigegebene Antwort" in text
    assert "Mehr Räume" not in text and "Geheim" not in text  # texts are counted, never quoted


def test_a_report_without_the_participation_chapter_has_no_survey_section(survey, issue):
    run = issue(sections=[ReportSection.MEASURES])

    assert "Antwortbögen im Berichtszeitraum" not in pdfs.text(pdfs.read(run.report))


def test_an_old_snapshot_without_the_key_still_renders(survey, issue):
    html = pdfs.html_from_before(issue().report, "surveys")

    assert "Nach Stadtbezirk" in html and "Antwortbögen im Berichtszeitraum" not in html


def test_the_chapter_takes_a_fixed_number_of_queries(survey, consultation, django_assert_max_num_queries):
    for n in range(3):
        other = make_survey(consultation, title=f"Umfrage {n}")
        respond(other, created_at=IN_Q1, single=1, multiple=[0, 1], scale=2)

    with django_assert_max_num_queries(5):
        chapter = survey_chapter(None, None)

    assert len(chapter) == 4


def test_the_statistics_count_survey_responses_online_and_analog(survey, consultation):
    figures = participation_statistics(start=date(2026, 1, 1), end=date(2026, 3, 31))

    assert (figures.total.survey_responses_online, figures.total.survey_responses_analog) == (2, 1)
    by_consultation = {row.label: row for row in figures.by_consultation}
    assert by_consultation[consultation.title].survey_responses == 3
    by_channel = {row.key: row for row in figures.by_channel}
    assert by_channel[Channel.PAPER].survey_responses_analog == 1


def test_the_statistics_of_a_district_count_the_responses_that_named_it(survey):
    linden = District.objects.get(slug="linden-limmer")

    figures = participation_statistics(district=linden)

    assert (figures.total.survey_responses_online, figures.total.survey_responses_analog) == (1, 1)
