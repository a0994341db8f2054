"""Moderation of what people contribute: pre- and post-moderation, reports (flags), decisions with reasons, blocking.

Every decision (hide, restore, approve, mark reviewed, block, unblock) is a service here. It checks its predicate in
`permissions`, locks the row it decides about, records who, when and why in Wagtail's audit log (`data["reason"]`)
and enqueues the e-mail to the person concerned with `transaction.on_commit`: the decision is stored before any mail
server is asked, so a failing mail server delays the message (the task retries) but never undoes the decision.

Comment counters: `Proposal.comment_count` and `statement_count` count the published comments that are not deleted
(`counts_in_figures`). Every change of a comment's state here moves them in the same transaction.
"""

import uuid
from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lip import permissions as lip_permissions

from .. import counters, page_cache, permissions
from ..models import (
    Comment,
    CommentState,
    ConsultationPage,
    ContentReport,
    ModerationMode,
    Proposal,
    ReportReason,
)

Item = Proposal | Comment

# Proposal and comment states share their values: "pending", "published", "hidden".
PENDING, PUBLISHED, HIDDEN = CommentState.PENDING, CommentState.PUBLISHED, CommentState.HIDDEN

REASON_MAX = 2000
REPORT_TEXT_MAX = 1000


class LogAction(StrEnum):
    """The audit log actions of moderation (registered with their labels in wagtail_hooks.py)."""

    HIDE = "consultation.moderation.hide"
    AUTO_HIDE = "consultation.moderation.auto_hide"
    RESTORE = "consultation.moderation.restore"
    APPROVE = "consultation.moderation.approve"
    REVIEW = "consultation.moderation.review"
    BLOCK = "lip.user.block"
    UNBLOCK = "lip.user.unblock"


# Decisions the person concerned is told about by e-mail; True: only if they want such e-mails (notify_moderation).
# A block or unblock notice is always sent: it is about their account.
NOTICES: dict[str, bool] = {
    LogAction.HIDE: True,
    LogAction.AUTO_HIDE: True,
    LogAction.RESTORE: True,
    LogAction.APPROVE: True,
    LogAction.BLOCK: False,
    LogAction.UNBLOCK: False,
}


def _require_moderator(user) -> None:
    if not permissions.can_moderate(user):
        raise PermissionDenied(_("Das kann nur die Moderation."))


# --- New contributions -----------------------------------------------------------


def new_contribution_state(*, consultation: ConsultationPage, author) -> dict:
    """State and review fields of a new online proposal or comment.

    Pre-moderation: it waits for approval. Post-moderation: it is published at once and waits for review.
    What moderators write themselves is published and counts as reviewed.
    """
    if lip_permissions.is_moderator(author):
        return {"state": PUBLISHED, "reviewed_at": timezone.now(), "reviewed_by": author}
    if consultation.moderation_mode == ModerationMode.PRE:
        return {"state": PENDING}
    return {"state": PUBLISHED}


def counts_in_figures(comment: Comment) -> bool:
    """Whether the comment is one of those its proposal's `comment_count` (and `statement_count`) count."""
    return comment.state == PUBLISHED and not comment.is_deleted


def new_comment_store(comment: Comment) -> Comment:
    """Validate and store a new online comment (on a proposal or the plan draft, its state from
    `new_contribution_state`), count it unless it waits for approval, and mark what shows it as stale. Called by
    the services inside their transaction, after they checked the permission."""
    comment.full_clean()
    comment.save()
    if counts_in_figures(comment):  # a comment waiting for approval is not counted yet
        counters.move_comment_counters(comment, +1)
    page_cache.comment_changed(comment)
    return comment


# --- Decisions on a proposal or a comment ----------------------------------------


