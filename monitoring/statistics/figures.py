"""Participation statistics: selectors over the consultation and the idea competition, for the public statistics page,
the admin dashboard and the reports.

Every figure is computed from the stored contributions in a fixed number of queries (18), whatever the number of
proposals, comments or votes (tests/monitoring/test_statistics.py). Online and analog contributions count alike and
are shown side by side: analog proposals entered by staff, and dot votes counted at events (`AnalogTally`), whose
channel follows the kind of event. Only published proposals count, with their published comments. Comments on a
plan draft count apart, online and analog (`drafts`), and so do the responses to surveys (`surveys`).

A period is given as two dates (both inclusive, Europe/Berlin); without them the figures cover everything so far.
Activity (proposals, comments, votes, events, applications) is counted when it happened within the period; the share
of answered proposals is the state at the end of the period.

Given a district (the reports to a Stadtbezirksrat or an Integrationsbeirat), the same figures are those of that
district alone, in one query more (19):

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
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
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
from ideas.models import Application, AudienceVote
from lip.models import District, Organisation, OrganisationType, Topic

# --- The selector --------------------------------------------------------------------------------------------------
from .drafts import add_draft_comments, draft_comment_counts, draft_participants
from .funding import fund_rows, funding_figures
from .results import (
    CITYWIDE,
    TALLY_CHANNEL,
    ActivityRow,
    CountRow,
    ParticipationStatistics,
    before,
    of_district,
    period_bounds,
    within,
)
from .surveys import add_survey_responses, survey_participants, survey_response_counts


def participation_statistics(
    *, start: date | None = None, end: date | None = None, district: District | None = None
) -> ParticipationStatistics:
    """All participation figures of a period (or of everything so far) in 18 queries; with `district`, the figures
    of that district (see the module docstring) in 19."""
    lower, upper = period_bounds(start, end)

    districts = list(
        District.objects.filter(of_district("pk", district.pk if district else None))
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
    own_proposals = Q(state=ProposalState.PUBLISHED) & of_district("district", district)
    published = Q(proposal__state=ProposalState.PUBLISHED) & of_district("proposal__district", district)
    own_applications = of_district("districts", district)
    proposal_keys = ("proposal__consultation_id", "proposal__district_id", "proposal__topic_id")

    for consultation_id, district_id, topic_id, channel, n in (
        Proposal.objects.filter(own_proposals, within("created_at", lower, upper))
        .values_list("consultation_id", "district_id", "topic_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        attribute = "proposals_online" if channel == Channel.ONLINE else "proposals_analog"
        for row in rows_for(consultation_id, district_id, topic_id, channel):
            setattr(row, attribute, getattr(row, attribute) + n)

    for consultation_id, district_id, topic_id, n in (
        Comment.objects.filter(
            published, within("created_at", lower, upper), state=CommentState.PUBLISHED, deleted_at__isnull=True
        )
        .values_list(*proposal_keys)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, Channel.ONLINE):
            row.comments += n

    def rows_without_topic(consultation_id, district_id, channel):
        consultation_row = by_consultation.setdefault(
            consultation_id, ActivityRow(str(consultation_id), consultations.get(consultation_id, "–"))
        )
        district_row = by_district.get(district_id) or by_district.setdefault(
            district_id, ActivityRow(str(district_id), "–")
        )
        return (total, consultation_row, district_row, by_channel[channel])

    # Comments on a plan draft (`drafts`): by consultation, channel and (a statement's) district; no topic.
    for consultation_id, district_id, channel, n in draft_comment_counts(lower, upper, district):
        add_draft_comments(rows_without_topic(consultation_id, district_id, channel), channel, n)

    # Survey responses (`surveys`): by consultation, channel and the district the respondent named; no topic.
    for consultation_id, district_id, channel, n in survey_response_counts(lower, upper, district):
        add_survey_responses(rows_without_topic(consultation_id, district_id, channel), channel, n)

    for consultation_id, district_id, topic_id, n in (
        Vote.objects.filter(published, within("created_at", lower, upper))
        .values_list(*proposal_keys)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, Channel.ONLINE):
            row.votes_online += n

    for consultation_id, district_id, topic_id, kind, n in (
        AnalogTally.objects.filter(published, within("event__date", lower, upper))
        .values_list(*proposal_keys, "event__kind")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        for row in rows_for(consultation_id, district_id, topic_id, TALLY_CHANNEL.get(kind, Channel.EVENT)):
            row.votes_analog += n or 0

    # Distinct people who took part online (published contributions, as above): a union removes the duplicates.
    participants = (
        Proposal.objects.filter(
            own_proposals, within("created_at", lower, upper), channel=Channel.ONLINE, author__isnull=False
        )
        .values("author_id")
        .order_by()
        .union(
            Comment.objects.filter(
                published, within("created_at", lower, upper), state=CommentState.PUBLISHED, author__isnull=False
            )
            .values("author_id")
            .order_by(),
            Vote.objects.filter(published, within("created_at", lower, upper)).values("user_id").order_by(),
            draft_participants(lower, upper, district),
            survey_participants(lower, upper, district),
            AudienceVote.objects.filter(
                within("created_at", lower, upper), of_district("application__districts", district)
            )
            .values("user_id")
            .order_by(),
            Application.objects.filter(
                own_applications, within("submitted_at", lower, upper), submitted_by__isnull=False
            )
            .values("submitted_by_id")
            .order_by(),
        )
        .count()
    )

    events_by_kind = {value: CountRow(value, str(label)) for value, label in EventKind.choices}
    for kind, n, attendees in (
        Event.objects.filter(within("date", lower, upper), of_district("district", district))
        .values_list("kind")
        .annotate(n=Count("pk"), attendees=Coalesce(Sum("attendees"), 0))
        .order_by()
    ):
        row = events_by_kind.setdefault(kind, CountRow(kind, kind))
        row.count, row.other = n, attendees

    took_part = (
        Q(pk__in=Proposal.objects.filter(own_proposals, within("created_at", lower, upper)).values("organisation_id"))
        | Q(
            pk__in=Event.organisations.through.objects.filter(
                within("event__date", lower, upper), of_district("event__district", district)
            ).values("organisation_id")
        )
        | Q(
            pk__in=Application.objects.filter(own_applications, within("submitted_at", lower, upper)).values(
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
        Organisation.objects.filter(organisations_here, before("verified_at", upper), verified_at__isnull=False)
        .values_list("type")
        .annotate(registered=registered_here, participating=Count("pk", filter=took_part))
        .order_by()
    ):
        row = organisations.setdefault(org_type, CountRow(org_type, org_type))
        row.count, row.other = registered, participating

    answered = Proposal.objects.filter(own_proposals, before("created_at", upper)).aggregate(
        proposals=Count("pk"),
        answered=Count("pk", filter=Q(response__published_at__isnull=False) & before("response__published_at", upper)),
    )
    durations = [
        (published_at - created_at).total_seconds() / 86400
        for created_at, published_at in Response.objects.filter(
            published, within("published_at", lower, upper), published_at__isnull=False
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
        funds=fund_rows(upper, district),
        district=district.name if district is not None else "",
        **funding_figures(lower, upper, districts, topics, district),
    )
