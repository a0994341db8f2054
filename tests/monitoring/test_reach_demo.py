"""The demo of „Wer macht mit?“: population figures for the 13 districts and 60 profiles, online and on paper,
with at least one suppressed group on the page; a second run adds nothing."""

import pytest

from consultation.models import Channel
from monitoring.models import PopulationDimension, PopulationFigure, ReachProfile
from monitoring.reach import demo, selectors
from tests import factories


class Ctx:
    def __init__(self):
        from lip.roles import Role

        self.users = {"moderator": factories.UserFactory(roles=[Role.MODERATOR])}


@pytest.mark.django_db
def test_the_demo_has_figures_profiles_and_a_suppressed_group_and_is_idempotent():
    ctx = Ctx()
    assert demo.seed(ctx) == 60
    assert demo.seed(ctx) == 60
    assert PopulationFigure.objects.filter(dimension=PopulationDimension.DISTRICT).count() == 13
    assert set(ReachProfile.objects.values_list("channel", flat=True)) == {Channel.ONLINE, Channel.PAPER}
    figures = selectors.reach_figures()
    assert figures.total == 60
    assert figures.any_hidden
    district = next(d for d in figures.dimensions if d.key == PopulationDimension.DISTRICT)
    assert district.has_city and any(row.count and row.count >= 5 for row in district.rows)
