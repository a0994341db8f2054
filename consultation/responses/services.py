"""The city's official responses to proposals: drafted, published, and announced to the people concerned once.

A response is public while `published_at` is set. Publishing tells the proposal's author and its supporters by e-mail
(see `consultation.notifications`) — but only when what they would read differs from what they were last told: the service
keeps a signature of (state, reasoning, department) in `notified_signature`, updated in the same transaction as the
response, and enqueues one notification task on commit. Saving an unchanged response, unpublishing it and publishing
it again, or saving a draft, sends nothing.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import page_cache, permissions
from ..models import Proposal, ProposalState, Response, ResponseState

# Proposals the city may answer in public. Hidden ones and those still waiting for approval are not public
# themselves; staff may prepare a draft for them, but not publish it.
ANSWERABLE_STATES = (ProposalState.PUBLISHED, ProposalState.WITHDRAWN)


def response_signature(*, state: str, text: str, department: str) -> str:
    """A fingerprint of what a notification says: two saves with the same signature tell people nothing new."""
    payload = json.dumps([state, text, department], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def response_for(proposal: Proposal) -> Response | None:
    return Response.objects.filter(proposal=proposal).first()


def _enqueue_notification(response_id: int, signature: str, is_update: bool) -> None:
    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    outbox_enqueue(tasks.notify_response_published, response_id, signature, is_update)


@transaction.atomic
def response_save(*, proposal: Proposal, user, state: str, text: str, department: str, publish: bool) -> Response:
    """Create or change the response to `proposal`; `publish=False` keeps (or takes) it off the public page.

    Refused with a ValidationError: a state that does not exist, "not adopted" without a reasoning, publishing an
    answer to a proposal that is not public. Nothing is stored then.

    The returned response says what this save did, for the page that reports it: `changed` (False when state,
    reasoning, department and publication are as they were) and `announced` (whether people are notified).
    """
    if not permissions.can_respond(user):
        raise PermissionDenied
    if state not in ResponseState.values:
        raise ValidationError({"state": _("Diesen Stand gibt es nicht. Bitte wählen Sie einen aus der Liste.")})
    text = (text or "").strip()
    department = (department or "").strip()
    if state == ResponseState.NOT_ADOPTED and not text:
        raise ValidationError(
            {
                "text": _(
                    "Bitte begründen Sie, warum der Vorschlag nicht übernommen wird. Die Begründung wird veröffentlicht."
                )
            }
        )
    # Lock the proposal: two staff members saving the same answer at once are handled one after the other, so that
    # exactly one of them announces a change.
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if publish and proposal.state not in ANSWERABLE_STATES:
        raise ValidationError(
            _(
                "Dieser Vorschlag ist nicht öffentlich. Sie können die Antwort als Entwurf speichern, aber nicht veröffentlichen."
            )
        )

    response = Response.objects.filter(proposal=proposal).first()
    created = response is None
    if created:
        response = Response(proposal=proposal)
    was_published = response.is_published
    before = (response.state, response.text, response.department, was_published)
    changed = created or before != (state, text, department, publish)
    now = timezone.now()

    response.state, response.text, response.department = state, text, department
    response.updated_by = user
    if publish and not was_published:
        response.published_at = now
    elif not publish:
        response.published_at = None

    signature = response_signature(state=state, text=text, department=department)
    announce = publish and signature != response.notified_signature
    is_update = bool(response.notified_signature)
    if announce:
        response.notified_signature = signature
        response.notified_at = now
    response.full_clean()
    response.save()

    if created:
        action = "wagtail.create"
    elif publish and not was_published:
        action = "wagtail.publish"
    elif was_published and not publish:
        action = "wagtail.unpublish"
    else:
        action = "wagtail.edit"
    log(instance=response, action=action, user=user)
    if created and publish:
        log(instance=response, action="wagtail.publish", user=user)
    page_cache.proposal_changed(proposal)

    if announce:
        # Stored in the outbox with this transaction and sent once it commits; the response stays saved whatever
        # happens to the broker or the e-mail (the task retries failed sends itself).
        _enqueue_notification(response.pk, signature, is_update)
    response.changed, response.announced = changed, announce
    return response
