"""E-mails of moderation: a report to the moderators, a decision to the person concerned.

Called by the Celery tasks in `consultation.tasks` (enqueued on commit by `moderation.services`). Every message is
rendered in the recipient's language and sent at most once (`lip.mail.once`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from wagtail.models import ModelLogEntry

from lip.mail import once, site_url

from .. import permissions
from ..mail import send
from ..models import Comment, ContentReport, Proposal
from .queue import admin_path, public_path, target_label
from .services import HIDDEN, NOTICES, Item, report_threshold


def _item_context(item: Item) -> dict:
    """What the e-mails say about the item: its proposal, or for a comment on the plan draft its paragraph (or the
    chapter a statement is on; `paragraph` is then the chapter, `target` names it)."""
    part = item.draft_part if isinstance(item, Comment) else None
    return {
        "is_comment": isinstance(item, Comment),
        "proposal": item.proposal if isinstance(item, Comment) else item,
        "paragraph": part,
        "target": target_label(item) if part else "",
        "excerpt": item.text[:300],
        "item_url": site_url(path) if (path := public_path(item)) else "",
        "admin_url": site_url(admin_path(item)),
    }


def report_recipients() -> QuerySet:
    """Active moderators (and superusers) who want an e-mail about every new report, each once."""
    permission = Permission.objects.filter(codename="moderate_participation", content_type__app_label="lip")
    has_permission = Q(user_permissions__in=permission) | Q(groups__permissions__in=permission) | Q(is_superuser=True)
    ids = get_user_model().objects.filter(has_permission).values("pk")
    return get_user_model().objects.filter(pk__in=ids, is_active=True, notify_reports=True).order_by("pk")


def report_notify(*, report_id: int, token: str) -> int:
    """E-mail a new report to every moderator who wants it, once each (`token` names this report's sending, so a
    retried task skips those it already reached). Returns how many were sent now."""
    report = (
        ContentReport.objects.select_related(
            "reporter",
            "proposal__consultation",
            "comment__proposal__consultation",
            "comment__paragraph__page",
            "comment__chapter__page",
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    item = report.proposal or report.comment
    target = permissions.report_target(item)
    context = {
        "report": report,
        "item": item,
        "open_reports": ContentReport.objects.filter(resolved_at__isnull=True, **target).count(),
        "threshold": report_threshold(),
        "is_hidden": item.state == HIDDEN,
        **_item_context(item),
    }
    sent = 0
    for moderator in report_recipients():
        key = f"lip:moderation:report:{token}:{moderator.pk}"
        if once(
            key, lambda moderator=moderator: send(template="moderation_report", recipient=moderator, context=context)
        ):
            sent += 1
    return sent


def notice_send(*, entry_id: int) -> bool:
    """Tell the person concerned about a decision (the audit log entry `entry_id`): what happened and why."""
    entry = ModelLogEntry.objects.select_related("content_type").filter(pk=entry_id).first()
    if entry is None or entry.action not in NOTICES:
        return False
    model = entry.content_type.model_class()
    User = get_user_model()
    if model is Proposal:
        instance = Proposal.objects.select_related("consultation", "author").filter(pk=entry.object_id).first()
    elif model is Comment:
        instance = (
            Comment.objects.select_related("proposal__consultation", "paragraph__page", "chapter__page", "author")
            .filter(pk=entry.object_id)
            .first()
        )
    elif model is User:
        instance = User.objects.filter(pk=entry.object_id).first()
    else:
        return False
    if instance is None:
        return False
    person = instance if isinstance(instance, User) else instance.author
    if person is None or not person.is_active or not person.email:
        return False
    if NOTICES[entry.action] and not person.notify_moderation:
        return False
    context = {
        "action": entry.action.rsplit(".", 1)[-1],
        "reason": (entry.data or {}).get("reason", ""),
        "reports": (entry.data or {}).get("reports"),
        "decided_at": entry.timestamp,
        **({} if isinstance(instance, User) else _item_context(instance)),
    }
    key = f"lip:moderation:notice:{entry.uuid}:{entry.pk}"
    return once(key, lambda: send(template="moderation_notice", recipient=person, context=context))
