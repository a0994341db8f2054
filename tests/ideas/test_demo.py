"""The demo content: a fund, an open competition, applications in several states, jury scores, one award with its
letter – and a second run changes nothing."""

from decimal import Decimal

import pytest

from ideas import demo as ideas_demo
from ideas.funds import selectors as fund_selectors
from ideas.models import Application, ApplicationState, Assessment, Award, CompetitionPage, Fund
from tests.helpers import seed_demo_twice


@pytest.mark.django_db
def test_seed_demo_builds_the_competition_and_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo_twice(Application, Assessment, Award, CompetitionPage)

    fund = Fund.objects.get(name=f"Gesellschaftsfonds Zusammenleben {ideas_demo.funding_year()}")
    assert fund.budget == Decimal("50000.00")
    competition = CompetitionPage.objects.get()
    assert competition.live and competition.submission_open()
    assert competition.criterion_list()[0].name == "Beitrag zu den Zielen des LIP"
    states = set(Application.objects.values_list("state", flat=True))
    assert {"draft", "submitted", "eligible", "not_eligible", "awarded"} <= states
    award = Award.objects.get()
    assert award.letter and award.application.state == ApplicationState.AWARDED
    assert award.application.organisation.name == "Deutsch-Syrischer Kulturverein Hannover"
    assert Assessment.objects.filter(juror__email="jury@lip-hannover.example").exists()
    assert fund_selectors.fund_figures(fund).remaining == Decimal("46500.00")
