"""factory_boy factories for monitoring: measures, indicators and their values.

`MeasureFactory` stores a measure directly (no service checks), with a unique slug; pass `parent=...` and `weight=...`
for a sub-measure. `adopted_proposal(...)` makes a published proposal with a published "adopted" response (the kind a
measure may come from), reusing the consultation factories; `awarded_project(...)` an awarded application, reusing the
idea-competition factories. `paper_proposal(event, ...)` and `proposal_with_contributions(...)` build what the
participation statistics count.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from consultation.models import ResponseState
from ideas.models import ApplicationState
from lip.models import Topic
from monitoring.models import Indicator, IndicatorDirection, IndicatorValue, Measure, MeasureState
from tests.consultation import factories as consultation_factories
from tests.factories import ModelFactory, OrganisationFactory, UserFactory, many_to_many
from tests.ideas import factories as idea_factories


class MeasureFactory(ModelFactory):
    class Meta:
        model = Measure

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    slug = factory.Sequence(lambda n: f"massnahme-{n}")
    description = "Mehr Sprachcafés in den Stadtteilen."
    topic = factory.LazyFunction(lambda: Topic.objects.get(slug="sprachfoerderung"))
    department = "Sachgebiet Integration"
    start = date(2026, 1, 1)
    state = MeasureState.IN_PROGRESS
    progress = 0
    weight = 1

    districts = many_to_many("districts")

    proposals = many_to_many("proposals")

    projects = many_to_many("projects")


class IndicatorFactory(ModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "Personen"
    measure = factory.SubFactory(MeasureFactory)
    topic = None
    baseline_value = Decimal("40")
    baseline_date = date(2025, 12, 31)
    target_value = Decimal("120")
    target_date = date(2027, 12, 31)
    direction = IndicatorDirection.HIGHER
    source = "Zählung der Stadtteilzentren"


class IndicatorValueFactory(ModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: date(2026, 1, 1).replace(day=1 + n % 28))
    value = Decimal("50")
    entered_by = factory.SubFactory(UserFactory)
    entered_at = factory.LazyFunction(timezone.now)


def adopted_proposal(*, state=ResponseState.ADOPTED, **fields):
    proposal = consultation_factories.ProposalFactory(**fields)
    consultation_factories.ResponseFactory(proposal=proposal, state=state, text="Wird in den LIP übernommen.")
    return proposal


def awarded_project(amount: str = "2500.00", **fields):
    """A funded project whose competition's results are public (issue 13: before that, no public page names it)."""
    if "competition" not in fields:
        now = timezone.now()
        fields["competition"] = idea_factories.CompetitionPageFactory(
            submission_start=now - timedelta(days=60),
            submission_end=now - timedelta(days=30),
            results_published_at=now - timedelta(days=1),
        )
    application = idea_factories.ApplicationFactory(state=ApplicationState.ELIGIBLE, **fields)
    idea_factories.award(application, amount)
    return application


def paper_proposal(event, *, dot_votes: int, answered_at, **fields):
    """A proposal handed in on paper at `event` (its consultation, district and date), with `dot_votes` dot votes
    counted there and a response published at `answered_at`."""
    proposal = consultation_factories.ProposalFactory(
        consultation=event.consultation,
        district=event.district,
        analog=True,
        event=event,
        created_at=event.date,
        **fields,
    )
    consultation_factories.AnalogTallyFactory(proposal=proposal, event=event, count=dot_votes)
    consultation_factories.ResponseFactory(proposal=proposal, published_at=answered_at)
    return proposal


def proposal_with_contributions(consultation, i: int, *, at, dot_votes: int, district=None, **fields):
    """The `i`-th row of a query-budget test of the statistics: a proposal (every second one on paper) with a comment,
    a vote and a response published within nine days, all at `at`; and an event in `district` with an organisation of
    that district and `i` attendees, where the proposal got `dot_votes` dot votes."""
    proposal = consultation_factories.ProposalFactory(
        consultation=consultation, district=district, created_at=at, **({"analog": True} if i % 2 else {}), **fields
    )
    consultation_factories.CommentFactory(proposal=proposal, created_at=at)
    consultation_factories.VoteFactory(proposal=proposal, created_at=at)
    consultation_factories.ResponseFactory(proposal=proposal, published_at=at + timedelta(days=i % 9))
    event = consultation_factories.EventFactory(consultation=consultation, date=at, district=district, attendees=i)
    event.organisations.set([OrganisationFactory(district=district, verified_at=at)])
    consultation_factories.AnalogTallyFactory(proposal=proposal, event=event, count=dot_votes)
    return proposal
