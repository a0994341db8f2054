"""What the participation statistics return (`ParticipationStatistics` and its rows), and the filters by period and
district that every figure uses (see `figures`).
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import DecimalField, Q
from django.utils import timezone

from consultation.models import (
    Channel,
    EventKind,
)
from lip.models import District

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
CITYWIDE = "citywide"

# Dot votes counted at an event have the channel of that kind of event.
TALLY_CHANNEL = {
    EventKind.WORKSHOP: Channel.EVENT,
    EventKind.INFO_STAND: Channel.EVENT,
    EventKind.COUNCIL_MEETING: Channel.COUNCIL_MEETING,
    EventKind.PAPER_COLLECTION: Channel.PAPER,
}


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    lower = timezone.make_aware(datetime.combine(start, time.min)) if start else None
    upper = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)) if end else None
    return lower, upper


def within(field_name: str, lower: datetime | None, upper: datetime | None) -> Q:
    condition = Q()
    if lower is not None:
        condition &= Q(**{f"{field_name}__gte": lower})
    if upper is not None:
        condition &= Q(**{f"{field_name}__lt": upper})
    return condition


def before(field_name: str, upper: datetime | None) -> Q:
    return Q(**{f"{field_name}__lt": upper}) if upper is not None else Q()


def of_district(field_name: str, district: District | None) -> Q:
    """The rows of `district` (reached through `field_name`); every row when there is no district."""
    return Q(**{field_name: district}) if district is not None else Q()


# --- Results -------------------------------------------------------------------------------------------------------


@dataclass
class ActivityRow:
    """Contributions in one group (a consultation, a district, a topic, a channel), online and analog apart."""

    key: str
    label: str
    proposals_online: int = 0
    proposals_analog: int = 0
    comments: int = 0
    votes_online: int = 0
    votes_analog: int = 0
    # Comments, amendments and statements on a plan draft (`drafts`), apart from the comments on proposals.
    draft_comments_online: int = 0
    draft_comments_analog: int = 0
    # Responses to surveys (`surveys`), online and from paper sheets and events.
    survey_responses_online: int = 0
    survey_responses_analog: int = 0

    @property
    def proposals(self) -> int:
        return self.proposals_online + self.proposals_analog

    @property
    def votes(self) -> int:
        return self.votes_online + self.votes_analog

    @property
    def draft_comments(self) -> int:
        return self.draft_comments_online + self.draft_comments_analog

    @property
    def survey_responses(self) -> int:
        return self.survey_responses_online + self.survey_responses_analog

    @property
    def is_empty(self) -> bool:
        return not (self.proposals or self.comments or self.votes or self.draft_comments or self.survey_responses)


@dataclass
class CountRow:
    key: str
    label: str
    count: int = 0
    other: int = 0  # a second figure: participating organisations, attendees


@dataclass
class FundingRow:
    key: str
    label: str
    applications: int = 0
    awarded: int = 0
    amount: Decimal = ZERO


@dataclass
class FundRow:
    """A fund (citywide) at the end of the period; for one district's figures also what went to projects there."""

    name: str
    year: int
    budget: Decimal
    committed: Decimal
    awards: int
    district_committed: Decimal | None = None
    district_awards: int | None = None

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed

    @property
    def share(self) -> int:
        return round(100 * self.committed / self.budget) if self.budget else 0


@dataclass
class ParticipationStatistics:
    start: date | None
    end: date | None
    total: ActivityRow
    by_consultation: list[ActivityRow]
    by_district: list[ActivityRow]
    by_topic: list[ActivityRow]
    by_channel: list[ActivityRow]
    participants_online: int
    events: int
    event_attendees: int
    events_by_kind: list[CountRow]
    organisations_by_type: list[CountRow]
    proposals_until_end: int
    answered_until_end: int
    responses_in_period: int
    median_days_to_response: float | None
    applications_by_district: list[FundingRow]
    applications_by_topic: list[FundingRow]
    applications: int
    awarded: int
    awarded_amount: Decimal
    funds: list[FundRow] = field(default_factory=list)
    district: str = ""  # the district's name when these are the figures of one district

    @property
    def answered_share(self) -> int:
        return round(100 * self.answered_until_end / self.proposals_until_end) if self.proposals_until_end else 0

    def as_dict(self) -> dict:
        return asdict(self)
