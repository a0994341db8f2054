"""Query budgets: the results page, the applicant's list, the jury queue and the admin list cost the same number of
queries with few and with many rows. The absolute counts are pinned too (measured on SQLite)."""

import pytest
from django.urls import reverse

from ideas.models import Application, ProgressReport, ProgressState
from lip.models import District, Topic
from tests.helpers import assert_constant_page_queries

from . import factories as idea_factories

SIZES = (5, 25)


def test_the_results_page(client, clock, competition, organisation):
    districts, topics = list(District.objects.all()[:3]), list(Topic.objects.all()[:2])
    clock.travel("results")
    url = competition.url + "ergebnisse/"

    def build(n):
        for _ in range(Application.objects.count(), n):
            application = idea_factories.ApplicationFactory(
                competition=competition, organisation=organisation, state="eligible", districts=districts, topics=topics
            )
            idea_factories.award(application, "1000.00")
            for state in (ProgressState.PREPARING, ProgressState.RUNNING):
                ProgressReport.objects.create(application=application, state=state, text="Es geht voran.")

    count = assert_constant_page_queries(client, url, build, sizes=SIZES, contains="Es geht voran.")
    # 4 for the routing (lip.routing), 5 for the results; menu and footer come from the cache (home.navigation).
    assert count <= 9


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_competition_page(client_for, user, competition, organisation, signed_in):
    client = client_for(user if signed_in else None)

    def build(n):
        idea_factories.applications_up_to(
            n, ["submitted", "awarded"], award_amount="750.00", competition=competition, organisation=organisation
        )

    count = assert_constant_page_queries(client, competition.url, build, sizes=SIZES, contains=competition.title)
    # Routing (4: site, home page, the page with the restrictions of its chain, its row), criteria, consultations,
    # the fund and its figures (4); signed in: session, person, e-mail confirmation, organisations, permissions (+6).
    assert count <= (14 if signed_in else 8)


def test_my_applications(client_for, representative, competition, organisation):
    client = client_for(representative)

    def build(n):
        idea_factories.applications_up_to(
            n,
            ["draft", "submitted", "eligible", "not_eligible", "awarded"],
            competition=competition,
            organisation=organisation,
            created_by=representative,
        )

    # One page (20) at most.
    count = assert_constant_page_queries(client, reverse("ideas:my_applications"), build, sizes=(5, 20))
    assert count <= 9


def test_the_jury_queue(client_for, juror, competition, organisation):
    client = client_for(juror)

    def build(n):
        for _ in range(Application.objects.count(), n):
            application = idea_factories.ApplicationFactory(
                competition=competition, organisation=organisation, state="eligible"
            )
            idea_factories.score_all(application, juror, [3, 3, 3, 3, 3])

    count = assert_constant_page_queries(client, reverse("ideas:jury_queue"), build, sizes=SIZES)
    assert count <= 7


def test_the_admin_application_list(client_for, moderator, competition, organisation):
    client = client_for(moderator)

    def build(n):
        idea_factories.applications_up_to(
            n,
            ["submitted", "eligible", "awarded", "not_eligible"],
            award_amount="750.00",
            competition=competition,
            organisation=organisation,
        )

    assert_constant_page_queries(client, reverse("ideas-applications:index"), build, sizes=SIZES)


def test_the_admin_ranking_view(client_for, moderator, juror, other_juror, competition, organisation):
    client = client_for(moderator)

    def build(n):
        for _ in range(Application.objects.count(), n):
            application = idea_factories.ApplicationFactory(
                competition=competition, organisation=organisation, state="eligible"
            )
            for person in (juror, other_juror):
                idea_factories.score_all(application, person, [4, 3, 2, 1, 0])

    assert_constant_page_queries(client, reverse("ideas-ranking:ranking", args=[competition.pk]), build, sizes=SIZES)
