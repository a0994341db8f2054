"""factory_boy factories for monitoring: measures, indicators and their values.

`MeasureFactory` stores a measure directly (no service checks), with a unique slug; pass `parent=...` and `weight=...`
for a sub-measure. `adopted_proposal(...)` makes a published proposal with a published "adopted" response (the kind a
measure may come from), reusing the consultation factories; `awarded_project(...)` an awarded application, reusing the
idea-competition factories.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from consultation.models import ResponseState
from ideas.models import ApplicationState
from lip.models import Topic
from monitoring.models import Indicator, IndicatorDirection, IndicatorValue, Measure, MeasureState
from tests.consultation.factories import ProposalFactory, ResponseFactory
from tests.factories import UserFactory, many_to_many
from tests.ideas import factories as idea_factories


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

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


class IndicatorFactory(factory.django.DjangoModelFactory):
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


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: date(2026, 1, 1).replace(day=1 + n % 28))
    value = Decimal("50")
    entered_by = factory.SubFactory(UserFactory)
    entered_at = factory.LazyFunction(timezone.now)


def adopted_proposal(*, state=ResponseState.ADOPTED, **fields):
    proposal = ProposalFactory(**fields)
    ResponseFactory(proposal=proposal, state=state, text="Wird in den LIP übernommen.")
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
