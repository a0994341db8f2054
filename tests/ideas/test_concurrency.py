"""The fund's budget under real concurrency (PostgreSQL only): parallel awards that together exceed the budget, and
exactly those that fit succeed. The service locks the fund's row for its transaction (SELECT ... FOR UPDATE)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from ideas.applications import services as application_services
from ideas.decisions import services as decision_services
from ideas.funds import selectors as fund_selectors
from ideas.models import Application, ApplicationState, Award
from lip.roles import Role
from tests import factories
from tests.helpers import POSTGRES_THREADS, run_in_threads

from . import factories as idea_factories

pytestmark = POSTGRES_THREADS

PARALLEL = 5


def test_concurrent_awards_never_exceed_the_fund_budget(home_page, monkeypatch):
    from ideas import tasks

    # The letter is not the point here (the outbox runs it with `apply` when there is no broker).
    monkeypatch.setattr(tasks.issue_award_letter, "apply", lambda *args, **kwargs: None)
    staff = factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)
    fund = idea_factories.FundFactory(budget=Decimal("10000.00"))
    competition = idea_factories.CompetitionPageFactory(fund=fund)
    applications = [
        idea_factories.ApplicationFactory(
            competition=competition, state="eligible", cost_lines=[("Honorare", "3000.00")]
        )
        for _ in range(PARALLEL)
    ]

    outcomes = run_in_threads(
        lambda application: decision_services.award_grant(
            application=application, user=staff, amount=Decimal("3000.00")
        ),
        applications,
    )

    granted = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(granted) == 3, outcomes
    assert len(refused) == 2 and all(isinstance(o, ValidationError) for o in refused), outcomes
    assert all("übersteigt das verbleibende Budget" in " ".join(o.messages) for o in refused)
    assert Award.objects.count() == 3
    assert fund_selectors.fund_figures(fund).committed == Decimal("9000.00")
    assert Application.objects.filter(state=ApplicationState.AWARDED).count() == 3


def test_concurrent_awards_of_the_same_application_grant_it_once(home_page, monkeypatch):
    from ideas import tasks

    monkeypatch.setattr(tasks.issue_award_letter, "apply", lambda *args, **kwargs: None)
    staff = [factories.UserFactory(roles=[Role.MODERATOR], is_staff=True) for _ in range(3)]
    application = idea_factories.ApplicationFactory(state="eligible", cost_lines=[("Honorare", "3000.00")])

    outcomes = run_in_threads(
        lambda person: decision_services.award_grant(application=application, user=person, amount=Decimal("1000.00")),
        staff,
    )

    assert sum(not isinstance(o, Exception) for o in outcomes) == 1, outcomes
    assert Award.objects.filter(application=application).count() == 1


def test_concurrent_submissions_draw_distinct_reference_numbers(home_page):
    organisation = factories.OrganisationFactory()
    person = factories.representative_of(organisation)
    competition = idea_factories.CompetitionPageFactory()
    drafts = [
        idea_factories.ApplicationFactory(competition=competition, organisation=organisation, created_by=person)
        for _ in range(PARALLEL)
    ]

    outcomes = run_in_threads(
        lambda draft: application_services.application_submit(application=draft, user=person), drafts
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    references = sorted(Application.objects.values_list("reference", flat=True))
    assert references == [f"GFZ-{competition.fund.year}-{n:04d}" for n in range(1, PARALLEL + 1)]
