"""Issue 16: monitoring's writes, and the writes its pages count, make exactly the cached pages stale that show them
(lip/pagecache): measures, indicator values, reports released, and the statistics.

Each test fills the cache with what an anonymous visitor sees (the second visit is served from it), writes through
the service (its version bumps run once the write commits) and checks that the next visit shows the change.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from consultation import services as consultation_services
from monitoring.measures import imports, services
from monitoring.models import IndicatorValue, Measure, MeasureState, ReportSection
from monitoring.reports import services as report_services
from tests.helpers import cached_page, fresh_page, page_cache_state

from .factories import IndicatorFactory, MeasureFactory, adopted_proposal

pytestmark = pytest.mark.usefixtures("page_cache")

MEASURES = "/monitoring/massnahmen/"
STATISTICS = "/monitoring/statistik/"
ARCHIVE = "/monitoring/berichte/"


@pytest.fixture
def proposal(home_page, clock):
    return adopted_proposal(title="Sprachcafés mit Kinderbetreuung")


def test_a_new_measure_appears_in_the_list_and_on_the_proposal_it_comes_from(client, staff, proposal, topic, committed):
    cached_page(client, MEASURES)
    assert "Noch keine Maßnahme zugeordnet." in cached_page(client, proposal.get_absolute_url())
    measure = Measure(
        title="Sprachcafés in allen Stadtteilen",
        description="Wöchentlich.",
        topic=topic,
        department="Sachgebiet Integration",
        start=date(2026, 1, 1),
        state=MeasureState.IN_PROGRESS,
        progress=40,
    )

    with committed():
        services.measure_save(measure=measure, user=staff, proposals=[proposal])

    assert "Sprachcafés in allen Stadtteilen" in fresh_page(client, MEASURES)
    assert "Sprachcafés in allen Stadtteilen" in fresh_page(client, proposal.get_absolute_url())


def test_a_link_taken_away_leaves_the_proposal_page(client, staff, proposal, committed):
    measure = MeasureFactory(title="Sprachcafés in allen Stadtteilen", proposals=[proposal])
    assert "Sprachcafés in allen Stadtteilen" in cached_page(client, proposal.get_absolute_url())

    with committed():
        services.measure_save(measure=measure, user=staff, proposals=[])

    assert "Noch keine Maßnahme zugeordnet." in fresh_page(client, proposal.get_absolute_url())


def test_a_sub_measures_progress_changes_its_parents_progress_on_the_proposal_page(client, staff, proposal, committed):
    parent = MeasureFactory(title="Sprache im Stadtteil", proposals=[proposal])
    child = MeasureFactory(title="Sprachcafés", parent=parent, progress=0)
    assert "Fortschritt 0" in cached_page(client, proposal.get_absolute_url())

    child.progress = 100
    with committed():
        services.measure_save(measure=child, user=staff)

    assert "Fortschritt 100" in fresh_page(client, proposal.get_absolute_url())


def test_a_changed_proposal_title_appears_on_the_measure_page(client, staff, proposal, committed):
    measure = MeasureFactory(title="Sprachcafés in allen Stadtteilen", proposals=[proposal])
    url = measure.get_absolute_url()
    assert proposal.title in cached_page(client, url)

    with committed():
        consultation_services.proposal_update(
            proposal=proposal, user=staff, data={"title": "Sprachcafés mit Kinderbetreuung am Samstag"}
        )

    assert "Sprachcafés mit Kinderbetreuung am Samstag" in fresh_page(client, url)


@pytest.fixture
def indicator(client, clock):
    """An indicator whose measure's page is in the cache."""
    indicator = IndicatorFactory(name="Besuche der Sprachcafés")
    cached_page(client, indicator.measure.get_absolute_url())
    return indicator


def test_a_new_indicator_value_appears_on_the_measure_page(client, staff, indicator, committed):
    with committed():
        services.indicator_value_save(
            value=IndicatorValue(indicator=indicator, date=date(2026, 3, 31), value=Decimal("87.5")), user=staff
        )

    assert "87,5" in fresh_page(client, indicator.measure.get_absolute_url())


def test_imported_indicator_values_appear_on_the_measure_page(client, staff, indicator, committed):
    with committed():
        imports.indicator_values_import(indicator=indicator, user=staff, raw=b"datum;wert\n2026-02-28;91,25\n")

    assert "91,25" in fresh_page(client, indicator.measure.get_absolute_url())


def test_a_released_report_appears_in_the_archive(client, staff, home_page, clock, issue, committed):
    report = issue(sections=[ReportSection.MEASURES]).report
    assert report.number not in cached_page(client, ARCHIVE)

    with committed():
        report_services.report_release(report=report, user=staff)

    assert report.number in fresh_page(client, ARCHIVE)
    assert page_cache_state(client.get(reverse("monitoring:report_detail", args=[report.pk]))) == "miss"


def proposals_counted(statistics_page: str) -> int:
    return int(re.search(r"<dt>Vorschläge</dt><dd>(\d+)", statistics_page).group(1))


def test_a_submitted_proposal_counts_in_the_statistics(client, consultation, staff, topic, committed):
    before = proposals_counted(cached_page(client, STATISTICS))

    with committed():
        consultation_services.proposal_record_analog(
            consultation=consultation,
            recorded_by=staff,
            data={"title": "Vom Papierbogen", "text": "Aus dem Stadtteiltreff.", "topic": topic, "channel": "paper"},
        )

    assert proposals_counted(fresh_page(client, STATISTICS)) == before + 1


def test_a_measure_change_leaves_the_statistics_cached(client, staff, committed):
    measure = MeasureFactory()
    cached_page(client, STATISTICS)

    measure.progress = 80
    with committed():
        services.measure_save(measure=measure, user=staff)

    assert page_cache_state(client.get(STATISTICS)) == "hit"


@pytest.mark.parametrize("url", ["/monitoring/", MEASURES, "measure", STATISTICS, ARCHIVE])
def test_the_public_monitoring_pages_are_cached(client, url, db):
    if url == "measure":
        url = MeasureFactory().get_absolute_url()

    cached_page(client, url)
