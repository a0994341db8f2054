"""What `wagtail_hooks.py` registers for moderation: the menu group, the dashboard panel, the audit log actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from ..models import Comment, Proposal
from . import queue
from .people_views import BlockedPeopleViewSet
from .queue_views import TODO, CommentQueueViewSet, ProposalQueueViewSet
from .services import LogAction


class ModerationGroup(ModelViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 241
    items = (
        ProposalQueueViewSet("moderation-proposals"),
        CommentQueueViewSet("moderation-comments"),
        BlockedPeopleViewSet("moderation-people"),
    )


# --- Dashboard -----------------------------------------------------------------------------------------------


class ModerationPanel(Component):
    """ "n warten auf Moderation" on the admin dashboard, with the way into the queue."""

    name = "moderation_waiting"
    template_name = "consultation/moderation/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        proposals = Proposal.objects.filter(queue.proposal_todo()).count()
        comments = Comment.objects.filter(queue.comment_todo()).count()
        todo = f"?todo={TODO}"
        return {
            "total": proposals + comments,
            "proposals": proposals,
            "comments": comments,
            "proposals_url": reverse("moderation-proposals:index") + todo,
            "comments_url": reverse("moderation-comments:index") + todo,
        }


# --- Audit log -----------------------------------------------------------------------------------------------


class ReasonFormatter(LogFormatter):
    """Shows the decision's reason as the comment of the log entry (Wagtail's history views display it)."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


class AutoHideFormatter(LogFormatter):
    label = _("Nach Meldungen automatisch ausgeblendet")
    message = _("Nach Meldungen automatisch ausgeblendet")

    def format_comment(self, log_entry):
        reports = (log_entry.data or {}).get("reports", 0)
        return ngettext("%(count)d offene Meldung", "%(count)d offene Meldungen", reports) % {"count": reports}


LOG_LABELS = {
    LogAction.HIDE: _("Durch die Moderation ausgeblendet"),
    LogAction.RESTORE: _("Durch die Moderation wiederhergestellt"),
    LogAction.APPROVE: _("Durch die Moderation freigegeben"),
    LogAction.REVIEW: _("Durch die Moderation geprüft"),
    LogAction.BLOCK: _("Person gesperrt"),
    LogAction.UNBLOCK: _("Sperre aufgehoben"),
}


def register_reason_action(actions, action: str, label) -> None:
    """A log action whose entries show their `data["reason"]` as the comment (also used for the Abwägung)."""
    actions.register_action(action)(type("ModerationFormatter", (ReasonFormatter,), {"label": label, "message": label}))


def register_log_actions(actions) -> None:
    for action, label in LOG_LABELS.items():
        register_reason_action(actions, action, label)
    actions.register_action(LogAction.AUTO_HIDE)(AutoHideFormatter)
