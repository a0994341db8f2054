"""Participation statistics: computed from the contributions, online and analog alike, in a constant number of
queries; shown on the public statistics page (non-personal figures only) and the admin dashboard."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from consultation.models import Channel, EventKind, Proposal
from lip.models import District, Organisation, OrganisationType, Topic
from monitoring.statistics.figures import participation_statistics
from tests import factories
from tests.consultation.factories import CommentFactory, EventFactory, ProposalFactory, ResponseFactory, VoteFactory
from tests.helpers import assert_constant_queries
from tests.ideas import factories as idea_factories

from .conftest import BERLIN, IN_Q1, Q1
from .factories import paper_proposal, proposal_with_contributions


def row(rows, key):
    return next(r for r in rows if r.key == key)


@pytest.fixture
def data(consultation):
    """In Q1: two online proposals (Linden-Limmer, citywide), one paper proposal (Linden-Limmer); one workshop with 24
    attendees and 14 dot votes; comments and votes. In April (after Q1): one more online proposal."""
    linden = District.objects.get(slug="linden-limmer")
    language = Topic.objects.get(slug="sprachfoerderung")
    work = Topic.objects.get(slug="arbeitsmarktintegration")
    author = factories.UserFactory()
    organisation = factories.OrganisationFactory(type=OrganisationType.MIGRANT, verified_at=IN_Q1)
    online = ProposalFactory(
        consultation=consultation,
        district=linden,
        topic=language,
        author=author,
        organisation=organisation,
        created_at=IN_Q1,
    )
    citywide = ProposalFactory(consultation=consultation, topic=work, created_at=IN_Q1)
    event = EventFactory(consultation=consultation, kind=EventKind.WORKSHOP, attendees=24, date=IN_Q1, district=linden)
    event.organisations.set([organisation])
    paper = paper_proposal(event, dot_votes=14, answered_at=IN_Q1 + timedelta(days=20), topic=language)
    ProposalFactory(consultation=consultation, topic=language, created_at=datetime(2026, 4, 2, tzinfo=BERLIN))
    ProposalFactory(consultation=consultation, topic=language, created_at=IN_Q1, hidden=True)  # not public: not counted
    CommentFactory(proposal=online, author=author, created_at=IN_Q1)
    CommentFactory(proposal=online, created_at=IN_Q1)
    for _ in range(3):
        VoteFactory(proposal=online, created_at=IN_Q1)
    VoteFactory(proposal=citywide, user=author, created_at=IN_Q1)
    ResponseFactory(proposal=online, published_at=IN_Q1 + timedelta(days=10))
    return {"online": online, "paper": paper, "citywide": citywide, "linden": linden, "author": author}


def test_online_and_analog_contributions_count_alike(data):
    figures = participation_statistics(start=Q1[0], end=Q1[1])

    assert (figures.total.proposals_online, figures.total.proposals_analog) == (2, 1)
    assert figures.total.comments == 2
    assert (figures.total.votes_online, figures.total.votes_analog) == (4, 14)
    linden = row(figures.by_district, str(data["linden"].pk))
    assert (linden.proposals_online, linden.proposals_analog, linden.votes_online, linden.votes_analog) == (1, 1, 3, 14)
    assert row(figures.by_district, "citywide").proposals_online == 1
    assert row(figures.by_channel, Channel.ONLINE).proposals == 2
    assert row(figures.by_channel, Channel.PAPER).proposals == 1
    assert row(figures.by_channel, Channel.EVENT).votes_analog == 14  # dot votes at a workshop
    language = row(figures.by_topic, str(Topic.objects.get(slug="sprachfoerderung").pk))
    assert language.proposals == 2
    assert [r.proposals for r in figures.by_consultation] == [3]


def test_participants_events_organisations_and_responses(data):
    figures = participation_statistics(start=Q1[0], end=Q1[1])

    # the author (proposal, comment, vote) once, the other commenter, three other voters, the second proposal's author
    assert figures.participants_online == 1 + 1 + 3 + 1
    assert (figures.events, figures.event_attendees) == (1, 24)
    migrant = row(figures.organisations_by_type, OrganisationType.MIGRANT)
    assert (migrant.count, migrant.other) == (1, 1)
    assert (figures.proposals_until_end, figures.answered_until_end, figures.answered_share) == (3, 2, 67)
    assert figures.median_days_to_response == 15.0  # 10 and 20 days


def test_a_period_counts_only_what_happened_in_it(data):
    everything = participation_statistics()
    april = participation_statistics(start=Q1[1] + timedelta(days=1), end=Q1[1] + timedelta(days=30))

    assert everything.total.proposals == 4
    assert april.total.proposals == 1 and april.total.comments == 0 and april.events == 0


def test_idea_competition_figures_by_district_and_topic(consultation, clock):
    linden, mitte = District.objects.get(slug="linden-limmer"), District.objects.get(slug="mitte")
    language = Topic.objects.get(slug="sprachfoerderung")
    competition = idea_factories.CompetitionPageFactory(  # results public (issue 13: awards count from then)
        parent=consultation.get_parent(), results_published_at=IN_Q1
    )
    both = idea_factories.ApplicationFactory(
        competition=competition, state="eligible", districts=[linden, mitte], topics=[language]
    )
    idea_factories.award(both, "3000.00")
    idea_factories.ApplicationFactory(competition=competition, state="submitted", topics=[language])
    idea_factories.ApplicationFactory(competition=competition, state="draft")  # not submitted: not counted

    figures = participation_statistics()

    assert (figures.applications, figures.awarded, figures.awarded_amount) == (2, 1, Decimal("3000.00"))
    assert row(figures.applications_by_district, str(linden.pk)).amount == Decimal("3000.00")
    assert row(figures.applications_by_district, str(mitte.pk)).awarded == 1
    assert row(figures.applications_by_district, "citywide").applications == 1
    assert row(figures.applications_by_topic, str(language.pk)).applications == 2
    fund = next(f for f in figures.funds if f.name == competition.fund.name)
    assert (fund.committed, fund.remaining, fund.share) == (Decimal("3000.00"), Decimal("47000.00"), 6)


def test_the_statistics_cost_the_same_number_of_queries_for_few_and_many_rows(consultation, clock):
    districts = list(District.objects.all()[:4])
    topics = list(Topic.objects.all()[:3])
    competition = idea_factories.CompetitionPageFactory(parent=consultation.get_parent())

    def build(n):
        for i in range(Proposal.objects.count(), n):
            proposal_with_contributions(
                consultation, i, at=IN_Q1, dot_votes=3, district=districts[i % 4], topic=topics[i % 3]
            )
            application = idea_factories.ApplicationFactory(
                competition=competition, state="eligible", districts=districts[:2], topics=topics[:2]
            )
            if i % 3 == 0:
                idea_factories.award(application, "100.00")

    count = assert_constant_queries(build, lambda: participation_statistics(start=Q1[0], end=Q1[1]), sizes=(5, 25))
    assert count == 18  # 16, the comments on plan drafts (statistics.drafts) and survey responses (statistics.surveys)


def test_the_public_statistics_page_shows_figures_charts_and_tables_but_nobody_by_name(client, data):
    response = client.get(reverse("monitoring:statistics"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<title" in html and "<desc" in html  # charts with their text alternative
    assert "Beiträge nach Stadtbezirk" in html  # the numbers in a table
    assert str(data["author"]) not in html and data["author"].email not in html
    assert Organisation.objects.get().name not in html


def test_the_public_statistics_page_costs_the_same_queries_for_few_and_many_proposals(client, consultation):
    def build(n):
        for i in range(Proposal.objects.count(), n):
            proposal = ProposalFactory(consultation=consultation, **({"analog": True} if i % 2 else {}))
            VoteFactory(proposal=proposal)

    client.get(reverse("monitoring:statistics"))
    count = assert_constant_queries(build, lambda: client.get(reverse("monitoring:statistics")), sizes=(5, 25))
    assert count <= 20
