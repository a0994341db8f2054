"""E-mails of moderation: a report to the moderators, a decision to the person concerned.

Called by the Celery tasks in `tasks.py` (enqueued on commit by the services in `moderation`). Every message is rendered
in the recipient's language. Each sending is guarded by a key in the shared cache, set before and removed again if the
mail server fails, so that a retried or repeated task sends nobody the same message twice.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from . import permissions
from .models import Comment, ContentReport, Proposal
from .moderation import HIDDEN, NOTICES, Item, admin_path, public_path, report_threshold

ONCE_TIMEOUT = 60 * 60 * 24 * 14  # longer than all retries of a mail task together


def _site_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _item_context(item: Item) -> dict:
    return {
        "is_comment": isinstance(item, Comment),
        "proposal": item.proposal if isinstance(item, Comment) else item,
        "excerpt": item.text[:300],
        "item_url": _site_url(public_path(item)),
        "admin_url": _site_url(admin_path(item)),
    }


def _send(*, template: str, recipient, context: dict) -> None:
    """Render `consultation/email/<template>_subject.txt` and `_body.txt` in the recipient's language and send."""
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {"recipient": recipient, "profile_url": _site_url(reverse("lip:profile")), **context}
        subject = " ".join(render_to_string(f"consultation/email/{template}_subject.txt", context).split())
        body = render_to_string(f"consultation/email/{template}_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[recipient.email]).send()


def _once(key: str, send: Callable[[], None]) -> bool:
    """Run `send` unless it already ran for `key`. A failed send frees the key again, for the task's retry."""
    if not cache.add(key, True, timeout=ONCE_TIMEOUT):
        return False
    try:
        send()
    except BaseException:
        cache.delete(key)
        raise
    return True


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
            "reporter", "proposal__consultation", "comment__proposal__consultation"
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
        if _once(key, lambda moderator=moderator: _send(template="moderation_report", recipient=moderator, context=context)):
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
        instance = Comment.objects.select_related("proposal__consultation", "author").filter(pk=entry.object_id).first()
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
    return _once(key, lambda: _send(template="moderation_notice", recipient=person, context=context))
