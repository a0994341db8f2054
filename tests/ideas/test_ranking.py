"""The staff ranking: weighted mean of the complete assessments, their spread (max − min) and standard deviation,
the number of complete assessments; a constant number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ideas.jury import selectors as jury_selectors
from lip.roles import Role
from tests import factories
from tests.helpers import assert_constant_queries

from . import factories as idea_factories

# Weights 30/20/20/15/15 (tests/ideas/factories.py CRITERIA).


def test_the_weighted_mean_spread_and_count_of_complete_assessments(make_application, juror, other_juror):
    top = make_application(state="eligible", title="Oben")
    low = make_application(state="eligible", title="Unten")
    unscored = make_application(state="eligible", title="Noch ohne Bewertung")
    idea_factories.score_all(top, juror, [5, 4, 5, 4, 4])  # 4.50
    idea_factories.score_all(top, other_juror, [4, 4, 5, 5, 3])  # 4.20
    idea_factories.score_all(low, juror, [1, 2, 3, 4, 5])  # 2.65

    rows = jury_selectors.ranking(top.competition)

    assert [r.application for r in rows] == [top, low, unscored]
    first = rows[0]
    assert (first.rank, first.mean, first.spread, first.std_dev, first.complete) == (
        1,
        Decimal("4.35"),
        Decimal("0.30"),
        Decimal("0.15"),
        2,
    )
    assert (rows[1].rank, rows[1].mean, rows[1].spread, rows[1].complete) == (2, Decimal("2.65"), Decimal("0.00"), 1)
    assert (rows[2].rank, rows[2].mean, rows[2].complete) == (None, None, 0)


def test_an_incomplete_assessment_does_not_count(make_application, juror, other_juror):
    application = make_application(state="eligible")
    idea_factories.score_all(application, juror, [5, 5, 5, 5, 5])
    criteria = sorted(application.competition.criteria.all(), key=lambda c: c.sort_order)
    from ideas.models import Assessment

    Assessment.objects.create(application=application, juror=other_juror, criterion=criteria[0], score=0)

    row = jury_selectors.ranking(application.competition)[0]

    assert (row.mean, row.complete) == (Decimal("5.00"), 1)


def test_drafts_and_unchecked_applications_are_not_ranked(make_application):
    make_application(state="draft")
    make_application(state="submitted")
    make_application(state="not_eligible")
    ranked = make_application(state="eligible")

    assert [r.application for r in jury_selectors.ranking(ranked.competition)] == [ranked]


def test_the_ranking_costs_three_queries_whatever_the_number_of_applications(competition, organisation):
    jurors = [factories.UserFactory(roles=[Role.JURY]) for _ in range(3)]

    def build(n):
        from ideas.models import Application

        for i in range(Application.objects.count(), n):
            application = idea_factories.ApplicationFactory(
                competition=competition, organisation=organisation, state="eligible"
            )
            for j, person in enumerate(jurors):
                idea_factories.score_all(application, person, [(i + j) % 6] * 5)

    count = assert_constant_queries(build, lambda: jury_selectors.ranking(competition), sizes=(5, 25))

    assert count == 3


def test_staff_see_the_ranking_in_the_admin(client_for, moderator, make_application, juror):
    application = make_application(state="eligible", title="Sprachcafé")
    idea_factories.score_all(application, juror, [5, 4, 5, 4, 4])

    response = client_for(moderator).get(reverse("ideas-ranking:ranking", args=[application.competition_id]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sprachcafé" in page and "4,50" in page
    assert "Spannweite" in page and "Jana Jury" in page


@pytest.mark.parametrize("who", ["juror", "representative"])
def test_the_ranking_is_for_staff_only(client_for, request, competition, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("ideas-ranking:ranking", args=[competition.pk]))

    assert response.status_code == 302  # Wagtail sends people without admin access to log in, others home
