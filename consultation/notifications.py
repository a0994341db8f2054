"""Who is told what by e-mail about a consultation, in their own language.

- An official response, once published (and again whenever its state, reasoning or department changes): the
  proposal's author and everyone who voted for it, each exactly once even if they are both, if they want these e-mails
  (`notify_responses`).
- A daily digest for members of a district integration council: the proposals of the previous day in their district,
  if they want it (`notify_digest`) and only when there is something new.

Every message is rendered inside `translation.override(recipient.preferred_language)`. Each sending is guarded by a
key in the shared cache (Redis in production), set before and removed again if the mail server fails: a task that is
retried after a failure, or started twice, does not send anyone the same message twice.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, F, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from lip.mail import once, site_url

from .mail import send
from .models import ModerationMode, Proposal, ProposalState, Response, Vote

DIGEST_LIMIT = 50  # proposals listed in one digest; the rest are counted


# --- Official responses --------------------------------------------------------------------------------------


def response_recipients(proposal: Proposal) -> QuerySet:
    """The author and the supporters of `proposal` who want to hear about responses; each person once."""
    concerned = Q(pk__in=Vote.objects.filter(proposal=proposal).values("user_id"))
    if proposal.author_id is not None:
        concerned |= Q(pk=proposal.author_id)
    return get_user_model().objects.filter(concerned, is_active=True, notify_responses=True).order_by("pk")


def response_notify(*, response_id: int, signature: str, is_update: bool = False) -> int:
    """E-mail the published response (in the version `signature` names) to the people concerned; returns how many.

    Sends nothing when the response was taken off the page or changed again in the meantime: the newer version was
    announced by its own task.
    """
    response = (
        Response.objects.select_related("proposal__consultation", "proposal__topic", "proposal__district")
        .filter(pk=response_id)
        .first()
    )
    if response is None or not response.is_published or response.notified_signature != signature:
        return 0
    proposal = response.proposal
    proposal_url = site_url(proposal.get_absolute_url())
    sent = 0
    for person in response_recipients(proposal):
        context = {
            "response": response,
            "proposal": proposal,
            "proposal_url": proposal_url,
            "is_author": person.pk == proposal.author_id,
            "is_update": is_update,
        }
        key = f"consultation:response-mail:{response.pk}:{signature}:{person.pk}"
        if once(
            key, lambda person=person, context=context: send(template="response", recipient=person, context=context)
        ):
            sent += 1
    return sent


# --- Daily digest for the district integration councils --------------------------------------------------------


def previous_day(moment: datetime | None = None) -> date:
    """The calendar day (Europe/Berlin) a digest sent at `moment` covers: the day before."""
    return timezone.localdate(moment or timezone.now()) - timedelta(days=1)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return datetime.combine(day, time.min, tzinfo=zone), datetime.combine(
        day + timedelta(days=1), time.min, tzinfo=zone
    )


def new_proposals(*, day: date, district_id: int | None = None) -> QuerySet[Proposal]:
    """Published proposals that became public on `day`, in one district or in any district.

    Under pre-moderation a proposal becomes public when it is approved (`reviewed_at`); otherwise when it is submitted
    or entered. Citywide proposals (no district) are not part of a district's digest.
    """
    start, end = _day_bounds(day)
    became_public = Case(
        When(consultation__moderation_mode=ModerationMode.PRE, then=Coalesce("reviewed_at", "created_at")),
        default=F("created_at"),
    )
    qs = (
        Proposal.objects.filter(state=ProposalState.PUBLISHED, district__isnull=False)
        .annotate(became_public=became_public)
        .filter(became_public__gte=start, became_public__lt=end)
    )
    if district_id is not None:
        qs = qs.filter(district_id=district_id)
    return qs


def digest_recipients() -> QuerySet:
    """Members of a district integration council (role and district) who want the daily digest."""
    may_state = Q(
        groups__permissions__codename="state_for_council", groups__permissions__content_type__app_label="lip"
    ) | Q(user_permissions__codename="state_for_council", user_permissions__content_type__app_label="lip")
    return (
        get_user_model()
        .objects.filter(may_state, is_active=True, notify_digest=True, council_district__isnull=False)
        .distinct()
    )


def digests_enqueue(*, day: date | None = None) -> int:
    """Start one digest task per council member whose district has news on `day` (default: yesterday)."""
    from lip.outbox.services import outbox_enqueue

    from . import tasks

    day = day or previous_day()
    districts = set(new_proposals(day=day).values_list("district_id", flat=True).distinct())
    people = list(digest_recipients().filter(council_district_id__in=districts).values_list("pk", flat=True))
    for pk in people:
        outbox_enqueue(tasks.send_council_digest, pk, day.isoformat())
    return len(people)


def digest_send(*, user_id: int, day: date) -> bool:
    """Send one council member the digest of `day` for their district; False when there is nothing to send."""
    person = digest_recipients().filter(pk=user_id).select_related("council_district").first()
    if person is None:
        return False
    qs = new_proposals(day=day, district_id=person.council_district_id)
    proposals = list(
        qs.select_related("consultation", "topic").order_by("consultation_id", "created_at", "pk")[:DIGEST_LIMIT]
    )
    if not proposals:
        return False
    total = len(proposals) if len(proposals) < DIGEST_LIMIT else qs.count()
    items = [(proposal, site_url(proposal.get_absolute_url())) for proposal in proposals]
    context = {
        "district": person.council_district,
        "day": day,
        "items": items,
        "total": total,
        "more": total - len(items),
    }
    key = f"consultation:digest:{person.pk}:{day.isoformat()}"
    return once(key, lambda: send(template="digest", recipient=person, context=context))
