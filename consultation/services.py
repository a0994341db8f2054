"""Writes in a consultation. Every service checks its permission predicate itself, so no caller can skip it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from lip import permissions as lip_permissions
from lip.models import Organisation
from lip.numbering import next_yearly_reference
from lip.relations import set_relations

from . import counters, page_cache, permissions, selectors, voting
from .models import (
    AnalogTally,
    Channel,
    Comment,
    ConsultationPage,
    Event,
    Proposal,
    ProposalState,
    ReferenceCounter,
    Vote,
)
from .moderation import services as moderation
from .validators import validate_attachment
from .voting import VoteRefused  # noqa: F401  (re-exported: callers catch services.VoteRefused)


def _next_reference(year: int) -> str:
    """Draw the next readable number of the year (LIP-2026-0001). Must run inside a transaction."""
    return next_yearly_reference(ReferenceCounter, year, "LIP")


def _set_tags(proposal: Proposal, tags: list[str]) -> None:
    cleaned = sorted({t.strip()[:100] for t in tags if t and t.strip()})
    proposal.tags.set(cleaned)


def _check_organisation(user, organisation: Organisation | None) -> None:
    if organisation is not None and not lip_permissions.can_act_for(user, organisation):
        raise ValidationError(
            {"organisation": _("Sie können nur für bestätigte Organisationen handeln, die Sie vertreten.")}
        )


def _check_attachment(attachment) -> None:
    """Check a new upload by its content here too, so that no caller can store a file that is none of PDF/JPEG/PNG.

    An already stored file (a FieldFile passed back unchanged by an edit form) was checked when it came in.
    """
    if not attachment or isinstance(attachment, FieldFile):
        return
    try:
        validate_attachment(attachment)
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.messages}) from exc


def _content(consultation: ConsultationPage, data: dict) -> dict:
    """What a new proposal takes from the form, whichever way it came in."""
    return {
        "consultation": consultation,
        "title": data["title"],
        "text": data["text"],
        "topic": data["topic"],
        "district": data.get("district"),
        "organisation": data.get("organisation"),
    }


def _store_new(proposal: Proposal, data: dict, now, *, exclude=None) -> Proposal:
    """Give a new proposal the next reference number of the year, check and save it, and tag it."""
    proposal.reference = _next_reference(timezone.localtime(now).year)
    proposal.full_clean(exclude=exclude)
    proposal.save()
    _set_tags(proposal, data.get("tags", []))
    page_cache.proposal_changed(proposal)
    return proposal


@transaction.atomic
def proposal_submit(*, consultation: ConsultationPage, author, data: dict) -> Proposal:
    """An online proposal by a signed-in person, optionally on behalf of an organisation they represent."""
    lip_permissions.require(permissions.can_submit(author, consultation))
    _check_organisation(author, data.get("organisation"))
    _check_attachment(data.get("attachment"))
    now = timezone.now()
    proposal = Proposal(
        **_content(consultation, data),
        attachment=data.get("attachment") or "",
        author=author,
        channel=Channel.ONLINE,
        created_at=now,
        **moderation.new_contribution_state(consultation=consultation, author=author),
    )
    return _store_new(proposal, data, now, exclude=["attachment"])


@transaction.atomic
def proposal_record_analog(*, consultation: ConsultationPage, recorded_by, data: dict) -> Proposal:
    """Staff transcribe a proposal from a paper form, an e-mail, a phone call or an event."""
    if not permissions.can_record_analog(recorded_by):
        raise PermissionDenied
    channel = data["channel"]
    if channel not in Channel.analog():
        raise ValidationError({"channel": _("Bitte wählen Sie einen analogen Weg.")})
    event: Event | None = data.get("event")
    if event is not None and event.consultation_id != consultation.pk:
        raise ValidationError({"event": _("Diese Veranstaltung gehört zu einer anderen Beteiligung.")})
    if channel in (Channel.EVENT, Channel.COUNCIL_MEETING) and event is None:
        raise ValidationError({"event": _("Bitte geben Sie die Veranstaltung an, aus der der Vorschlag stammt.")})
    now = timezone.now()
    proposal = Proposal(
        **_content(consultation, data),
        author_name=data.get("author_name", ""),
        channel=channel,
        event=event,
        recorded_by=recorded_by,
        # Without a date of receipt, a proposal from an event is dated at the event, not at the typing.
        created_at=data.get("created_at") or (min(event.date, now) if event is not None else now),
    )
    return _store_new(proposal, data, now)


@transaction.atomic
def proposal_update(*, proposal: Proposal, user, data: dict) -> Proposal:
    lip_permissions.require(permissions.can_edit_proposal(user, proposal))
    if "organisation" in data and data["organisation"] != proposal.organisation:
        _check_organisation(user, data["organisation"])
    for field in ("title", "text", "topic", "district", "organisation"):
        if field in data:
            setattr(proposal, field, data[field])
    if data.get("attachment") is False:  # the form's "clear" checkbox
        proposal.attachment = ""
    elif data.get("attachment"):
        _check_attachment(data["attachment"])
        proposal.attachment = data["attachment"]
    proposal.full_clean(exclude=["attachment"])
    proposal.save()
    if "tags" in data:
        _set_tags(proposal, data["tags"])
    page_cache.proposal_changed(proposal)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    lip_permissions.require(permissions.can_withdraw_proposal(user, proposal))
    consultation = proposal.consultation
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("response").get(pk=proposal.pk)
    proposal.consultation = consultation
    lip_permissions.require(
        permissions.can_withdraw_proposal(user, proposal)
    )  # on the locked row: an answer may have come meanwhile
    proposal.state = ProposalState.WITHDRAWN
    proposal.save(update_fields=["state", "updated_at"])
    page_cache.proposal_changed(proposal)
    return proposal


# --- Comments --------------------------------------------------------------------


@transaction.atomic
def comment_create(
    *, proposal: Proposal, author, text: str, parent: Comment | None = None, as_statement: bool = False
) -> Comment:
    lip_permissions.require(
        permissions.can_state(author, proposal) if as_statement else permissions.can_comment(author, proposal)
    )
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            raise ValidationError(_("Die Antwort gehört zu einem anderen Vorschlag."))
        if parent.parent_id is not None:  # one level of replies: answer the thread's first comment
            parent = parent.parent
    comment = Comment(
        proposal=proposal,
        parent=parent,
        author=author,
        text=text.strip(),
        statement_district_id=author.council_district_id if as_statement else None,
        **moderation.new_contribution_state(consultation=proposal.consultation, author=author),
    )
    return moderation.new_comment_store(comment)


@transaction.atomic
def comment_update(*, comment: Comment, user, text: str) -> Comment:
    lip_permissions.require(permissions.can_edit_comment(user, comment))
    comment.text = text.strip()
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["text", "edited_at"])
    page_cache.comment_changed(comment, shows_in_figures=False)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user) -> Comment:
    """Soft delete: the text gives way to a notice, replies stay."""
    lip_permissions.require(permissions.can_delete_comment(user, comment))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_deleted:
        return comment
    counted = moderation.counts_in_figures(comment)  # hidden or waiting comments were never counted
    comment.deleted_at = timezone.now()
    comment.text = ""
    comment.save(update_fields=["deleted_at", "text"])
    if counted:
        counters.move_comment_counters(comment, -1)
    page_cache.comment_changed(comment)
    return comment


# --- Votes -----------------------------------------------------------------------


_PROPOSAL_VOTES = voting.Ballot(Vote, item_field="proposal", counter_field="online_votes")


def votes_used(*, user, consultation: ConsultationPage) -> int:
    """Votes that count against the budget (see `selectors.budget_votes`: hidden proposals' votes still count)."""
    return selectors.budget_votes(user, consultation).count()


@transaction.atomic
def vote_cast(*, proposal: Proposal, user) -> Vote:
    """Support a proposal: one vote per person, within the consultation's budget, exact under concurrency
    (see consultation.voting for how)."""
    lip_permissions.require(permissions.can_vote(user, proposal))
    consultation = proposal.consultation
    page_cache.proposal_changed(proposal)  # after the commit; dropped if the vote is refused
    return voting.cast(
        _PROPOSAL_VOTES,
        item=proposal,
        user=user,
        budget=consultation.vote_budget,
        budget_votes=selectors.budget_votes(user, consultation),
        extra={"consultation_id": proposal.consultation_id},
    )


@transaction.atomic
def vote_withdraw(*, proposal: Proposal, user) -> None:
    lip_permissions.require(permissions.can_withdraw_vote(user, proposal))
    voting.withdraw(_PROPOSAL_VOTES, item=proposal, user=user)
    page_cache.proposal_changed(proposal)


@transaction.atomic
def tally_record(*, proposal: Proposal, event: Event, count: int, recorded_by) -> AnalogTally:
    """Record (or correct) the dot votes a proposal got at an event; the proposal's analog total follows."""
    if not permissions.can_record_analog(recorded_by):
        raise PermissionDenied
    if event.consultation_id != proposal.consultation_id:
        raise ValidationError({"event": _("Diese Veranstaltung gehört zu einer anderen Beteiligung.")})
    if proposal.state != ProposalState.PUBLISHED:
        raise ValidationError(
            {"proposal": _("Für ausgeblendete oder zurückgezogene Vorschläge werden keine Stimmen gezählt.")}
        )
    if count < 0:
        raise ValidationError({"count": _("Die Anzahl kann nicht negativ sein.")})
    tally = AnalogTally.objects.select_for_update().filter(proposal=proposal, event=event).first()
    previous = tally.count if tally else 0
    if tally is None:
        tally = AnalogTally(proposal=proposal, event=event)
    tally.count = count
    tally.recorded_by = recorded_by
    tally.recorded_at = timezone.now()
    tally.save()
    Proposal.objects.filter(pk=proposal.pk).update(analog_votes=F("analog_votes") + (count - previous))
    page_cache.proposal_changed(proposal)
    return tally


@transaction.atomic
def tally_delete(*, tally: AnalogTally, user) -> None:
    """Remove a tally entered by mistake; its votes leave the proposal's analog total in the same transaction."""
    if not permissions.can_record_analog(user):
        raise PermissionDenied
    tally = AnalogTally.objects.select_for_update().get(pk=tally.pk)
    Proposal.objects.filter(pk=tally.proposal_id).update(analog_votes=F("analog_votes") - tally.count)
    tally.delete()
    page_cache.proposal_changed(tally.proposal)


@transaction.atomic
def event_save(*, event: Event, user, organisations=None, topics=None) -> Event:
    if not permissions.can_record_analog(user):
        raise PermissionDenied
    if event.pk is None:
        event.created_by = user
    event.full_clean()
    event.save()
    set_relations(event, organisations=organisations, topics=topics)
    page_cache.consultation_changed(event.consultation_id)
    return event
