"""Staff create a competition in Wagtail's page editor: call, eligibility, weighted criteria, dates, fund."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from ideas.models import CompetitionPage

from . import factories as idea_factories


def editor_data(fund, **overrides) -> dict:
    data = {
        "title": "Ideenwettbewerb 2027",
        "slug": "ideenwettbewerb-2027",
        "teaser": "Ideen für ein gutes Zusammenleben.",
        "body": streamfield([("paragraph", rich_text("<p>Wir fördern Projekte im Quartier.</p>"))]),
        "eligibility": rich_text("<p>Bestätigte Organisationen.</p>"),
        "criteria": inline_formset(
            [
                {"name": "Beitrag zu den Zielen des LIP", "description": "", "weight": "60"},
                {"name": "Umsetzbarkeit", "description": "", "weight": "40"},
            ]
        ),
        "submission_start": "2026-06-01 09:00",
        "submission_end": "2026-07-01 18:00",
        "results_published_at": "2026-08-01 12:00",
        "fund": fund.pk,
        "max_grant": "4000",
        "audience_vote_budget": "3",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def add_url(home_page):
    return reverse("wagtailadmin_pages:add", args=["ideas", "competitionpage", home_page.pk])


def test_staff_publish_a_competition_with_weighted_criteria(client_for, moderator, add_url, fund):
    client = client_for(moderator)
    assert client.get(add_url).status_code == 200

    response = client.post(add_url, editor_data(fund))

    assert response.status_code == 302, response.content.decode()[:2000]
    page = CompetitionPage.objects.get(slug="ideenwettbewerb-2027")
    assert page.live and page.fund == fund and page.max_grant == Decimal("4000.00")
    assert [(c.name, c.weight) for c in page.criterion_list()] == [
        ("Beitrag zu den Zielen des LIP", 60),
        ("Umsetzbarkeit", 40),
    ]
    overview = client.get(page.url).content.decode()
    assert "60 %" in overview and "40 %" in overview and "4.000,00\xa0€" in overview


def test_a_deadline_before_the_start_is_refused(client_for, moderator, add_url, fund):
    response = client_for(moderator).post(add_url, editor_data(fund, submission_end="2026-05-01 18:00"))

    assert response.status_code == 200
    assert "Der Einsendeschluss muss nach dem Beginn der Einreichung liegen." in response.content.decode()
    assert not CompetitionPage.objects.filter(slug="ideenwettbewerb-2027").exists()


def test_a_criterion_the_jury_has_scored_cannot_be_removed(client_for, moderator, eligible, juror, fund):
    idea_factories.score_all(eligible, juror, [3, 3, 3, 3, 3])
    page = eligible.competition
    criteria = page.criterion_list()
    rows = [{"id": c.pk, "name": c.name, "description": "", "weight": str(c.weight)} for c in criteria]
    rows[0]["DELETE"] = "1"
    data = editor_data(
        fund,
        title=page.title,
        slug=page.slug,
        criteria=inline_formset(rows, initial=len(rows)),
        submission_start="2026-04-02 09:00",
        submission_end="2026-05-31 18:00",
        results_published_at="2026-07-01 12:00",
    )

    response = client_for(moderator).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert "wurde schon bewertet und kann nicht mehr entfernt werden" in response.content.decode()
    assert page.criteria.count() == 5


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-06-10 09:00", "", "Bitte geben Sie auch das Ende der Abstimmung an."),
        ("", "2026-06-30 18:00", "Bitte geben Sie auch den Beginn der Abstimmung an."),
        ("2026-06-30 18:00", "2026-06-10 09:00", "Das Ende der Abstimmung muss nach ihrem Beginn liegen."),
    ],
)
def test_an_incomplete_or_reversed_audience_vote_window_is_refused(
    client_for, moderator, add_url, fund, start, end, message
):
    response = client_for(moderator).post(add_url, editor_data(fund, audience_vote_start=start, audience_vote_end=end))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CompetitionPage.objects.filter(slug="ideenwettbewerb-2027").exists()