def _locked(item: Item) -> Item:
    """The item's row, locked for the rest of the transaction (re-read: the state may have changed meanwhile)."""
    return type(item).objects.select_for_update().get(pk=item.pk)


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError(
            {"reason": _("Bitte geben Sie einen Grund an. Er wird der betroffenen Person mitgeteilt.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Der Grund darf höchstens %(max)s Zeichen lang sein.") % {"max": REASON_MAX}}
        )
    return reason


def _set_state(item: Item, state: str, *, moderator=None, now=None) -> None:
    """Store the new state (and who reviewed it, when a moderator decided); comment counters follow."""
    counted_before = isinstance(item, Comment) and counts_in_figures(item)
    item.state = state
    fields = ["state"]
    if moderator is not None:
        item.reviewed_at, item.reviewed_by = now or timezone.now(), moderator
        fields += ["reviewed_at", "reviewed_by"]
    if isinstance(item, Proposal):
        fields.append("updated_at")
    item.save(update_fields=fields)
    if isinstance(item, Comment):
        delta = int(counts_in_figures(item)) - int(counted_before)
        if delta:
            counters.move_comment_counters(item, delta)
        page_cache.comment_changed(item)
    else:
        page_cache.proposal_changed(item)


def _resolve_reports(item: Item, moderator, now) -> int:
    """Mark the item's open reports as dealt with. They are kept: they are the item's history."""
    return ContentReport.objects.filter(resolved_at__isnull=True, **permissions.report_target(item)).update(
        resolved_at=now, resolved_by=moderator
    )


def _record(instance, action: LogAction, *, user, reason: str = "", **data):
    """Write the audit log entry (who, when, why) and, once committed, send the notice the decision calls for.

    Each entry gets a uuid of its own: it names the notice's sending (see `notice_send`), and Wagtail's history view
    shows only the latest entry per (uuid, action) across all objects, so entries must not share one.
    """
    entry = log(instance=instance, action=action, user=user, uuid=uuid.uuid4(), data={"reason": reason, **data})
    if action in NOTICES:
        _enqueue_notice(entry.pk)  # stored in the outbox with the decision, sent once it commits
    return entry


def _enqueue_notice(entry_id: int) -> None:
    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    outbox_enqueue(tasks.send_moderation_notice, entry_id)


@transaction.atomic
def _decide(
    *,
    item: Item,
    moderator,
    predicate: Callable[..., permissions.Decision],
    state: str,
    action: LogAction,
    reason_required: bool,
    reason: str = "",
) -> Item:
    _require_moderator(moderator)
    reason = _reason(reason, required=reason_required)
    item = _locked(item)
    lip_permissions.require(
        predicate(moderator, item)
    )  # on the locked, fresh row: the caller's copy may be out of date
    now = timezone.now()
    _set_state(item, state, moderator=moderator, now=now)
    resolved = _resolve_reports(item, moderator, now)
    _record(item, action, user=moderator, reason=reason, resolved_reports=resolved)
    return item


# The decisions on one item: `_decide` with the rule, the new state and the log action of each.

# Hide a proposal or comment (published or waiting). The reason is required: the author is told.
item_hide = partial(_decide, predicate=permissions.can_hide, state=HIDDEN, action=LogAction.HIDE, reason_required=True)
# Publish a hidden item again. Its reports stay, marked as dealt with.
item_restore = partial(
    _decide, predicate=permissions.can_restore, state=PUBLISHED, action=LogAction.RESTORE, reason_required=False
)
# Pre-moderation: publish an item that waits for approval.
item_approve = partial(
    _decide, predicate=permissions.can_approve, state=PUBLISHED, action=LogAction.APPROVE, reason_required=False
)
# Post-moderation: a moderator looked at a published item and it stays; its open reports are dealt with.
item_mark_reviewed = partial(
    _decide, predicate=permissions.can_mark_reviewed, state=PUBLISHED, action=LogAction.REVIEW, reason_required=False
)


BULK_DECISIONS: dict[str, Callable[..., Item]] = {
    "hide": item_hide,
    "approve": item_approve,
    "review": item_mark_reviewed,
}


