"""„Was daraus wurde“: the measures a proposal led to (and those a funded project implements), with their progress,
in a constant number of queries — for the consultation's and the idea competition's pages."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from monitoring.measures.outcomes import project_measures, proposal_outcomes
from monitoring.models import MeasureState
from tests.helpers import count_queries

from .factories import MeasureFactory, adopted_proposal, awarded_project


def test_a_proposal_shows_the_measures_it_led_to_with_their_progress(home_page):
    proposal, other, untouched = adopted_proposal(), adopted_proposal(), adopted_proposal()
    parent = MeasureFactory(title="Sprachförderung im Stadtteil", proposals=[proposal])
    MeasureFactory(parent=parent, weight=1, progress=50)
    MeasureFactory(parent=parent, weight=1, progress=100)
    child = MeasureFactory(
        title="Sprachcafés",
        parent=parent,
        weight=2,
        progress=10,
        state=MeasureState.PLANNED,
        proposals=[proposal, other],
    )

    outcomes = proposal_outcomes([proposal.pk, other.pk, untouched.pk])

    assert [o.title for o in outcomes[proposal.pk]] == ["Sprachcafés", "Sprachförderung im Stadtteil"] or [
        o.title for o in outcomes[proposal.pk]
    ] == ["Sprachförderung im Stadtteil", "Sprachcafés"]
    by_title = {o.title: o for o in outcomes[proposal.pk]}
    assert by_title["Sprachförderung im Stadtteil"].progress == Decimal("42.5")  # (50 + 100 + 2·10) / 4
    assert by_title["Sprachcafés"].parent_title == "Sprachförderung im Stadtteil"
    assert by_title["Sprachcafés"].url == child.get_absolute_url()
    assert [o.title for o in outcomes[other.pk]] == ["Sprachcafés"]
    assert untouched.pk not in outcomes


def test_the_outcomes_cost_two_queries_whatever_the_number(home_page):
    proposals = [adopted_proposal() for _ in range(12)]
    for i in range(6):
        parent = MeasureFactory(proposals=proposals[i::3])
        MeasureFactory(parent=parent, progress=i * 10, proposals=proposals[i::4])

    with count_queries() as queries:
        outcomes = proposal_outcomes([p.pk for p in proposals])
        [o.progress for items in outcomes.values() for o in items]

    assert queries.count == 2


def test_a_funded_project_shows_the_measures_it_implements(home_page):
    project = awarded_project()
    MeasureFactory(title="Sprachcafés", progress=60, projects=[project])

    (outcome,) = project_measures([project.pk])[project.pk]

    assert outcome.title == "Sprachcafés" and outcome.progress == Decimal("60.0")


def test_the_partial_for_the_proposal_page(home_page):
    proposal = adopted_proposal()
    MeasureFactory(title="Sprachcafés", progress=60, proposals=[proposal])

    html = render_to_string(
        "monitoring/includes/proposal_outcome.html", {"outcomes": proposal_outcomes([proposal.pk])[proposal.pk]}
    )
    empty = render_to_string("monitoring/includes/proposal_outcome.html", {"outcomes": []})

    assert "Sprachcafés" in html and "60 %" in html.replace("\xa0", " ")
    assert "Noch keine Maßnahme zugeordnet." in empty


def test_the_provider_for_the_proposal_page(home_page):
    pytest.importorskip("consultation.registry")  # the proposal page's outcome registry (being wired by the project)
    from monitoring.measures.outcomes import outcome_for_proposal

    proposal, untouched = adopted_proposal(), adopted_proposal()
    MeasureFactory(title="Sprachcafés", progress=60, proposals=[proposal])

    outcome = outcome_for_proposal(proposal)

    assert outcome.template == "monitoring/includes/proposal_outcome.html"
    assert [o.title for o in outcome.context["outcomes"]] == ["Sprachcafés"]
    assert outcome_for_proposal(untouched) is None


def test_the_proposal_page_itself_shows_the_measure_and_its_progress(client, home_page):
    proposal = adopted_proposal()
    MeasureFactory(title="Sprachcafés in allen Bibliotheken", progress=60, proposals=[proposal])

    body = client.get(proposal.get_absolute_url()).content.decode()

    outcome = body[body.index('id="outcome-heading"') :]
    assert "Sprachcafés in allen Bibliotheken" in outcome
    assert "60" in outcome and "Noch keine Maßnahme zugeordnet." not in outcome
