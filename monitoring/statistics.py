"""Participation statistics: selectors over the consultation and the idea competition, for the public statistics page,
the admin dashboard and the reports.

Every figure is computed from the stored contributions in a fixed number of queries (16), whatever the number of
proposals, comments or votes (tests/monitoring/test_statistics.py). Online and analog contributions count alike and
are shown side by side: analog proposals entered by staff, and dot votes counted at events (`AnalogTally`), whose
channel follows the kind of event. Only published proposals count, with their published comments.

A period is given as two dates (both inclusive, Europe/Berlin); without them the figures cover everything so far.
Activity (proposals, comments, votes, events, applications) is counted when it happened within the period; the share
of answered proposals is the state at the end of the period.

Given a district (the reports to a Stadtbezirksrat or an Integrationsbeirat), the same figures are those of that
district alone, in one query more (17):

- proposals made for the district (`Proposal.district`), with their comments, votes and dot votes, their official
  responses (share answered, median time to the response) and their channels; citywide proposals do not count;
- events held in the district (`Event.district`) and their attendees;
- people who took part online: who made one of those proposals, commented on or voted for one, or submitted or
  supported (audience prize) an application for a project in the district;
- organisations: "registered" are the verified organisations based in the district (`Organisation.district`),
  "participating" those, wherever based, that made a proposal for the district, attended an event there or applied
  for a project there;
- the idea competition: applications for projects in the district (their `districts` name it; a citywide
  application names none and does not count), their awards and amounts. A fund is citywide: budget, committed and
  remaining stay the fund's own figures, and `FundRow.district_committed` and `district_awards` say how much of it
  went to projects in the district.
"""

import statistics as pystats
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import (
    AnalogTally,
    Channel,
    Comment,
    CommentState,
    ConsultationPage,
    Event,
    EventKind,
    Proposal,
    ProposalState,
    Response,
    Vote,
)
from ideas.models import Application, ApplicationState, AudienceVote, Award, Fund
from lip.models import District, Organisation, OrganisationType, Topic

from .selectors import results_public

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


def _bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    lower = timezone.make_aware(datetime.combine(start, time.min)) if start else None
    upper = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)) if end else None
    return lower, upper


def _within(field_name: str, lower: datetime | None, upper: datetime | None) -> Q:
    condition = Q()
    if lower is not None:
        condition &= Q(**{f"{field_name}__gte": lower})
    if upper is not None:
        condition &= Q(**{f"{field_name}__lt": upper})
    return condition


def _before(field_name: str, upper: datetime | None) -> Q:
    return Q(**{f"{field_name}__lt": upper}) if upper is not None else Q()


def _of(field_name: str, district: District | None) -> Q:
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

    @property
    def proposals(self) -> int:
        return self.proposals_online + self.proposals_analog

    @property
    def votes(self) -> int:
        return self.votes_online + self.votes_analog

    @property
    def is_empty(self) -> bool:
        return not (self.proposals or self.comments or self.votes)


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


# --- The selector --------------------------------------------------------------------------------------------------


