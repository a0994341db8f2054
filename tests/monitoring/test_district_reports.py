"""Reports to a district body (Stadtbezirksrat, Integrationsbeirat) show that district: its participation figures, the
measures that work there and the citywide ones (labelled „stadtweit“), their indicators, the idea competition for
projects there and the annex with its proposals; cover and title name the district, and the citywide figures stand
next to the district's for comparison. Citywide reports stay as they were. A district body without its district is
refused on the forms."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from consultation.models import EventKind, Proposal
from ideas.models import Award
from lip.models import District, OrganisationType, Topic
from monitoring.measures.selectors import measure_list
from monitoring.models import Audience, ReportRun, ReportSchedule, ReportSection, ReportStatus
from monitoring.statistics.figures import participation_statistics
from monitoring.statistics.results import CITYWIDE
from tests import factories
from tests.consultation.factories import CommentFactory, EventFactory, ProposalFactory, VoteFactory
from tests.helpers import assert_constant_queries
from tests.ideas import factories as idea_factories

from . import pdfs
from .conftest import IN_Q1, Q1, post_run_form
from .factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    adopted_proposal,
    awarded_project,
    paper_proposal,
    proposal_with_contributions,
)

DISTRICT_TITLE = "Monitoring LIP 4.0 – Quartalsbericht – Stadtbezirk Linden-Limmer"


def row(rows, key):
    return next(r for r in rows if r.key == key)


def fund_project(competition, district, amount, **fields):
    """A project funded in Q1 (submitted and awarded within the quarter) for `district` (None: citywide)."""
    project = awarded_project(
        amount=amount,
        competition=competition,
        submitted_at=IN_Q1,
        districts=[district] if district else [],
        **fields,
    )
    Award.objects.filter(application=project).update(decided_at=IN_Q1)
    return project


@pytest.fixture
def city(consultation, clock):
    """Q1 2026 in two districts and citywide.

    Linden-Limmer: an online proposal (adopted, two comments, three votes) and a paper proposal from a workshop there
    (24 attendees, 14 dot votes, answered in Q1); a funded project (3.500 €). Mitte: an online proposal (adopted, one
    comment, five votes), a workshop (40 attendees), a funded project (2.000 €). Citywide: one proposal.
    Measures: one in Linden-Limmer, one in Mitte, one citywide, one citywide parent with a sub-measure in Linden-Limmer
    and one with a sub-measure in Mitte; indicators on the Linden and the Mitte measure and one of the field of action.
    """
    linden, mitte = District.objects.get(slug="linden-limmer"), District.objects.get(slug="mitte")
    language = Topic.objects.get(slug="sprachfoerderung")
    linden_org = factories.OrganisationFactory(
        type=OrganisationType.MIGRANT, district=linden, verified_at=IN_Q1 - timedelta(days=30)
    )
    factories.OrganisationFactory(type=OrganisationType.MIGRANT, district=mitte, verified_at=IN_Q1)

    cafe = adopted_proposal(
        consultation=consultation,
        title="Sprachcafé im Freizeitheim Linden",
        district=linden,
        topic=language,
        organisation=linden_org,
        created_at=IN_Q1,
    )
    for _ in range(2):
        CommentFactory(proposal=cafe, created_at=IN_Q1)
    for _ in range(3):
        VoteFactory(proposal=cafe, created_at=IN_Q1)
    workshop = EventFactory(
        consultation=consultation, kind=EventKind.WORKSHOP, attendees=24, date=IN_Q1, district=linden
    )
    paper = paper_proposal(
        workshop,
        dot_votes=14,
        answered_at=IN_Q1 + timedelta(days=10),
        title="Hausaufgabenhilfe in Limmer",
        topic=language,
    )

    garden = adopted_proposal(
        consultation=consultation, title="Begegnungsgarten am Steintor", district=mitte, created_at=IN_Q1
    )
    CommentFactory(proposal=garden, created_at=IN_Q1)
    for _ in range(5):
        VoteFactory(proposal=garden, created_at=IN_Q1)
    EventFactory(consultation=consultation, kind=EventKind.WORKSHOP, attendees=40, date=IN_Q1, district=mitte)
    citywide = ProposalFactory(consultation=consultation, title="Mehrsprachige Beratung überall", created_at=IN_Q1)

    competition = idea_factories.CompetitionPageFactory(  # results public in Q1 (issue 13: awards count from then)
        parent=consultation.get_parent(), results_published_at=IN_Q1 + timedelta(days=30)
    )
    linden_project = fund_project(competition, linden, "3500.00", title="Elterncafé Linden-Süd")
    fund_project(competition, mitte, "2000.00", title="Gartenprojekt Mitte")

    in_linden = MeasureFactory(
        title="Sprachförderung in Linden-Limmer", topic=language, districts=[linden], proposals=[cafe], progress=40
    )
    in_mitte = MeasureFactory(title="Begegnungsorte in Mitte", districts=[mitte], proposals=[garden], progress=80)
    MeasureFactory(title="Mehrsprachige Beratung", progress=10)
    neighbourhood = MeasureFactory(title="Nachbarschaftsarbeit")
    MeasureFactory(title="Nachbarschaftstreff Limmer", parent=neighbourhood, districts=[linden], progress=50)
    quarter = MeasureFactory(title="Quartiersarbeit")
    MeasureFactory(title="Quartierstreff Steintor", parent=quarter, districts=[mitte], progress=30)

    for measure, name in ((in_linden, "Sprachcafé-Besuche Linden"), (in_mitte, "Gartenbesuche Mitte")):
        IndicatorValueFactory(indicator=IndicatorFactory(name=name, measure=measure), date=date(2026, 3, 1))
    IndicatorFactory(name="Sprachkursplätze in Hannover", measure=None, topic=language)
    return {
        "linden": linden,
        "mitte": mitte,
        "cafe": cafe,
        "paper": paper,
        "garden": garden,
        "citywide": citywide,
        "linden_project": linden_project,
        "competition": competition,
    }


@pytest.fixture
def district_report(city, issue):
    run = issue(audiences=[Audience.DISTRICT_COUNCIL], district=city["linden"])
    assert run.status == ReportStatus.DONE, run.error
    return run.report


# --- The figures of one district -----------------------------------------------------------------------------------


def test_the_statistics_of_a_district_count_only_its_proposals_events_and_projects(city):
    figures = participation_statistics(start=Q1[0], end=Q1[1], district=city["linden"])

    assert (figures.total.proposals_online, figures.total.proposals_analog) == (1, 1)
    assert figures.total.comments == 2
    assert (figures.total.votes_online, figures.total.votes_analog) == (3, 14)
    assert [r.key for r in figures.by_district] == [str(city["linden"].pk)]
    assert (figures.events, figures.event_attendees) == (1, 24)
    assert (figures.proposals_until_end, figures.answered_until_end) == (2, 1)
    assert figures.median_days_to_response == 10.0
    assert (figures.applications, figures.awarded, figures.awarded_amount) == (1, 1, Decimal("3500.00"))
    assert [r.key for r in figures.applications_by_district] == [str(city["linden"].pk)]
    (fund,) = figures.funds
    assert (fund.committed, fund.district_committed, fund.district_awards) == (
        Decimal("5500.00"),
        Decimal("3500.00"),
        1,
    )
    migrant = row(figures.organisations_by_type, OrganisationType.MIGRANT)
    assert (migrant.count, migrant.other) == (1, 1)  # based in Linden-Limmer; proposed there
    assert figures.district == "Linden-Limmer"


def test_the_citywide_statistics_are_unchanged(city):
    figures = participation_statistics(start=Q1[0], end=Q1[1])

    assert figures.total.proposals == 4 and figures.total.comments == 3
    assert row(figures.by_district, str(city["mitte"].pk)).votes_online == 5
    assert row(figures.by_district, CITYWIDE).proposals == 1
    assert (figures.events, figures.event_attendees) == (2, 64)
    assert figures.awarded_amount == Decimal("5500.00")
    assert figures.funds[0].district_committed is None
    assert row(figures.organisations_by_type, OrganisationType.MIGRANT).count == 2


def test_the_statistics_of_a_district_cost_the_same_queries_for_few_and_many_rows(consultation, clock):
    linden, mitte = District.objects.get(slug="linden-limmer"), District.objects.get(slug="mitte")
    competition = idea_factories.CompetitionPageFactory(parent=consultation.get_parent())

    def build(n):
        for i in range(Proposal.objects.count() // 2, n):
            for district in (linden, mitte):
                proposal_with_contributions(consultation, i, at=IN_Q1, dot_votes=2, district=district)
                fund_project(competition, district, "100.00")

    count = assert_constant_queries(
        build,
        lambda: participation_statistics(start=Q1[0], end=Q1[1], district=linden),
        sizes=(3, 12),
    )
    assert count == 19  # 17, the statements on plan drafts of the district (statistics.drafts), survey responses


def test_a_districts_measures_are_its_own_and_the_citywide_ones(city):
    titles = [m.title for m in measure_list(district=city["linden"], citywide_too=True)]
    own = [m.title for m in measure_list(district=city["linden"])]

    assert sorted(titles) == ["Mehrsprachige Beratung", "Nachbarschaftsarbeit", "Sprachförderung in Linden-Limmer"]
    assert sorted(own) == ["Nachbarschaftsarbeit", "Sprachförderung in Linden-Limmer"]


def test_the_measure_list_of_a_district_costs_the_same_queries_for_few_and_many(home_page):
    linden, mitte = District.objects.get(slug="linden-limmer"), District.objects.get(slug="mitte")

    def build(n):
        for _i in range(Proposal.objects.count(), n):
            adopted = adopted_proposal(district=linden)
            parent = MeasureFactory(districts=[linden], proposals=[adopted])
            MeasureFactory(parent=parent, districts=[mitte])
            MeasureFactory()  # citywide
            MeasureFactory(districts=[mitte])

    count = assert_constant_queries(build, lambda: measure_list(district=linden, citywide_too=True), sizes=(3, 12))
    assert count <= 4


# --- The report ----------------------------------------------------------------------------------------------------


def test_the_snapshot_of_a_district_report_holds_only_the_districts_data(district_report, city):
    snapshot = district_report.snapshot
    meta, summary = snapshot["meta"], snapshot["summary"]

    assert meta["title"] == DISTRICT_TITLE == district_report.title
    assert meta["bodies"] == ["In den Stadtbezirksrat Linden-Limmer"]
    assert "Stadtbezirk Linden-Limmer" in meta["scope"] and "„stadtweit“" in meta["scope"]
    assert (summary["proposals"], summary["comments"], summary["votes_online"]) == (2, 2, 3)
    assert summary["citywide"]["proposals"] == 4 and summary["citywide"]["measures"] == 5
    assert [r["label"] for r in snapshot["participation"]["by_district"]] == ["Linden-Limmer"]
    measures = {m["title"]: m["districts"] for m in snapshot["measures"]}
    assert measures == {
        "Sprachförderung in Linden-Limmer": "Linden-Limmer",
        "Nachbarschaftsarbeit": "Linden-Limmer",
        "Mehrsprachige Beratung": "stadtweit",
    }
    assert summary["measures"] == 3 and summary["measures_citywide"] == 1
    indicators = {i["name"]: i["subject"] for i in snapshot["indicators"]}
    assert indicators == {
        "Sprachcafé-Besuche Linden": "Maßnahme: Sprachförderung in Linden-Limmer",
        "Sprachkursplätze in Hannover": "Handlungsfeld: Sprachförderung (stadtweit)",
    }
    ideas = snapshot["ideas"]
    assert [p["title"] for p in ideas["projects"]] == ["Elterncafé Linden-Süd"]
    assert (ideas["applications"], ideas["awarded_amount"]) == (1, "3500.00")
    assert ideas["funds"][0]["district_committed"] == "3500.00" and ideas["funds"][0]["committed"] == "5500.00"
    assert [p["reference"] for p in snapshot["annex"]] == sorted([city["cafe"].reference, city["paper"].reference])


def test_the_district_report_pdf_names_the_district_and_shows_only_its_proposals(district_report, city):
    pages = pdfs.page_texts(pdfs.read(district_report))
    content = pdfs.report_text(district_report)
    annex = " ".join(pdfs.text(pdfs.read(district_report, annex=True)).split())

    assert "In den Stadtbezirksrat Linden-Limmer" in pages[0]
    assert "Dieser Bericht gilt dem Stadtbezirk Linden-Limmer." in annex  # the annex says whose proposals it lists
    assert city["cafe"].reference in annex
    assert "Stadtbezirk Linden-Limmer" in " ".join(pages[0].split())
    assert pdfs.reader(pdfs.read(district_report)).metadata.title.endswith(DISTRICT_TITLE)
    for linden in ("cafe", "paper"):
        assert city[linden].reference in content
    for elsewhere in ("garden", "citywide"):
        assert city[elsewhere].reference not in content
    assert "Begegnungsgarten am Steintor" not in content and "Quartiersarbeit" not in content
    assert "Begegnungsorte in Mitte" not in content and "Gartenprojekt Mitte" not in content
    assert "Mehrsprachige Beratung" in content and "stadtweit" in content
    flat = " ".join(content.split())
    assert "Dieser Bericht gilt dem Stadtbezirk Linden-Limmer." in flat  # the rule, written into the report
    assert "Zum Vergleich die ganze Stadt im selben Zeitraum: 4 Vorschläge, 3 Kommentare, 22 Stimmen" in flat


def test_a_citywide_report_is_unchanged(city, issue):
    report = issue().report
    snapshot = report.snapshot

    assert snapshot["meta"]["title"] == "Monitoring LIP 4.0 – Quartalsbericht" == report.title
    assert "scope" not in snapshot["meta"] and "citywide" not in snapshot["summary"]
    assert snapshot["summary"]["proposals"] == 4 and snapshot["summary"]["measures"] == 5
    assert {r["label"] for r in snapshot["participation"]["by_district"]} >= {"Linden-Limmer", "Mitte", "stadtweit"}
    assert len(snapshot["ideas"]["projects"]) == 2
    assert "district_committed" not in snapshot["ideas"]["funds"][0]
    content = pdfs.report_text(report)
    for proposal in ("cafe", "paper", "garden"):
        assert city[proposal].reference in content


def test_a_district_named_without_a_district_body_is_not_a_district_report(city, issue):
    snapshot = issue(audiences=[Audience.CITY_COUNCIL], district=city["linden"]).report.snapshot

    assert "scope" not in snapshot["meta"] and snapshot["summary"]["proposals"] == 4


def test_the_archive_page_of_a_district_report_names_the_district(client_for, district_report, council_reader):
    html = client_for(council_reader).get(reverse("monitoring:report_detail", args=[district_report.pk])).content
    html = html.decode()

    assert DISTRICT_TITLE in html
    assert "Dieser Bericht gilt dem Stadtbezirk Linden-Limmer." in html
    assert "Zum Vergleich stadtweit: 4 Vorschläge" in html


# --- A district body needs its district ----------------------------------------------------------------------------


def test_a_schedule_for_a_district_body_without_a_district_is_a_field_error(client, staff):
    client.force_login(staff)
    data = {
        "title": "Bericht an den Stadtbezirksrat",
        "audiences": [Audience.DISTRICT_COUNCIL],
        "district": "",
        "period": "quarterly",
        "sections": [ReportSection.MEASURES],
        "extra_recipients": "",
        "enabled": "on",
        "run_day": "5",
        "run_hour": "6",
    }

    response = client.post(reverse("monitoring-schedules:add"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["district"] == ["Für einen Stadtbezirksrat oder Integrationsbeirat wählen Sie bitte den Stadtbezirk."]
    assert not ReportSchedule.objects.exists()


def test_a_report_for_an_integration_council_without_a_district_is_a_field_error(client, staff):
    client.force_login(staff)

    response = post_run_form(
        client, title="Bericht an den Integrationsbeirat", audiences=[Audience.INTEGRATION_COUNCIL], district=""
    )

    assert response.status_code == 400
    assert response.context["form"].errors["district"] == [
        "Für einen Stadtbezirksrat oder Integrationsbeirat wählen Sie bitte den Stadtbezirk."
    ]
    assert not ReportRun.objects.exists()


def test_a_district_report_costs_the_same_queries_for_few_and_many_rows(home_page, clock):
    from monitoring.reports.snapshot import build_snapshot

    linden, mitte = District.objects.get(slug="linden-limmer"), District.objects.get(slug="mitte")
    run = ReportRun.objects.create(
        title="Bericht",
        audiences=[Audience.INTEGRATION_COUNCIL],
        district=linden,
        sections=list(ReportSection.values),
        period_start=Q1[0],
        period_end=Q1[1],
        number="0001/2026",
    )

    def build(n):
        for i in range(Proposal.objects.count() // 2, n):
            for district in (linden, mitte):
                parent = MeasureFactory(districts=[district], proposals=[adopted_proposal(district=district)])
                MeasureFactory(parent=parent, districts=[district], progress=i, projects=[awarded_project()])
                IndicatorValueFactory(indicator=IndicatorFactory(measure=parent), date=date(2026, 2, 1 + i))

    count = assert_constant_queries(build, lambda: build_snapshot(run=run), sizes=(3, 10))
    assert count <= 60


def test_the_district_report_shows_the_districts_share_of_each_fund_and_no_district_bar_charts(district_report, city):
    flat = " ".join("\n".join(pdfs.page_texts(pdfs.read(district_report))).split())

    assert "davon für Projekte im Stadtbezirk" in flat
    assert "Vorschläge nach Stadtbezirk (voll: online" not in flat  # one bar for one district says nothing
    assert "bewilligte Fördersummen nach Stadtbezirk" not in flat


def test_a_citywide_report_keeps_its_district_charts_and_has_no_district_column(city, issue):
    report = issue().report
    flat = " ".join("\n".join(pdfs.page_texts(pdfs.read(report))).split())

    assert "Abbildung 1: Vorschläge nach Stadtbezirk (voll: online" in flat
    assert "davon für Projekte im Stadtbezirk" not in flat
