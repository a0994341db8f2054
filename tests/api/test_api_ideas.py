"""The idea competition's open-data endpoints: funded projects appear once their competition's results are public,
never before, never unawarded ones, never anything personal; filters refuse bad values; queries do not grow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultation.models import ProposalState
from ideas.models import ApplicationState, ProgressReport, ProgressState
from tests.consultation.factories import ConsultationPageFactory, ProposalFactory
from tests.factories import DistrictFactory, UserFactory
from tests.helpers import assert_constant_queries
from tests.ideas.factories import ApplicationFactory, CompetitionPageFactory, award

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects/"
COMPETITIONS = "/api/v1/competitions/"
FORBIDDEN_KEYS = {"ip", "ip_address", "juror", "conflicts", "cost_items", "letter", "conditions", "total_costs"}
FORBIDDEN_PARTS = ("email", "user", "assessment", "attachment", "created_by", "submitted_by", "decided_by")


def assert_nothing_personal(data, path="$"):
    """No key anywhere in the JSON names a person, an address, a score or a private file."""
    if isinstance(data, dict):
        for key, value in data.items():
            lowered = key.lower()
            assert lowered not in FORBIDDEN_KEYS, f"{path}.{key}"
            assert not any(part in lowered for part in FORBIDDEN_PARTS), f"{path}.{key}"
            assert_nothing_personal(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, item in enumerate(data):
            assert_nothing_personal(item, f"{path}[{i}]")


def competition(*, published: bool, **fields):
    now = timezone.now()
    return CompetitionPageFactory(
        submission_start=now - timedelta(days=90),
        submission_end=now - timedelta(days=60),
        results_published_at=now - timedelta(days=1) if published else now + timedelta(days=5),
        **fields,
    )


def funded(page, amount="2500.00", **fields):
    application = ApplicationFactory(competition=page, state=ApplicationState.ELIGIBLE, **fields)
    award(application, amount)
    return application


@pytest.fixture
def results(home_page):
    return competition(published=True, parent=home_page)


def test_a_funded_project_appears_with_what_the_results_page_shows(client, results, district):
    proposal = ProposalFactory(state=ProposalState.PUBLISHED)
    hidden_proposal = ProposalFactory(state=ProposalState.HIDDEN)
    project = funded(results, "3100.50", districts=[district], title="Sprachcafé Linden")
    project.proposals.set([proposal, hidden_proposal])
    ProgressReport.objects.create(
        application=project,
        state=ProgressState.RUNNING,
        text="Die ersten Treffen liefen gut.",
        created_by=UserFactory(),
    )

    response = client.get(PROJECTS)

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["reference"] == project.reference
    assert row["title"] == "Sprachcafé Linden"
    assert row["amount_awarded"] == "3100.50"
    assert row["organisation"] == project.organisation.name
    assert row["competition"]["slug"] == results.slug
    assert row["fund"]["year"] == results.fund.year
    assert row["districts"] == [{"slug": district.slug, "name": district.name}]
    assert row["citywide"] is False
    assert row["topics"][0]["slug"] == "sprachfoerderung"
    assert row["progress"][0]["state"] == ProgressState.RUNNING
    assert row["progress"][0]["text"] == "Die ersten Treffen liefen gut."
    assert row["proposals"] == [proposal.reference]
    assert row["url"].startswith("http://testserver/")
    assert row["url"].endswith(f"/ergebnisse/#project-{project.pk}")
    detail = client.get(f"{PROJECTS}{project.reference}/")
    assert detail.status_code == 200
    assert detail.json() == row


def _not_yet_published(home_page):
    return funded(competition(published=False, parent=home_page))


def _not_awarded(home_page):
    page = competition(published=True, parent=home_page)
    return ApplicationFactory(competition=page, state=ApplicationState.DECLINED)


def _eligible_only(home_page):
    page = competition(published=True, parent=home_page)
    return ApplicationFactory(competition=page, state=ApplicationState.ELIGIBLE)


def _competition_unpublished(home_page):
    page = competition(published=True, parent=home_page)
    project = funded(page)
    page.unpublish()
    return project


def _competition_private(home_page):
    page = competition(published=True, parent=home_page)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return funded(page)


@pytest.mark.parametrize(
    "make",
    [_not_yet_published, _not_awarded, _eligible_only, _competition_unpublished, _competition_private],
    ids=["results-not-yet-public", "declined", "eligible", "competition-unpublished", "competition-private"],
)
def test_a_project_the_site_does_not_show_is_neither_listed_nor_found(client, home_page, make):
    application = make(home_page)

    listed = client.get(PROJECTS)

    assert listed.status_code == 200
    assert listed.json()["results"] == []
    assert application.reference
    assert client.get(f"{PROJECTS}{application.reference}/").status_code == 404


def test_a_project_becomes_public_on_its_results_date(client, home_page, time_machine):
    page = competition(published=False, parent=home_page)
    project = funded(page)
    assert client.get(f"{PROJECTS}{project.reference}/").status_code == 404

    time_machine.move_to(page.results_published_at + timedelta(seconds=1), tick=False)

    assert client.get(f"{PROJECTS}{project.reference}/").status_code == 200


def test_nothing_personal_is_in_projects_or_competitions(client, results):
    person = UserFactory(email="antragstellerin@example.org")
    project = funded(results, created_by=person)
    ProgressReport.objects.create(application=project, state=ProgressState.RUNNING, text="Läuft.", created_by=person)

    for url in (PROJECTS, f"{PROJECTS}{project.reference}/", COMPETITIONS, f"{COMPETITIONS}{results.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_personal(response.json())
        assert "antragstellerin@example.org" not in response.content.decode()
        assert project.goals not in response.content.decode()  # the application's full text stays private


@pytest.mark.parametrize(
    "query",
    [
        "year=zwanzig",
        "year=1800",
        "district=kein-bezirk",
        "topic=kein-thema",
        "competition=kein-wettbewerb",
        "citywide=vielleicht",
    ],
)
def test_a_bad_filter_value_is_a_400(client, results, query):
    funded(results)

    response = client.get(f"{PROJECTS}?{query}")

    assert response.status_code == 400


def test_filters_keep_the_matching_projects(client, results, district):
    other = DistrictFactory()
    here = funded(results, districts=[district])
    funded(results, districts=[other])
    citywide = funded(results)

    by_district = client.get(f"{PROJECTS}?district={district.slug}").json()["results"]
    by_citywide = client.get(f"{PROJECTS}?citywide=true").json()["results"]
    by_year = client.get(f"{PROJECTS}?year={results.fund.year + 1}").json()["results"]

    assert [r["reference"] for r in by_district] == [here.reference]
    assert [r["reference"] for r in by_citywide] == [citywide.reference]
    assert by_year == []


def test_projects_can_be_ordered_by_amount(client, results):
    small, large = funded(results, "100.00"), funded(results, "4000.00")

    rows = client.get(f"{PROJECTS}?ordering=-amount").json()["results"]

    assert [r["reference"] for r in rows] == [large.reference, small.reference]


def test_the_projects_list_costs_the_same_queries_for_few_and_many(client, results, district):
    consultation = ConsultationPageFactory()

    def build(n):
        while ProgressReport.objects.count() < n:
            project = funded(results, districts=[district])
            project.proposals.set([ProposalFactory(consultation=consultation, state=ProposalState.PUBLISHED)])
            ProgressReport.objects.create(application=project, state=ProgressState.RUNNING, text="Gut.")

    def build_and_warm(n):
        build(n)
        client.get(PROJECTS)  # writes empty the cached root paths of the site: one query once, whatever the rows

    count = assert_constant_queries(build_and_warm, lambda: client.get(PROJECTS), sizes=(3, 12))
    assert count <= 10


def test_competitions_list_only_live_public_ones_with_their_state(client, home_page):
    now = timezone.now()
    finished = competition(published=True, parent=home_page)
    running = CompetitionPageFactory(
        parent=home_page, submission_start=now - timedelta(days=1), submission_end=now + timedelta(days=10)
    )
    draft = competition(published=True, parent=home_page)
    draft.unpublish()

    rows = client.get(COMPETITIONS).json()["results"]

    states = {r["id"]: r["state"] for r in rows}
    assert states == {finished.pk: "results_published", running.pk: "open"}
    assert client.get(f"{COMPETITIONS}{draft.pk}/").status_code == 404
    assert client.get(f"{COMPETITIONS}?state=open").json()["results"][0]["id"] == running.pk
    assert client.get(f"{COMPETITIONS}?state=kaputt").status_code == 400
    row = next(r for r in rows if r["id"] == finished.pk)
    assert Decimal(row["max_grant"]) == finished.max_grant
    assert row["results_url"].endswith("/ergebnisse/")