def participation_statistics(
    *, start: date | None = None, end: date | None = None, district: District | None = None
) -> ParticipationStatistics:
    """All participation figures of a period (or of everything so far) in 16 queries; with `district`, the figures
    of that district (see the module docstring) in 17."""
    lower, upper = _bounds(start, end)

    districts = list(
        District.objects.filter(_of("pk", district.pk if district else None))
        .order_by("number")
        .values_list("pk", "name")
    )
    topics = list(Topic.objects.order_by("sort_order", "name").values_list("pk", "name"))
    consultations = dict(ConsultationPage.objects.values_list("pk", "title"))

    by_consultation: dict[int, ActivityRow] = {}
    by_district = {pk: ActivityRow(str(pk), name) for pk, name in districts}
    if district is None:
        by_district[None] = ActivityRow(CITYWIDE, _("stadtweit"))
    by_topic = {pk: ActivityRow(str(pk), name) for pk, name in topics}
    by_channel = {value: ActivityRow(value, str(label)) for value, label in Channel.choices}
    total = ActivityRow("total", _("insgesamt"))

    def rows_for(consultation_id, district_id, topic_id, channel):
        consultation_row = by_consultation.setdefault(
            consultation_id, ActivityRow(str(consultation_id), consultations.get(consultation_id, "–"))
        )
        district_row = by_district.get(district_id) or by_district.setdefault(
            district_id, ActivityRow(str(district_id), "–")
        )
        topic_row = by_topic.get(topic_id) or by_topic.setdefault(topic_id, ActivityRow(str(topic_id), "–"))
        return (total, consultation_row, district_row, topic_row, by_channel[channel])

    # What counts: published proposals (of the district) and what belongs to them; applications for the district.
    own_proposals = Q(state=ProposalState.PUBLISHED) & _of("district", district)
    published = Q(proposal__state=ProposalState.PUBLISHED) & _of("proposal__district", district)
    own_applications = _of("districts", district)
    proposal_keys = ("proposal__consultation_id", "proposal__district_id", "proposal__topic_id")

    for consultation_id, district_id, topic_id, channel, n in (
        Proposal.objects.filter(own_proposals, _within("created_at", lower, upper))
        .values_list("consultation_id", "district_id", "topic_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        attribute = "proposals_online" if channel == Channel.ONLINE else "proposals_analog"
        for row in rows_for(consultation_id, district_id, topic_id, channel):
            setattr(row, attribute, getattr(row, attribute) + n)

    for consultation_id, district_id, topic_id, n in (
        Comment.objects.filter(
            published, _within("created_at", lower, upper), state=CommentState.PUBLISHED, deleted_at__isnull=True
        )
        .values_list(*proposal_keys)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, Channel.ONLINE):
            row.comments += n

    for consultation_id, district_id, topic_id, n in (
        Vote.objects.filter(published, _within("created_at", lower, upper))
        .values_list(*proposal_keys)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, Channel.ONLINE):
            row.votes_online += n

    for consultation_id, district_id, topic_id, kind, n in (
        AnalogTally.objects.filter(published, _within("event__date", lower, upper))
        .values_list(*proposal_keys, "event__kind")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, TALLY_CHANNEL.get(kind, Channel.EVENT)):
            row.votes_analog += n or 0

    # Distinct people who took part online (published contributions, as above): a union removes the duplicates.
    participants = (
        Proposal.objects.filter(
            own_proposals, _within("created_at", lower, upper), channel=Channel.ONLINE, author__isnull=False
        )
        .values("author_id")
        .order_by()
        .union(
            Comment.objects.filter(
                published, _within("created_at", lower, upper), state=CommentState.PUBLISHED, author__isnull=False
            )
            .values("author_id")
            .order_by(),
            Vote.objects.filter(published, _within("created_at", lower, upper)).values("user_id").order_by(),
            AudienceVote.objects.filter(_within("created_at", lower, upper), _of("application__districts", district))
            .values("user_id")
            .order_by(),
            Application.objects.filter(
                own_applications, _within("submitted_at", lower, upper), submitted_by__isnull=False
            )
            .values("submitted_by_id")
            .order_by(),
        )
        .count()
    )

    events_by_kind = {value: CountRow(value, str(label)) for value, label in EventKind.choices}
    for kind, n, attendees in (
        Event.objects.filter(_within("date", lower, upper), _of("district", district))
        .values_list("kind")
        .annotate(n=Count("pk"), attendees=Coalesce(Sum("attendees"), 0))
        .order_by()
    ):
        row = events_by_kind.setdefault(kind, CountRow(kind, kind))
        row.count, row.other = n, attendees

    took_part = (
        Q(pk__in=Proposal.objects.filter(own_proposals, _within("created_at", lower, upper)).values("organisation_id"))
        | Q(
            pk__in=Event.organisations.through.objects.filter(
                _within("event__date", lower, upper), _of("event__district", district)
            ).values("organisation_id")
        )
        | Q(
            pk__in=Application.objects.filter(own_applications, _within("submitted_at", lower, upper)).values(
                "organisation_id"
            )
        )
    )
    if district is None:
        organisations_here, registered_here = Q(), Count("pk")
    else:
        based_here = Q(district=district)
        organisations_here, registered_here = based_here | took_part, Count("pk", filter=based_here)
    organisations = {value: CountRow(value, str(label)) for value, label in OrganisationType.choices}
    for org_type, registered, participating in (
        Organisation.objects.filter(organisations_here, _before("verified_at", upper), verified_at__isnull=False)
        .values_list("type")
        .annotate(registered=registered_here, participating=Count("pk", filter=took_part))
        .order_by()
    ):
        row = organisations.setdefault(org_type, CountRow(org_type, org_type))
        row.count, row.other = registered, participating

    answered = Proposal.objects.filter(own_proposals, _before("created_at", upper)).aggregate(
        proposals=Count("pk"),
        answered=Count("pk", filter=Q(response__published_at__isnull=False) & _before("response__published_at", upper)),
    )
    durations = [
        (published_at - created_at).total_seconds() / 86400
        for created_at, published_at in Response.objects.filter(
            published, _within("published_at", lower, upper), published_at__isnull=False
        ).values_list("proposal__created_at", "published_at")
    ]

    return ParticipationStatistics(
        start=start,
        end=end,
        total=total,
        by_consultation=sorted(by_consultation.values(), key=lambda r: (-r.proposals, r.label)),
        by_district=list(by_district.values()),
        by_topic=list(by_topic.values()),
        by_channel=list(by_channel.values()),
        participants_online=participants,
        events=sum(r.count for r in events_by_kind.values()),
        event_attendees=sum(r.other for r in events_by_kind.values()),
        events_by_kind=list(events_by_kind.values()),
        organisations_by_type=list(organisations.values()),
        proposals_until_end=answered["proposals"],
        answered_until_end=answered["answered"],
        responses_in_period=len(durations),
        median_days_to_response=round(pystats.median(durations), 1) if durations else None,
        funds=_funds(upper, district),
        district=district.name if district is not None else "",
        **_funding(lower, upper, districts, topics, district),
    )


def _funds(upper, district: District | None) -> list[FundRow]:
    """Every fund at the end of the period (one query); with a district, what went to projects there (one more)."""
    decided = _before("awards__decided_at", upper) & results_public("awards__application__")
    rows = {
        pk: FundRow(name, year, budget, committed, awards)
        for pk, name, year, budget, committed, awards in Fund.objects.annotate(
            committed=Coalesce(Sum("awards__amount", filter=decided), Value(ZERO), output_field=MONEY),
            award_count=Count("awards", filter=decided),
        )
        .order_by("-year", "pk")
        .values_list("pk", "name", "year", "budget", "committed", "award_count")
    }
    if district is not None:
        for row in rows.values():
            row.district_committed, row.district_awards = ZERO, 0
        for fund_id, amount, awards in (
            Award.objects.filter(
                _before("decided_at", upper), results_public("application__"), application__districts=district
            )
            .values_list("fund_id")
            .annotate(amount=Sum("amount"), awards=Count("pk", distinct=True))
            .order_by()
        ):
            if fund_id in rows:
                rows[fund_id].district_committed, rows[fund_id].district_awards = amount or ZERO, awards
    return list(rows.values())


def _funding(lower, upper, districts, topics, district: District | None = None) -> dict:
    """Applications submitted in the period, by district and by topic, with how many were funded and with how much.

    An application for several districts or topics counts in each of them (with its full amount), so the rows may add
    up to more than the total; one for no district counts as citywide. With `district`, only the applications for
    that district count (and there is no citywide row). Three queries.
    """
    submitted = Q(state__in=ApplicationState.submitted_states()) & _within("submitted_at", lower, upper)
    now = timezone.now()
    applications = {  # funded: awarded and the competition's results date passed (before, it is no public fact)
        pk: (state == ApplicationState.AWARDED and results_at <= now, amount or ZERO)
        for pk, state, amount, results_at in Application.objects.filter(
            submitted, _of("districts", district)
        ).values_list("pk", "state", "award__amount", "competition__results_published_at")
    }
    through_filter = Q(application__state__in=ApplicationState.submitted_states()) & _within(
        "application__submitted_at", lower, upper
    )
    by_district = {pk: FundingRow(str(pk), name) for pk, name in districts}
    if district is None:
        by_district[None] = FundingRow(CITYWIDE, _("stadtweit"))
    by_topic = {pk: FundingRow(str(pk), name) for pk, name in topics}
    with_district: set[int] = set()

    def add(row: FundingRow, application_id: int) -> None:
        awarded, amount = applications[application_id]
        row.applications += 1
        if awarded:
            row.awarded += 1
            row.amount += amount

    for application_id, district_id in Application.districts.through.objects.filter(
        through_filter, _of("district", district)
    ).values_list("application_id", "district_id"):
        if application_id in applications and district_id in by_district:
            add(by_district[district_id], application_id)
            with_district.add(application_id)
    if district is None:
        for application_id in applications.keys() - with_district:
            add(by_district[None], application_id)
    for application_id, topic_id in Application.topics.through.objects.filter(
        through_filter, _of("application__districts", district)
    ).values_list("application_id", "topic_id"):
        if application_id in applications and topic_id in by_topic:
            add(by_topic[topic_id], application_id)

    awarded = [amount for is_awarded, amount in applications.values() if is_awarded]
    return {
        "applications_by_district": list(by_district.values()),
        "applications_by_topic": list(by_topic.values()),
        "applications": len(applications),
        "awarded": len(awarded),
        "awarded_amount": sum(awarded, ZERO),
    }
