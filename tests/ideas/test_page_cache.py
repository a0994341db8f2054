"""Issue 16: the idea competition's writes make exactly the cached pages stale that show them (lip/pagecache).

Each test fills the cache with what an anonymous visitor sees (the second visit is served from it), writes through
the service (its version bumps run once the write commits) and checks that the next visit is rendered anew and shows
the change.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from ideas.applications import services as application_services
from ideas.audience import services as audience_services
from ideas.decisions import services as decision_services
from ideas.funds import services as fund_services
from ideas.models import ProgressState
from tests import factories
from tests.helpers import cached_page, fresh_page, page_cache_state

from .conftest import SUBMISSION_END

pytestmark = pytest.mark.usefixtures("page_cache")

STATISTICS = "/monitoring/statistik/"


@pytest.fixture
def results_url(competition):
    return competition.url + "ergebnisse/"


@pytest.fixture
def audience_url(competition):
    competition.audience_vote_start = competition.submission_start
    competition.audience_vote_end = SUBMISSION_END
    competition.save()
    return competition.url + "publikumspreis/"


def applications_counted(statistics_page: str) -> int:
    return int(re.search(r"Anträge im Ideenwettbewerb</dt><dd>(\d+)", statistics_page).group(1))


def test_a_submitted_application_counts_in_the_statistics(client, draft, representative, committed):
    before = applications_counted(cached_page(client, STATISTICS))

    with committed():
        application_services.application_submit(application=draft, user=representative)

    assert applications_counted(fresh_page(client, STATISTICS)) == before + 1


def test_a_withdrawn_application_leaves_the_statistics(client, make_application, representative, committed):
    application = make_application(state="submitted")
    before = applications_counted(cached_page(client, STATISTICS))

    with committed():
        application_services.application_withdraw(application=application, user=representative)

    assert applications_counted(fresh_page(client, STATISTICS)) == before - 1


def test_an_eligible_application_becomes_a_candidate_of_the_audience_prize(
    client, audience_url, make_application, moderator, committed
):
    application = make_application(state="submitted", title="Kiezküche für alle")
    assert "Kiezküche für alle" not in cached_page(client, audience_url)

    with committed():
        decision_services.application_decide_eligibility(application=application, user=moderator, eligible=True)

    assert "Kiezküche für alle" in fresh_page(client, audience_url)


def test_an_audience_vote_changes_the_count(client, audience_url, eligible, committed):
    assert "0 Stimmen" in cached_page(client, audience_url)

    with committed():
        audience_services.audience_vote_cast(application=eligible, user=factories.UserFactory())

    assert "1 Stimme" in fresh_page(client, audience_url)


def test_an_award_appears_on_the_results_and_on_the_proposal_it_builds_on(
    client, clock, results_url, make_application, moderator, committed
):
    from consultation.models import ProposalState
    from tests.consultation.factories import ConsultationPageFactory, ProposalFactory

    proposal = ProposalFactory(consultation=ConsultationPageFactory(), state=ProposalState.PUBLISHED)
    application = make_application(state="eligible", title="Sprachcafé im Stadtteiltreff")
    application.proposals.add(proposal)
    clock.travel("results")
    assert "Sprachcafé im Stadtteiltreff" not in cached_page(client, results_url)
    assert "Sprachcafé im Stadtteiltreff" not in cached_page(client, proposal.get_absolute_url())

    with committed():
        decision_services.award_grant(application=application, user=moderator, amount=Decimal("1500.00"))

    assert "Sprachcafé im Stadtteiltreff" in fresh_page(client, results_url)
    assert "gefördert mit 1.500,00\u00a0€" in fresh_page(client, proposal.get_absolute_url())


def test_a_progress_report_appears_on_the_results_page(
    client, clock, results_url, make_application, representative, moderator, committed
):
    application = make_application(state="eligible", title="Nachbarschaftsgarten")
    with committed():
        decision_services.award_grant(application=application, user=moderator, amount=Decimal("1000.00"))
    clock.travel("results")
    cached_page(client, results_url)

    with committed():
        application_services.progress_report_add(
            application=application,
            user=representative,
            data={"state": ProgressState.RUNNING, "text": "Die ersten Beete sind bepflanzt."},
        )

    assert "Die ersten Beete sind bepflanzt." in fresh_page(client, results_url)


def test_a_new_budget_of_the_fund_appears_on_the_competition_page(client, competition, fund, moderator, committed):
    assert "50.000,00" in cached_page(client, competition.url)

    fund.budget = Decimal("60000.00")
    with committed():
        fund_services.fund_save(fund=fund, user=moderator)

    assert "60.000,00" in fresh_page(client, competition.url)


def test_an_award_in_one_competition_leaves_another_competitions_pages_cached(
    client, competition, make_application, moderator, committed, home_page
):
    from . import factories as idea_factories

    other = idea_factories.CompetitionPageFactory(
        title="Ideenwettbewerb 2027", slug="ideenwettbewerb-2027", fund=idea_factories.FundFactory(year=2027)
    )
    cached_page(client, other.url)

    with committed():
        decision_services.award_grant(application=make_application(state="eligible"), user=moderator, amount="100")

    assert page_cache_state(client.get(other.url)) == "hit"


def test_the_end_of_the_submission_window_ends_the_entry_early(client, clock, competition):
    clock.travel(SUBMISSION_END - timedelta(minutes=2))
    before = cached_page(client, competition.url)

    clock.travel(SUBMISSION_END + timedelta(minutes=1))
    after = fresh_page(client, competition.url)

    assert after != before
