"""factory_boy factories for consultations, their phases and what people contribute to them.

Conventions:

- `ConsultationPageFactory` adds the page below the default site's root page (or `parent=...`) and gives it the
  six phase types in order, ten days each. By default the submission phase runs now; choose another with
  `phases=PhaseType.VOTING`, anchor the schedule at a fixed moment with `phases__start=datetime(...)` (the first
  phase then starts there and no phase is "current" unless you travel in time), pass an explicit list of
  `(type, start, end)` tuples, or `phases=[]` for none.
- `ProposalFactory` draws its reference from the same yearly counter as the services (LIP-2026-0001 upwards), so
  factory rows and service rows never collide.
- `CommentFactory`, `VoteFactory` and `AnalogTallyFactory` move the proposal's counters (`comment_count`,
  `statement_count`: published comments only; `online_votes`, `analog_votes`) the way the services do, so that data made with factories
  looks like data made by people. Instances already in memory are stale afterwards: `refresh_from_db()`.
"""

from datetime import datetime, timedelta

import factory
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from consultation.counters import move_comment_counters
from consultation.models import (
    AnalogTally,
    Channel,
    Comment,
    ConsultationPage,
    Event,
    EventKind,
    Phase,
    PhaseType,
    Proposal,
    ProposalState,
    Response,
    ResponseState,
    Vote,
)
from consultation.moderation.services import counts_in_figures
from consultation.services import _next_reference
from lip.models import District, Topic
from tests.factories import ModelFactory, PageFactory, UserFactory, many_to_many

PHASE_ORDER = [
    PhaseType.INFORMATION,
    PhaseType.SUBMISSION,
    PhaseType.DISCUSSION,
    PhaseType.VOTING,
    PhaseType.EVALUATION,
    PhaseType.RESULTS,
]
PHASE_DAYS = 10


def phase_schedule(start: datetime, days: int = PHASE_DAYS) -> list[tuple[str, datetime, datetime]]:
    """The six phase types back to back from `start`, `days` days each."""
    return [
        (phase_type, start + timedelta(days=days * i), start + timedelta(days=days * (i + 1)))
        for i, phase_type in enumerate(PHASE_ORDER)
    ]


def schedule_with_current(current: str, *, now: datetime | None = None, days: int = PHASE_DAYS):
    """A schedule in which the phase of type `current` began a day before `now`."""
    now = now or timezone.now()
    index = PHASE_ORDER.index(current)
    return phase_schedule(now - timedelta(days=1) - timedelta(days=days * index), days)


def topic(slug: str = "sprachfoerderung") -> Topic:
    return Topic.objects.get(slug=slug)


def district(slug: str) -> District:
    return District.objects.get(slug=slug)


class ConsultationPageFactory(PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Beteiligung {n}")
    slug = factory.Sequence(lambda n: f"beteiligung-{n}")
    teaser = "Wie soll Hannover Sprachförderung künftig gestalten?"
    vote_budget = 0

    @factory.post_generation
    def phases(self, create, extracted, start: datetime | None = None, days: int = PHASE_DAYS, **kwargs):
        if not create:
            return
        if isinstance(extracted, list | tuple):
            schedule = extracted
        elif start is not None:
            schedule = phase_schedule(start, days)
        else:
            schedule = schedule_with_current(extracted or PhaseType.SUBMISSION, days=days)
        for order, (phase_type, phase_start, phase_end) in enumerate(schedule):
            Phase.objects.create(
                page=self,
                type=phase_type,
                title=PhaseType(phase_type).label,
                start=phase_start,
                end=phase_end,
                sort_order=order,
            )

    districts = many_to_many("districts", save=True)

    topics = many_to_many("topics", save=True)


class PhaseFactory(ModelFactory):
    class Meta:
        model = Phase

    page = factory.SubFactory(ConsultationPageFactory, phases=[])
    type = PhaseType.SUBMISSION
    title = factory.LazyAttribute(lambda o: PhaseType(o.type).label)
    start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(days=PHASE_DAYS))


class EventFactory(ModelFactory):
    class Meta:
        model = Event

    consultation = factory.SubFactory(ConsultationPageFactory)
    kind = EventKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = factory.LazyFunction(timezone.now)
    place = "Freizeitheim Linden"
    attendees = 25


class ProposalFactory(ModelFactory):
    class Meta:
        model = Proposal

    consultation = factory.SubFactory(ConsultationPageFactory)
    title = factory.Sequence(lambda n: f"Vorschlag {n}")
    text = "Mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."
    topic = factory.LazyFunction(topic)
    district = None
    author = factory.SubFactory(UserFactory)
    channel = Channel.ONLINE
    state = ProposalState.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)

    class Params:
        analog = factory.Trait(
            channel=Channel.PAPER,
            author=None,
            author_name="Ayşe Demir",
            recorded_by=factory.SubFactory(UserFactory),
        )
        hidden = factory.Trait(state=ProposalState.HIDDEN)
        withdrawn = factory.Trait(state=ProposalState.WITHDRAWN)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if not kwargs.get("reference"):
            with transaction.atomic():
                kwargs["reference"] = _next_reference(timezone.localtime(kwargs["created_at"]).year)
        return super()._create(model_class, *args, **kwargs)

    tags = many_to_many("tags")


class CommentFactory(ModelFactory):
    """A comment; pass `statement_district=...` for a council statement. Moves the proposal's counters."""

    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Kommentar {n}: gute Idee.")
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if counts_in_figures(comment):
            move_comment_counters(comment, +1)
        return comment


class VoteFactory(ModelFactory):
    """A vote; moves the proposal's `online_votes` like `vote_cast`."""

    class Meta:
        model = Vote

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)
    consultation = factory.LazyAttribute(lambda o: o.proposal.consultation)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        vote = super()._create(model_class, *args, **kwargs)
        Proposal.objects.filter(pk=vote.proposal_id).update(online_votes=F("online_votes") + 1)
        return vote


class AnalogTallyFactory(ModelFactory):
    """Dot votes from an event of the proposal's consultation; moves the proposal's `analog_votes`."""

    class Meta:
        model = AnalogTally

    proposal = factory.SubFactory(ProposalFactory)
    event = factory.SubFactory(EventFactory, consultation=factory.SelfAttribute("..proposal.consultation"))
    count = 12
    recorded_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        tally = super()._create(model_class, *args, **kwargs)
        Proposal.objects.filter(pk=tally.proposal_id).update(analog_votes=F("analog_votes") + tally.count)
        return tally


class ResponseFactory(ModelFactory):
    """The city's published answer; `draft=True` for one not yet published."""

    class Meta:
        model = Response

    proposal = factory.SubFactory(ProposalFactory)
    state = ResponseState.UNDER_REVIEW
    text = "Wir prüfen den Vorschlag mit dem Fachbereich."
    department = "Fachbereich Soziales"
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(published_at=None)
