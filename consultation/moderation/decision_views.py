"""Decisions of moderators in the Wagtail admin: on one item (with a reason) and on the items ticked in a list."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error

from .. import permissions
from ..models import Comment, Proposal
from . import queue, services
from .forms import ReasonForm

# --- What a moderator can decide -----------------------------------------------------------------------------


def local_url(url: str) -> str:
    """`url` if it is a path on this site (a place to return to), else "" (never a view name or another host)."""
    url = url.strip()
    if url.startswith("/") and not url.startswith(("//", "/\\")) and url_has_allowed_host_and_scheme(url, None):
        return url
    return ""


@dataclass(frozen=True)
class DecisionKind:
    """One decision about an item: its service in `moderation.services`, the predicate that offers it, how it reads."""

    name: str
    label: str
    service: Callable[..., Proposal | Comment]
    predicate: Callable[..., permissions.Decision]
    reason_required: bool
    done: str
    icon: str


DECISIONS = {
    kind.name: kind
    for kind in (
        DecisionKind(
            "approve",
            _("Freigeben"),
            services.item_approve,
            permissions.can_approve,
            False,
            _("„%(item)s“ ist freigegeben und jetzt öffentlich."),
            "check",
        ),
        DecisionKind(
            "review",
            _("Als geprüft markieren"),
            services.item_mark_reviewed,
            permissions.can_mark_reviewed,
            False,
            _("„%(item)s“ ist geprüft und bleibt sichtbar."),
            "tick-inverse",
        ),
        DecisionKind(
            "hide",
            _("Ausblenden"),
            services.item_hide,
            permissions.can_hide,
            True,
            _("„%(item)s“ ist ausgeblendet."),
            "view",
        ),
        DecisionKind(
            "restore",
            _("Wiederherstellen"),
            services.item_restore,
            permissions.can_restore,
            False,
            _("„%(item)s“ ist wieder öffentlich."),
            "undo",
        ),
    )
}


def item_label(item) -> str:
    if isinstance(item, Comment):
        return truncatechars(item.text, 60) or str(_("Gelöschter Kommentar"))
    return f"{item.reference} {item.title}"


# --- Decisions on one item -----------------------------------------------------------------------------------


class ReasonDecisionView(RuleRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """A moderator confirms a decision with a reason. The decision's rule is checked before the form is shown; a
    refusal goes back with a message, an invalid reason stays on the form.

    Subclasses give the rule (`check_rule`), whether the reason is required, the service call (`decide`, returning the
    success message) and where to go back to (`get_back_url`)."""

    access_rule = permissions.can_moderate
    form_class = ReasonForm
    index_url_name = ""

    @property
    def reason_required(self) -> bool:
        raise NotImplementedError

    def check_rule(self) -> permissions.Decision:
        raise NotImplementedError

    def decide(self, reason: str) -> str:
        raise NotImplementedError

    def get_back_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.get_back_url()

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        decision = self.check_rule()
        if not decision:
            messages.error(request, decision.reason)
            return redirect(self.get_back_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": self.reason_required}

    def form_valid(self, form):
        try:
            done = self.decide(form.cleaned_data["reason"])
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal) or _("Das ist nicht möglich."))
            return redirect(self.get_back_url())
        messages.success(self.request, done)
        return redirect(self.get_success_url())


class DecisionView(ReasonDecisionView):
    """Confirm a decision about one item, with a reason (required for hiding)."""

    template_name = "consultation/moderation/decision.html"
    model = None
    decision = ""
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = DECISIONS[self.decision]
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    @property
    def detail_url(self) -> str:
        return reverse(self.index_url_name.replace(":index", ":inspect"), args=[self.object.pk])

    def get_page_title(self):
        return self.kind.label

    def get_page_subtitle(self):
        return item_label(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural},
            {"url": self.detail_url, "label": item_label(self.object)},
            {"url": "", "label": self.kind.label},
        ]

    @property
    def reason_required(self) -> bool:
        return self.kind.reason_required

    def check_rule(self) -> permissions.Decision:
        return self.kind.predicate(self.request.user, self.object)

    def decide(self, reason: str) -> str:
        item = self.kind.service(item=self.object, moderator=self.request.user, reason=reason)
        return self.kind.done % {"item": item_label(item)}

    def get_back_url(self) -> str:
        return self.detail_url

    def get_success_url(self) -> str:
        return local_url(self.request.POST.get("next", "")) or self.detail_url

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            item=self.object,
            is_comment=isinstance(self.object, Comment),
            detail_url=self.detail_url,
            **kwargs,
        )


# --- Bulk actions --------------------------------------------------------------------------------------------


class ModerationBulkAction(RuleRequiredMixin, BulkAction):
    """The same decision for the items ticked in a queue's list. Items it does not apply to are listed and left."""

    access_rule = permissions.can_moderate
    models = [Proposal, Comment]
    template_name = "consultation/moderation/bulk_confirm.html"
    decision = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Named and labelled after its decision (Wagtail reads both from the class when it lists the actions).
        cls.action_type = f"moderation-{cls.decision}"
        cls.display_name = DECISIONS[cls.decision].label

    @classmethod
    def get_queryset(cls, model, object_ids):
        queryset = queue.comment_queue() if model is Comment else queue.proposal_queue()
        return list(queryset.filter(pk__in=[pk for pk in object_ids if str(pk).isdigit()]))

    def get_all_objects_in_listing_query(self, parent_id):
        """ "All in the listing" would reach past the list's filters: only ticked items are decided about."""
        return []

    def check_perm(self, obj):
        kind = DECISIONS[self.decision]
        if self.decision == "review":
            return bool(kind.predicate(self.request.user, obj, open_reports=obj.open_reports))
        return bool(kind.predicate(self.request.user, obj))

    def object_context(self, obj):
        return {"item": obj, "label": item_label(obj), "detail_url": queue.admin_path(obj)}

    def get_form_class(self):
        return ReasonForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": DECISIONS[self.decision].reason_required}

    def get_execution_context(self):
        return {"moderator": self.request.user, "reason": self.cleaned_form.cleaned_data.get("reason", "")}

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        decided, _skipped = services.items_decide(
            items=objects, moderator=moderator, decision=cls.decision, reason=reason
        )
        return decided, 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=DECISIONS[self.decision], **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d Beitrag: %(decision)s.", "%(count)d Beiträge: %(decision)s.", num_parent_objects) % {
            "count": num_parent_objects,
            "decision": DECISIONS[self.decision].label,
        }


class ApproveBulkAction(ModerationBulkAction):
    decision = "approve"
    aria_label = _("Ausgewählte Beiträge freigeben")
    action_priority = 10


class ReviewBulkAction(ModerationBulkAction):
    decision = "review"
    aria_label = _("Ausgewählte Beiträge als geprüft markieren")
    action_priority = 20


class HideBulkAction(ModerationBulkAction):
    decision = "hide"
    aria_label = _("Ausgewählte Beiträge ausblenden")
    action_priority = 30
    classes = {"serious"}


BULK_ACTIONS = (ApproveBulkAction, ReviewBulkAction, HideBulkAction)
