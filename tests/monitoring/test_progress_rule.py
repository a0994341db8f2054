"""The progress rule of a measure: a parent's progress is the weighted mean of its sub-measures' progress,
Σ(weight × progress) / Σ weight, rounded half up to one decimal; the parent's own progress field is then ignored; no
other special cases. Written in the model docstring, on the public page and in the report."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import MeasureState, weighted_progress

from .factories import MeasureFactory


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([(1, 100), (1, 0)], "50.0"),
        ([(3, 0), (1, 100)], "25.0"),
        ([(2, 50), (1, 20)], "40.0"),
        ([(1, 10), (1, 20), (1, 20)], "16.7"),  # 16.666… rounded half up
        ([(1, 0), (1, 1)], "0.5"),
        ([(7, 33)], "33.0"),
        ([], "0.0"),
    ],
)
def test_weighted_mean(parts, expected):
    assert weighted_progress(parts) == Decimal(expected)


def test_a_parent_shows_the_weighted_mean_of_its_children_and_ignores_its_own_field(db):
    parent = MeasureFactory(progress=90)  # ignored once there are children
    MeasureFactory(parent=parent, weight=3, progress=20)
    MeasureFactory(parent=parent, weight=1, progress=100)

    assert parent.overall_progress == Decimal("40.0")  # (3·20 + 1·100) / 4


def test_completed_and_suspended_children_count_like_any_other(db):
    parent = MeasureFactory()
    MeasureFactory(parent=parent, weight=1, progress=100, state=MeasureState.COMPLETED)
    MeasureFactory(parent=parent, weight=1, progress=10, state=MeasureState.SUSPENDED)
    MeasureFactory(parent=parent, weight=2, progress=0, state=MeasureState.PLANNED)

    assert parent.overall_progress == Decimal("27.5")  # (100 + 10 + 0) / 4


def test_a_measure_without_children_has_its_own_progress(db):
    assert MeasureFactory(progress=35).overall_progress == Decimal("35.0")


def test_weight_shares_add_up_to_the_whole(db):
    parent = MeasureFactory()
    first = MeasureFactory(parent=parent, weight=2)
    second = MeasureFactory(parent=parent, weight=1)

    assert parent.weight_share(first) == Decimal("66.7")
    assert parent.weight_share(second) == Decimal("33.3")


def test_the_public_page_shows_weights_shares_and_the_rule(client, db):
    parent = MeasureFactory(title="Sprachförderung im Stadtteil", progress=90)
    MeasureFactory(parent=parent, title="Sprachcafés", weight=3, progress=20)
    MeasureFactory(parent=parent, title="Abendkurse", weight=1, progress=100)

    html = client.get(reverse("monitoring:measure_detail", args=[parent.slug])).content.decode()

    assert "40 %" in html.replace("\xa0", " ")  # 40,0 → shown as 40 %
    assert "75 %" in html.replace("\xa0", " ") and "25 %" in html.replace("\xa0", " ")  # the weight shares
    assert "So wird der Fortschritt berechnet" in html
    assert "Summe aus Gewicht mal Fortschritt" in html
