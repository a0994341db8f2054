"""The public results page lists the funded projects with their amounts and progress – from the publication date
on, never before."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ideas.models import ProgressReport, ProgressState

from . import factories as idea_factories
from .conftest import RESULTS_AT


@pytest.fixture
def funded(make_application, district):
    application = make_application(state="eligible", title="Sprachcafé für Eltern", districts=[district])
    idea_factories.award(application, "1750.50")
    ProgressReport.objects.create(
        application=application, state=ProgressState.RUNNING, text="Acht Treffen mit 14 Eltern."
    )
    return application


@pytest.fixture
def results_url(competition):
    return competition.url + "ergebnisse/"


def test_before_the_publication_date_no_project_and_no_amount_is_shown(client, clock, funded, results_url):
    for moment in ("open", "after", RESULTS_AT - timedelta(seconds=1)):
        clock.travel(moment)
        page = client.get(results_url).content.decode()

        assert "Sprachcafé für Eltern" not in page
        assert "1.750,50" not in page
        assert "Die Ergebnisse werden am 1. Juli 2026 12:00 veröffentlicht." in page


def test_after_the_publication_date_funded_projects_are_listed_with_amounts_and_progress(
    client, clock, funded, make_application, results_url
):
    make_application(state="declined", title="Nicht gefördert")
    clock.travel(RESULTS_AT)

    page = client.get(results_url).content.decode()

    assert "Sprachcafé für Eltern" in page and "1.750,50\xa0€" in page
    assert "Linden-Limmer" in page
    assert "läuft" in page and "Acht Treffen mit 14 Eltern." in page
    assert "Nicht gefördert" not in page


def test_the_competition_page_links_the_results_only_once_published(client, clock, competition, results_url):
    before = client.get(competition.url).content.decode()
    clock.travel("results")
    after = client.get(competition.url).content.decode()

    assert f'<a class="button button--secondary" href="{results_url}">' not in before
    assert f'<a class="button button--secondary" href="{results_url}">' in after


def test_a_funded_project_reports_progress(client_for, representative, funded, clock):
    url = reverse("ideas:progress_report", args=[funded.pk])

    bad = client_for(representative).post(url, {"state": "completed", "text": "", "reported_on": "2026-04-20"})
    good = client_for(representative).post(
        url, {"state": "completed", "text": "Abschlussfest gefeiert.", "reported_on": "2026-04-20"}
    )

    assert bad.status_code == 400 and "Bitte schreiben Sie einen kurzen Bericht." in bad.content.decode()
    assert good.status_code == 302
    assert funded.progress_reports.filter(state=ProgressState.COMPLETED, text="Abschlussfest gefeiert.").exists()


def test_only_the_funded_organisation_reports_progress(client_for, user, funded):
    response = client_for(user).post(
        reverse("ideas:progress_report", args=[funded.pk]),
        {"state": "completed", "text": "Fremd", "reported_on": "2026-04-20"},
    )

    assert response.status_code == 403
    assert funded.progress_reports.count() == 1


def test_amounts_on_the_results_page_sum_up(client, clock, make_application, results_url):
    for amount in ("1000.00", "2500.25"):
        idea_factories.award(make_application(state="eligible"), amount)
    clock.travel("results")

    page = client.get(results_url).content.decode()

    assert "werden 2 Projekte mit insgesamt 3.500,25\xa0€ gefördert" in page


def test_the_proposal_page_shows_the_funded_project_that_builds_on_it_once_results_are_public(
    client, clock, competition, make_application
):
    from consultation.models import ProposalState
    from tests.consultation.factories import ConsultationPageFactory, ProposalFactory

    from . import factories as idea_factories

    proposal = ProposalFactory(consultation=ConsultationPageFactory(), state=ProposalState.PUBLISHED)
    project = make_application(title="Sprachcafé im Stadtteiltreff", state="eligible")
    project.proposals.add(proposal)
    idea_factories.award(project, "2500.00")
    url = proposal.get_absolute_url()

    before = client.get(url).content.decode()
    clock.travel("results")
    after = client.get(url).content.decode()

    assert "Sprachcafé im Stadtteiltreff" not in before
    assert "Sprachcafé im Stadtteiltreff" in after
    assert "gefördert mit 2.500,00\u00a0€" in after