@transaction.atomic
def items_decide(*, items: Iterable[Item], moderator, decision: str, reason: str = "") -> tuple[int, int]:
    """The same decision (and reason) for several items at once, in one transaction.

    Items the decision does not apply to (already hidden, no longer waiting, ...) are left as they are.
    Returns (decided, skipped).
    """
    service = BULK_DECISIONS[decision]
    _require_moderator(moderator)
    _reason(reason, required=decision == "hide")
    decided, skipped = 0, 0
    for item in items:
        try:
            with transaction.atomic():
                service(item=item, moderator=moderator, reason=reason)
        except PermissionDenied:
            skipped += 1
        else:
            decided += 1
    return decided, skipped


# --- Reports ---------------------------------------------------------------------


def report_threshold() -> int:
    return max(1, int(getattr(settings, "LIP_REPORT_THRESHOLD", 3)))


@transaction.atomic
def report_create(*, reporter, item: Item, reason: str, text: str = "") -> ContentReport:
    """A participant reports a proposal or comment. At `LIP_REPORT_THRESHOLD` different people with open reports the
    item is hidden pending review, in the same transaction (the item's row is locked, so parallel reports are counted
    one after the other). Every moderator who wants it gets one e-mail per report.
    """
    lip_permissions.require(permissions.can_report(reporter, item))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Bitte wählen Sie einen Grund aus der Liste.")})
    text = (text or "").strip()
    if len(text) > REPORT_TEXT_MAX:
        raise ValidationError(
            {"text": _("Die Erläuterung darf höchstens %(max)s Zeichen lang sein.") % {"max": REPORT_TEXT_MAX}}
        )
    proposal = item.proposal if isinstance(item, Comment) else None
    item = _locked(item)
    if proposal is not None:
        item.proposal = proposal
    lip_permissions.require(permissions.can_report(reporter, item))
    target = permissions.report_target(item)
    try:
        with transaction.atomic():
            report = ContentReport.objects.create(reporter=reporter, reason=reason, text=text, **target)
    except IntegrityError as exc:  # a parallel request of the same person won: the constraint is the guarantee
        raise PermissionDenied(
            _("Sie haben diesen Beitrag bereits gemeldet. Die Moderation kümmert sich darum.")
        ) from exc
    open_reports = ContentReport.objects.filter(resolved_at__isnull=True, **target).count()
    if open_reports >= report_threshold():
        _set_state(item, HIDDEN)
        _record(item, LogAction.AUTO_HIDE, user=None, reports=open_reports)
    _enqueue_report_mail(report.pk, uuid.uuid4().hex)  # stored in the outbox with the report, sent once it commits
    return report


def _enqueue_report_mail(report_id: int, token: str) -> None:
    from lip.outbox.services import outbox_enqueue

    from .. import tasks

    outbox_enqueue(tasks.notify_moderators_of_report, report_id, token)


# --- Blocking --------------------------------------------------------------------


@transaction.atomic
def user_block(*, user, moderator, reason: str):
    """Block a participant: they can still read everything, but no longer post, comment, report or vote."""
    _require_moderator(moderator)
    reason = _reason(reason, required=True)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    lip_permissions.require(permissions.can_block(moderator, user))
    user.blocked_at, user.blocked_reason, user.blocked_by = timezone.now(), reason, moderator
    user.save(update_fields=["blocked_at", "blocked_reason", "blocked_by"])
    _record(user, LogAction.BLOCK, user=moderator, reason=reason)
    return user


@transaction.atomic
def user_unblock(*, user, moderator, reason: str = ""):
    _require_moderator(moderator)
    reason = _reason(reason, required=False)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    lip_permissions.require(permissions.can_unblock(moderator, user))
    user.blocked_at, user.blocked_reason, user.blocked_by = None, "", None
    user.save(update_fields=["blocked_at", "blocked_reason", "blocked_by"])
    _record(user, LogAction.UNBLOCK, user=moderator, reason=reason)
    return user
