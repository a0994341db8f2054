"""factory_boy factories for the idea competition.

- `CompetitionPageFactory` adds the page below the default site's root page and gives it the five criteria of the
  council motion with weights 30/20/20/15/15 (pass `criteria=[("Name", weight), ...]` for others). Its submission
  window runs from a day before now to 30 days after now unless given.
- `ApplicationFactory` stores an application with cost lines (`cost_lines=[("Honorare", "1500.00"), ...]`) and
  totals computed from them the way the services do; states after submission get a reference number drawn from the
  same counter as the services.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.db import transaction
from django.utils import timezone

from ideas.applications.services import _next_reference
from ideas.models import (
    Application,
    ApplicationState,
    Assessment,
    Award,
    CompetitionPage,
    CostItem,
    Criterion,
    Fund,
    JuryAssignment,
)
from lip.models import Topic
from tests.factories import ModelFactory, OrganisationFactory, PageFactory, UserFactory, many_to_many

CRITERIA = [
    ("Beitrag zu den Zielen des LIP", 30),
    ("Reichweite im Stadtbezirk", 20),
    ("Beteiligung von Menschen mit Migrationsgeschichte", 20),
    ("Umsetzbarkeit", 15),
    ("Nachhaltigkeit", 15),
]
DEFAULT_LINES = [("Honorare", "1500.00"), ("Material", "500.00")]


class FundFactory(ModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Gesellschaftsfonds Zusammenleben {2026 + n}")
    year = factory.Sequence(lambda n: 2026 + n)
    budget = Decimal("50000.00")


class CompetitionPageFactory(PageFactory):
    class Meta:
        model = CompetitionPage

    title = factory.Sequence(lambda n: f"Ideenwettbewerb {n}")
    slug = factory.Sequence(lambda n: f"ideenwettbewerb-{n}")
    teaser = "Ihre Idee für ein gutes Zusammenleben in Hannover."
    eligibility = "<p>Bestätigte Organisationen aus Hannover.</p>"
    submission_start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    submission_end = factory.LazyAttribute(lambda o: o.submission_start + timedelta(days=31))
    results_published_at = factory.LazyAttribute(lambda o: o.submission_end + timedelta(days=30))
    max_grant = Decimal("5000.00")
    fund = factory.SubFactory(FundFactory)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, weight) in enumerate(CRITERIA if extracted is None else extracted):
            Criterion.objects.create(page=self, name=name, weight=weight, sort_order=order)

    consultations = many_to_many("consultations", save=True)


class ApplicationFactory(ModelFactory):
    class Meta:
        model = Application

    competition = factory.SubFactory(CompetitionPageFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Ein Sprachcafé für Eltern im Stadtteil."
    goals = "Begegnung und Deutsch im Alltag."
    target_groups = "Eltern aus dem Stadtteil."
    schedule = "April bis November, wöchentlich."
    own_contribution = Decimal("0.00")
    state = ApplicationState.DRAFT

    @classmethod
    def _create(cls, model_class, *args, cost_lines=None, **kwargs):
        lines = [(d, Decimal(a)) for d, a in (DEFAULT_LINES if cost_lines is None else cost_lines)]
        total = sum((a for _, a in lines), Decimal("0.00"))
        kwargs["total_costs"] = total
        kwargs["requested_amount"] = total - kwargs.get("own_contribution", Decimal("0.00"))
        state = kwargs.get("state", ApplicationState.DRAFT)
        if state in ApplicationState.submitted_states():
            if not kwargs.get("reference"):
                with transaction.atomic():
                    kwargs["reference"] = _next_reference(kwargs["competition"].fund.year)
            kwargs.setdefault("submitted_at", timezone.now())
            kwargs.setdefault("submitted_by", kwargs.get("created_by"))
        if state == ApplicationState.NOT_ELIGIBLE:
            kwargs.setdefault("eligibility_reason", "Das Projekt liegt außerhalb Hannovers.")
        application = super()._create(model_class, *args, **kwargs)
        CostItem.objects.bulk_create(
            CostItem(application=application, description=d, amount=a, sort_order=i) for i, (d, a) in enumerate(lines)
        )
        return application

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted if extracted is not None else [Topic.objects.get(slug="sprachfoerderung")])

    districts = many_to_many("districts")


class JuryAssignmentFactory(ModelFactory):
    class Meta:
        model = JuryAssignment

    competition = factory.SubFactory(CompetitionPageFactory)
    juror = factory.SubFactory(UserFactory)


def score_all(application: Application, juror, values) -> list[Assessment]:
    """Store a juror's scores for the criteria of the application's competition, in their order."""
    criteria = sorted(application.competition.criteria.all(), key=lambda c: c.sort_order)
    return Assessment.objects.bulk_create(
        Assessment(application=application, juror=juror, criterion=c, score=v)
        for c, v in zip(criteria, values, strict=True)
    )


def award(application: Application, amount, *, decided_by=None) -> Award:
    """An award stored directly (no budget check): for building data, not for testing the rule."""
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.AWARDED)
    application.state = ApplicationState.AWARDED
    return Award.objects.create(
        application=application, fund=application.competition.fund, amount=Decimal(amount), decided_by=decided_by
    )


def applications_up_to(n: int, states, *, award_amount="500.00", **fields) -> None:
    """Create applications until there are `n`, their states taken in turn from `states`; awarded ones get an award
    of `award_amount` (the query-budget tests build their growing data with it)."""
    for i in range(Application.objects.count(), n):
        application = ApplicationFactory(state=states[i % len(states)], **fields)
        if application.state == ApplicationState.AWARDED:
            award(application, award_amount)
