"""Issue 13, item 8: nothing about an award appears on a public page or in a report before its competition's
results date; staff are warned before issuing or releasing a report.

Decision: statistics, the measure page and reports count an award only once its competition's results date has
passed (the same moment the competition's results page shows it). A report issued before keeps its snapshot without
it; the next report counts it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from lip.models import District
from monitoring.statistics.figures import participation_statistics
from tests.ideas import factories as idea_factories
from tests.monitoring.factories import MeasureFactory

from .conftest import NOW


@pytest.fixture
def mitte(db):
    return District.objects.get(slug="mitte")


@pytest.fixture
def early_award(clock, mitte):
    """An award decided in Q1 2026 whose competition publishes its results on 17 May 2026 (after NOW)."""
    competition = idea_factories.CompetitionPageFactory(
        title="Ideenwettbewerb 2026",
        submission_start=NOW - timedelta(days=90),
        submission_end=NOW - timedelta(days=60),
        results_published_at=NOW + timedelta(days=42),
    )
    application = idea_factories.ApplicationFactory(
        competition=competition,
        title="Nachbarschaftsgarten Mitte",
        state="submitted",
        districts=[mitte],
        submitted_at=NOW - timedelta(days=70),
    )
    idea_factories.award(application, "3500.00")
    measure = MeasureFactory(title="Begegnungsorte im Quartier")
    measure.projects.set([application])
    return application, measure


def test_the_measure_page_names_no_award_before_the_results_date(early_award, client):
    _application, measure = early_award

    body = client.get(measure.get_absolute_url()).content.decode()

    assert "Nachbarschaftsgarten Mitte" not in body
    assert "3.500,00" not in body


def test_the_statistics_count_no_award_before_the_results_date(early_award, client, mitte):
    figures = participation_statistics()
    assert (figures.applications, figures.awarded, figures.awarded_amount) == (1, 0, 0)
    assert [f.committed for f in figures.funds] == [0]
    district_figures = participation_statistics(district=mitte)
    assert district_figures.awarded == 0
    assert [f.district_committed for f in district_figures.funds] == [0]

    body = client.get(reverse("monitoring:statistics")).content.decode()
    assert "0 gefördert" in body
    assert "3.500,00" not in body


def test_a_report_built_before_the_results_date_names_no_award(early_award, issue):
    run = issue()

    ideas = run.report.snapshot["ideas"]
    assert (ideas["awarded"], ideas["awarded_amount"], ideas["projects"]) == (0, "0.00", [])
    assert all(row["committed"] == "0.00" for row in ideas["funds"])
    measures = run.report.snapshot["measures"]
    assert measures and not any(m["projects"] for m in measures)


def test_after_the_results_date_the_award_counts_everywhere(early_award, client):
    _application, measure = early_award
    with time_machine.travel(NOW + timedelta(days=43), tick=False):
        figures = participation_statistics()
        body = client.get(measure.get_absolute_url()).content.decode()

    assert (figures.awarded, str(figures.awarded_amount)) == (1, "3500.00")
    assert "Nachbarschaftsgarten Mitte" in body and "3.500,00" in body


def test_staff_are_told_before_issuing_that_an_award_is_not_counted_yet(early_award, client_for, staff):
    body = client_for(staff).get(reverse("monitoring-runs:add")).content.decode()

    assert (
        "1 Förderung im Wettbewerb „Ideenwettbewerb 2026“ ist noch nicht öffentlich (Ergebnisse ab 17. Mai 2026)."
        in body
    )


def test_staff_are_warned_before_releasing_a_report_that_names_an_unpublished_award(
    early_award, issue, client_for, staff
):
    with time_machine.travel(NOW + timedelta(days=43), tick=False):
        run = issue(period_end=(NOW + timedelta(days=42)).date())  # as an old report may: it names the project
    assert run.report.snapshot["ideas"]["projects"]
    application, _measure = early_award
    application.competition.results_published_at = NOW + timedelta(days=100)  # the results date was moved
    application.competition.save()
    client = client_for(staff)

    admin_page = client.get(reverse("monitoring-reports:release", args=[run.report.pk])).content.decode()
    public_page = client.get(reverse("monitoring:report_detail", args=[run.report.pk])).content.decode()

    warning = "Der Bericht nennt die Förderung „Nachbarschaftsgarten Mitte“, deren Ergebnisse erst ab 14. Juli 2026"
    assert warning in admin_page
    assert warning in public_page
