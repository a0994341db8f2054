"""„Wer macht mit?“: the aggregates per dimension next to the city's share, with no cell and no difference of cells
revealing a group under 5; a fixed query budget with 10,000 profiles; the section on the statistics page."""

import itertools
import random
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from consultation.models import Channel
from lip.models import District
from monitoring.models import NO_ANSWER, PopulationDimension, PopulationFigure, ReachLanguage, ReachProfile
from monitoring.reach import selectors
from monitoring.reach.suppression import MIN_CELL, hidden_cells

URL = "/monitoring/wer-macht-mit/"


def _revealed_small_groups(counts: list[int], hidden: set[int]) -> list[int]:
    """Every group size a reader can compute from the shown cells and the total: the shown cells, and the sum of
    each set of hidden cells that is the total minus shown cells (only the set of all hidden cells is)."""
    shown = [counts[i] for i in range(len(counts)) if i not in hidden]
    revealed = [c for c in shown if c < MIN_CELL]
    if len(hidden) == 1:
        revealed.append(counts[next(iter(hidden))])  # one hidden cell is the total minus the others
    if hidden and sum(counts[i] for i in hidden) < MIN_CELL:
        revealed.append(sum(counts[i] for i in hidden))
    return revealed


@pytest.mark.parametrize("seed", range(300))
def test_no_cell_and_no_difference_of_cells_reveals_a_group_under_5(seed):
    rng = random.Random(seed)
    counts = [rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 20, 130]) for _ in range(rng.randint(2, 14))]
    hidden = hidden_cells(counts)
    if sum(counts) < MIN_CELL:  # fewer respondents than that: the page shows no table at all (tested below)
        assert hidden == set(range(len(counts)))
        return
    assert all(counts[i] >= MIN_CELL for i in range(len(counts)) if i not in hidden)
    assert _revealed_small_groups(counts, hidden) == []
    # and no subset of shown cells subtracted from the total isolates a hidden cell
    for size in range(len(counts) - len(hidden) + 1):
        for subset in itertools.combinations([i for i in range(len(counts)) if i not in hidden], size):
            rest = set(range(len(counts))) - set(subset)
            if len(rest) == 1:
                assert counts[next(iter(rest))] >= MIN_CELL


def test_complementary_suppression_hides_the_next_smallest_cell():
    assert hidden_cells([40, 3, 12, 7]) == {1, 3}
    assert hidden_cells([40, 1, 2, 30]) == {1, 2, 3}  # 1 + 2 < 5: one more
    assert hidden_cells([40, 12, 7]) == set()


def _profiles(n: int, *, district=None, age=NO_ANSWER, channel=Channel.ONLINE, languages=("de",)):
    month = date(2026, 3, 1)
    created = ReachProfile.objects.bulk_create(
        ReachProfile(age_group=age, district=district, month=month, channel=channel) for _ in range(n)
    )
    ReachLanguage.objects.bulk_create(ReachLanguage(profile=p, language=lang) for p in created for lang in languages)
    return created


@pytest.mark.django_db
def test_the_page_shows_counts_next_to_the_city_and_suppresses_small_groups(client):
    linden = District.objects.get(slug="linden-limmer")
    mitte = District.objects.get(slug="mitte")
    PopulationFigure.objects.create(
        dimension=PopulationDimension.DISTRICT, category="linden-limmer", share=Decimal("8.40"), year=2025, source="LHH"
    )
    _profiles(12, district=linden, age="18_29")
    _profiles(3, district=mitte, age="30_44", channel=Channel.PAPER, languages=("ar", "de"))
    _profiles(6, district=District.objects.exclude(pk__in=[linden.pk, mitte.pk]).first())
    _profiles(14)
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "35 Personen haben" in body
    assert "8,4\xa0%" in body and "Anteil in Hannover (2025)" in body
    figures = selectors.reach_figures()
    district = next(d for d in figures.dimensions if d.key == "district")
    rows = {row.label: row for row in district.rows}
    assert rows["Linden-Limmer"].count == 12
    assert rows["Mitte"].hidden  # 3 people
    # the zeros of the other districts and Mitte hold 3 people: the smallest shown district is hidden with them
    assert sum(1 for row in district.rows if row.hidden) == 12 and rows["Linden-Limmer"].count == 12
    assert "nicht ausgewiesen" in body
    assert figures.online is None and figures.analog is None  # 3 on paper: the split is hidden


@pytest.mark.django_db
def test_under_5_respondents_nothing_is_shown(client):
    _profiles(4, age="18_29")
    body = client.get(URL).content.decode()
    assert "weniger als 5 Personen" in body
    assert "<table" not in body


@pytest.mark.django_db
def test_the_statistics_page_has_the_section_and_links_the_questionnaire(client):
    _profiles(6)
    body = client.get(reverse("monitoring:statistics")).content.decode()
    assert "Wer macht mit?" in body
    assert reverse("monitoring:reach_questionnaire") in body
    assert "6 Personen haben" in body


@pytest.mark.django_db
def test_the_results_page_reads_10000_profiles_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    districts = list(District.objects.all())
    rng = random.Random(4)
    ages = ["18_29", "30_44", "45_64", NO_ANSWER]
    for _batch in range(5):
        month = date(2026, 3, 1)
        created = ReachProfile.objects.bulk_create(
            ReachProfile(
                age_group=rng.choice(ages),
                district=rng.choice(districts),
                month=month,
                channel=rng.choice([Channel.ONLINE, Channel.PAPER]),
            )
            for _ in range(2_000)
        )
        ReachLanguage.objects.bulk_create(ReachLanguage(profile=p, language="de") for p in created)
    client.get(URL)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert "10.000 Personen haben" in response.content.decode()


@pytest.mark.django_db
def test_the_cached_page_is_fresh_after_an_answer_and_after_a_new_population_figure(
    client, client_for, staff, page_cache, committed
):
    from tests.helpers import cached_page, fresh_page

    _profiles(5)
    cached_page(client, URL)
    with committed():
        client_for(None).post(URL + "fragebogen/", {"age_group": "18_29"})
    client.logout()
    assert "6 Personen haben" in fresh_page(client, URL)  # and stored again
    with committed():
        client_for(staff).post(
            reverse("monitoring-population:add"),
            {"dimension": "age_group", "category": "18_29", "share": "17.2", "year": 2025, "source": "LHH"},
        )
    client.logout()
    assert "Anteil in Hannover (2025)" in fresh_page(client, URL)
