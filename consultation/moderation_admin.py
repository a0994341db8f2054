"""The moderation queue in the Wagtail admin: proposals and comments to look at, decisions, blocked people.

Wired in `wagtail_hooks.py` (menu group "Moderation", bulk actions, the dashboard panel, the audit log actions).
Every view is for moderators only (`permissions.can_moderate`, on top of Wagtail's model permissions); every decision
goes through `consultation.moderation`, which checks again, records the reason in the audit log and tells the author.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
import django_filters.conf
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import LogFormatter

from lip.filters import SafeModelChoiceFilter
from lip.models import District, Topic

from . import moderation, permissions
from .admin_views import show_validation_error
from .models import Channel, Comment, CommentState, ConsultationPage, Proposal, ProposalState
from .moderation import LogAction
from .moderation_forms import ReasonForm

# --- Access --------------------------------------------------------------------------------------------------


class ModeratorsOnlyMixin:
    """Moderation is for moderators, whatever model permissions someone else may hold."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- What a moderator can decide -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionKind:
    """One decision about an item: its service in `moderation`, the predicate that offers it, how it reads."""

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
            "approve", _("Freigeben"), moderation.item_approve, permissions.can_approve, False,
            _("„%(item)s“ ist freigegeben und jetzt öffentlich."), "check",
        ),
        DecisionKind(
            "review", _("Als geprüft markieren"), moderation.item_mark_reviewed, permissions.can_mark_reviewed, False,
            _("„%(item)s“ ist geprüft und bleibt sichtbar."), "tick-inverse",
        ),
        DecisionKind(
            "hide", _("Ausblenden"), moderation.item_hide, permissions.can_hide, True,
            _("„%(item)s“ ist ausgeblendet."), "view",
        ),
        DecisionKind(
            "restore", _("Wiederherstellen"), moderation.item_restore, permissions.can_restore, False,
            _("„%(item)s“ ist wieder öffentlich."), "undo",
        ),
    )
}


def item_label(item) -> str:
    if isinstance(item, Comment):
        return truncatechars(item.text, 60) or str(_("Gelöschter Kommentar"))
    return f"{item.reference} {item.title}"


# --- Filters -------------------------------------------------------------------------------------------------

def _local_url(url: str) -> str:
    """`url` if it is a path on this site (a place to return to), else "" (never a view name or another host)."""
    url = url.strip()
    if url.startswith("/") and not url.startswith(("//", "/\\")) and url_has_allowed_host_and_scheme(url, None):
        return url
    return ""


TODO = "1"
REPORTED_OPEN, REPORTED_ANY, REPORTED_NONE = "open", "any", "none"
ANALOG = "analog"


class QueueFilterSet(WagtailFilterSet):
    """Shared by both queues; `prefix` leads from a comment to its proposal."""

    prefix = ""

    todo = django_filters.ChoiceFilter(
        label=_("Moderation"),
        choices=[(TODO, _("zu erledigen (wartend, ungeprüft oder gemeldet)"))],
        method="filter_todo",
        empty_label=_("alle"),
    )
    reported = django_filters.ChoiceFilter(
        label=_("Meldungen"),
        choices=[
            (REPORTED_OPEN, _("mit offenen Meldungen")),
            (REPORTED_ANY, _("mit Meldungen (auch erledigten)")),
            (REPORTED_NONE, _("ohne Meldungen")),
        ],
        method="filter_reported",
        empty_label=_("alle"),
    )
    consultation = SafeModelChoiceFilter(
        label=_("Beteiligung"), queryset=ConsultationPage.objects.all(), method="filter_related"
    )
    district = SafeModelChoiceFilter(
        label=_("Stadtbezirk"), queryset=District.objects.all(), null_label=_("stadtweit"), method="filter_related"
    )
    topic = SafeModelChoiceFilter(
        label=_("Handlungsfeld"), queryset=Topic.objects.all(), method="filter_related"
    )
    channel = django_filters.ChoiceFilter(
        label=_("Weg"),
        choices=[(Channel.ONLINE, _("online")), (ANALOG, _("analog (alle Wege)"))],
        method="filter_channel",
    )

    def filter_related(self, queryset, name, value):
        if value == django_filters.conf.settings.NULL_CHOICE_VALUE:
            return queryset.filter(**{f"{self.prefix}{name}__isnull": True})
        return queryset.filter(**{f"{self.prefix}{name}": value})

    def filter_channel(self, queryset, name, value):
        if value == ANALOG:
            return queryset.exclude(**{f"{self.prefix}channel": Channel.ONLINE})
        return queryset.filter(**{f"{self.prefix}channel": value})

    def filter_reported(self, queryset, name, value):
        if value == REPORTED_OPEN:
            return queryset.filter(open_reports__gt=0)
        if value == REPORTED_ANY:
            return queryset.filter(reports__isnull=False).distinct()
        return queryset.filter(reports__isnull=True)


class ProposalQueueFilterSet(QueueFilterSet):
    state = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalState.choices)

    class Meta:
        model = Proposal
        fields = ["todo", "reported", "consultation", "state", "district", "topic", "channel"]

    def filter_todo(self, queryset, name, value):
        return queryset.filter(moderation.proposal_todo())


class CommentQueueFilterSet(QueueFilterSet):
    prefix = "proposal__"
    state = django_filters.ChoiceFilter(label=_("Status"), choices=CommentState.choices)
    channel = django_filters.ChoiceFilter(
        label=_("Weg des Vorschlags"),
        choices=[(Channel.ONLINE, _("online")), (ANALOG, _("analog (alle Wege)"))],
        method="filter_channel",
    )

    class Meta:
        model = Comment
        fields = ["todo", "reported", "consultation", "state", "district", "topic", "channel"]

    def filter_todo(self, queryset, name, value):
        return queryset.filter(moderation.comment_todo())


# --- The queue's lists ---------------------------------------------------------------------------------------


def _reviewed(item) -> str:
    if item.reviewed_at is None:
        return str(_("offen"))
    return str(_("geprüft"))


class QueueIndexView(ModeratorsOnlyMixin, generic.IndexView):
    template_name = "consultation/moderation/index.html"
    obj_type = "item"

    def get_list_more_buttons(self, instance):
        buttons = [
            Button(_("Details und Verlauf"), url=self.get_inspect_url(instance), icon_name="info-circle", priority=10)
        ]
        for priority, kind in enumerate(DECISIONS.values(), start=20):
            if self._offers(kind, instance):
                url = reverse(self.decision_url_name(kind.name), args=[instance.pk])
                buttons.append(Button(kind.label, url=url, icon_name=kind.icon, priority=priority))
        return buttons

    def _offers(self, kind: DecisionKind, instance) -> bool:
        """Which decisions to offer in a row, from what the row already holds (no query per row)."""
        if kind.name == "review":
            return instance.state == CommentState.PUBLISHED and (instance.reviewed_at is None or instance.open_reports)
        return bool(kind.predicate(self.request.user, instance))

    def decision_url_name(self, decision: str) -> str:
        return self.index_url_name.replace(":index", f":{decision}")

    def title_id(self, instance) -> str:
        return f"{self.obj_type}_{instance.pk}_title"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["bulk_item_type"] = self.obj_type.upper()
        return context


class ProposalQueueIndexView(QueueIndexView):
    obj_type = "proposal"
    page_title = _("Vorschläge moderieren")

    def get_base_queryset(self):
        return moderation.proposal_queue()

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=self.obj_type),
            self._get_title_column_class(TitleColumn)(
                "title",
                label=_("Vorschlag"),
                accessor=item_label,
                get_url=self.get_inspect_url,
                get_title_id=self.title_id,
                sort_key="reference",
            ),
            Column("consultation", label=_("Beteiligung"), accessor="consultation.title"),
            Column("author", label=_("Eingereicht von"), accessor="display_author"),
            Column("state", label=_("Status"), accessor="get_state_display", sort_key="state"),
            Column("open_reports", label=_("Offene Meldungen"), sort_key="open_reports"),
            Column("reviewed", label=_("Prüfung"), accessor=_reviewed, sort_key="reviewed_at"),
            DateColumn("created_at", label=_("eingereicht am"), sort_key="created_at"),
        ]


class CommentQueueIndexView(QueueIndexView):
    obj_type = "comment"
    page_title = _("Kommentare moderieren")

    def get_base_queryset(self):
        return moderation.comment_queue()

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=self.obj_type),
            self._get_title_column_class(TitleColumn)(
                "text",
                label=_("Kommentar"),
                accessor=item_label,
                get_url=self.get_inspect_url,
                get_title_id=self.title_id,
            ),
            Column("proposal", label=_("zum Vorschlag"), accessor="proposal.reference", sort_key="proposal__reference"),
            Column("author", label=_("Verfasser*in"), accessor="author"),
            Column("state", label=_("Status"), accessor="get_state_display", sort_key="state"),
            Column("open_reports", label=_("Offene Meldungen"), sort_key="open_reports"),
            Column("reviewed", label=_("Prüfung"), accessor=_reviewed, sort_key="reviewed_at"),
            DateColumn("created_at", label=_("geschrieben am"), sort_key="created_at"),
        ]


# --- One item: details, reports and history ------------------------------------------------------------------


class ItemDetailView(ModeratorsOnlyMixin, generic.InspectView):
    """Everything a moderator needs to decide about one item: the text, the author, the reports, the history."""

    template_name = "consultation/moderation/detail.html"
    page_title = _("Moderation")
    history_url_name = None

    def get_object(self, queryset=None):
        if self.model is Comment:
            queryset = moderation.comment_queue().select_related("parent__author")
        else:
            queryset = moderation.proposal_queue()
        return get_object_or_404(queryset, pk=self.pk)

    def get_fields(self):
        return []

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Verlauf"), url=reverse(self.history_url_name, args=[self.object.pk]), icon_name="history")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        author = item.author
        decisions = [
            {"kind": kind, "url": reverse(self.index_url_name.replace(":index", f":{kind.name}"), args=[item.pk])}
            for kind in DECISIONS.values()
            if (kind.predicate(user, item, open_reports=item.open_reports) if kind.name == "review" else kind.predicate(user, item))
        ]
        context.update(
            item=item,
            is_comment=isinstance(item, Comment),
            proposal=item.proposal if isinstance(item, Comment) else item,
            public_url=moderation.public_path(item),
            reports=list(moderation.item_reports(item)),
            history=list(moderation.item_history(item)),
            decisions=decisions,
            author=author,
            can_block=author is not None and bool(permissions.can_block(user, author)),
            can_unblock=author is not None and bool(permissions.can_unblock(user, author)),
            block_url=reverse("moderation-people:block", args=[author.pk]) if author else "",
            unblock_url=reverse("moderation-people:unblock", args=[author.pk]) if author else "",
            author_history_url=reverse("moderation-people:history", args=[author.pk]) if author else "",
        )
        if isinstance(item, Proposal):
            context["proposal_admin_url"] = ""
        else:
            context["proposal_admin_url"] = reverse("moderation-proposals:inspect", args=[item.proposal_id])
        return context


class ModeratorsHistoryView(ModeratorsOnlyMixin, HistoryView):
    """Wagtail's history of one object, with a column for the reasons of the decisions."""

    any_permission_required = ["view", "change"]

    @cached_property
    def columns(self):
        action, *rest = super().columns
        return [action, Column("comment", label=_("Begründung")), *rest]


# --- Decisions on one item -----------------------------------------------------------------------------------


class DecisionView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """Confirm a decision about one item, with a reason (required for hiding)."""

    template_name = "consultation/moderation/decision.html"
    model = None
    decision = ""
    index_url_name = ""
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

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        decision = self.kind.predicate(request.user, self.object)
        if not decision:
            messages.error(request, decision.reason)
            return redirect(self.detail_url)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": self.kind.reason_required}

    def get_form_class(self):
        return ReasonForm

    def form_valid(self, form):
        try:
            item = self.kind.service(item=self.object, moderator=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal) or _("Das ist nicht möglich."))
            return redirect(self.detail_url)
        messages.success(self.request, self.kind.done % {"item": item_label(item)})
        return redirect(_local_url(self.request.POST.get("next", "")) or self.detail_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            item=self.object,
            is_comment=isinstance(self.object, Comment),
            detail_url=self.detail_url,
            **kwargs,
        )


# --- The viewsets --------------------------------------------------------------------------------------------


def read_only_urlpatterns(viewset: ModelViewSet) -> list:
    """The list and the history of a ModelViewSet, without its add, edit, delete and usage views."""
    return [
        path("", viewset.index_view, name="index"),
        path("results/", viewset.index_results_view, name="index_results"),
        path("history/<int:pk>/", viewset.history_view, name="history"),
        path("history-results/<int:pk>/", viewset.history_results_view, name="history_results"),
    ]


class QueueViewSet(ModelViewSet):
    """A list, a detail page, the history and the decisions; no adding, editing or deleting here."""

    inspect_view_enabled = True
    copy_view_enabled = False
    history_view_class = ModeratorsHistoryView
    inspect_view_class = ItemDetailView
    search_backend_name = None
    ordering = moderation.QUEUE_ORDERING  # auto-hidden and reported items first

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(usage_url_name=None, **kwargs)

    def decision_view(self, decision: str):
        return DecisionView.as_view(model=self.model, decision=decision, index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            *read_only_urlpatterns(self),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            *(path(f"{decision}/<int:pk>/", self.decision_view(decision), name=decision) for decision in DECISIONS),
        ]

    def register_admin_url_finder(self):
        """The workspace's own viewsets stay the admin's address for these objects."""

    def register_permissions(self):
        """The model permissions are registered once, by the workspace."""


class ProposalQueueViewSet(QueueViewSet):
    model = Proposal
    icon = "doc-full"
    menu_label = _("Vorschläge")
    index_view_class = ProposalQueueIndexView
    filterset_class = ProposalQueueFilterSet
    search_fields = ["reference", "title", "text"]


class CommentQueueViewSet(QueueViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Kommentare")
    index_view_class = CommentQueueIndexView
    filterset_class = CommentQueueFilterSet
    search_fields = ["text", "proposal__reference"]

    @property
    def url_finder_class(self):
        """A comment's admin address is its page in the queue (there is no edit view): the usage view of a
        proposal links its comments there instead of failing to find an edit URL."""
        return type("CommentAdminURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def register_admin_url_finder(self):
        ModelViewSet.register_admin_url_finder(self)

    def register_permissions(self):
        ModelViewSet.register_permissions(self)


# --- Blocked people ------------------------------------------------------------------------------------------


class PersonDecisionView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "consultation/moderation/person_decision.html"
    block = True
    index_url_name = ""
    header_icon = "user"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = get_object_or_404(get_user_model(), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Person sperren") if self.block else _("Sperre aufheben")

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Gesperrte Personen")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.person)},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        predicate = permissions.can_block if self.block else permissions.can_unblock
        decision = predicate(request.user, self.person)
        if not decision:
            messages.error(request, decision.reason)
            return redirect(self.get_back_url())
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self) -> str:
        back = self.request.POST.get("next") or self.request.GET.get("next") or ""
        return _local_url(back) or reverse(self.index_url_name)

    def get_form_class(self):
        return ReasonForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": self.block}

    def form_valid(self, form):
        service = moderation.user_block if self.block else moderation.user_unblock
        try:
            service(user=self.person, moderator=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal) or _("Das ist nicht möglich."))
            return redirect(self.get_back_url())
        if self.block:
            messages.success(self.request, _("%(person)s ist gesperrt und wurde per E-Mail informiert.") % {"person": self.person})
        else:
            messages.success(self.request, _("Die Sperre von %(person)s ist aufgehoben.") % {"person": self.person})
        return redirect(self.get_back_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, block=self.block, back_url=self.get_back_url(), **kwargs)


class BlockedPeopleIndexView(ModeratorsOnlyMixin, generic.IndexView):
    page_title = _("Gesperrte Personen")
    any_permission_required = ["view", "change"]
    history_url_name = None

    def get_base_queryset(self):
        return get_user_model().objects.filter(blocked_at__isnull=False).select_related("blocked_by")

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "person", label=_("Person"), accessor=lambda person: f"{person} <{person.email}>",
                get_url=lambda person: reverse(self.history_url_name, args=[person.pk]),
            ),
            DateColumn("blocked_at", label=_("gesperrt am"), sort_key="blocked_at"),
            Column("blocked_by", label=_("gesperrt von")),
            Column("blocked_reason", label=_("Grund"), accessor=lambda person: truncatechars(person.blocked_reason, 80)),
        ]

    def get_list_more_buttons(self, instance):
        return [
            Button(_("Sperre aufheben"), url=reverse("moderation-people:unblock", args=[instance.pk]), icon_name="lock-open", priority=10),
            Button(_("Verlauf"), url=reverse(self.history_url_name, args=[instance.pk]), icon_name="history", priority=20),
        ]


class BlockedPeopleViewSet(ModelViewSet):
    model = get_user_model()
    icon = "user"
    menu_label = _("Gesperrte Personen")
    index_view_class = BlockedPeopleIndexView
    history_view_class = ModeratorsHistoryView
    copy_view_enabled = False
    search_fields = ["email", "display_name"]
    search_backend_name = None
    ordering = ["-blocked_at"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        index = self.get_url_name("index")
        return [
            *read_only_urlpatterns(self),
            path("block/<int:pk>/", PersonDecisionView.as_view(block=True, index_url_name=index), name="block"),
            path("unblock/<int:pk>/", PersonDecisionView.as_view(block=False, index_url_name=index), name="unblock"),
        ]

    def register_admin_url_finder(self):
        """People keep their address in Wagtail's user management."""

    def register_permissions(self):
        """The user permissions are registered by Wagtail's user management."""


class ModerationGroup(ModelViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 241
    items = (
        ProposalQueueViewSet("moderation-proposals"),
        CommentQueueViewSet("moderation-comments"),
        BlockedPeopleViewSet("moderation-people"),
    )


# --- Bulk actions --------------------------------------------------------------------------------------------


class ModerationBulkAction(BulkAction):
    """The same decision for the items ticked in a queue's list. Items it does not apply to are listed and left."""

    models = [Proposal, Comment]
    template_name = "consultation/moderation/bulk_confirm.html"
    decision = ""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        queryset = moderation.comment_queue() if model is Comment else moderation.proposal_queue()
        return list(queryset.filter(pk__in=[pk for pk in object_ids if str(pk).isdigit()]))

    def get_all_objects_in_listing_query(self, parent_id):
        """"All in the listing" would reach past the list's filters: only ticked items are decided about."""
        return []

    def check_perm(self, obj):
        kind = DECISIONS[self.decision]
        if self.decision == "review":
            return bool(kind.predicate(self.request.user, obj, open_reports=obj.open_reports))
        return bool(kind.predicate(self.request.user, obj))

    def object_context(self, obj):
        return {"item": obj, "label": item_label(obj), "detail_url": moderation.admin_path(obj)}

    def get_form_class(self):
        return ReasonForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": DECISIONS[self.decision].reason_required}

    def get_execution_context(self):
        return {"moderator": self.request.user, "reason": self.cleaned_form.cleaned_data.get("reason", "")}

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        decided, _skipped = moderation.items_decide(items=objects, moderator=moderator, decision=cls.decision, reason=reason)
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
        return ngettext(
            "%(count)d Beitrag: %(decision)s.", "%(count)d Beiträge: %(decision)s.", num_parent_objects
        ) % {"count": num_parent_objects, "decision": DECISIONS[self.decision].label}


class ApproveBulkAction(ModerationBulkAction):
    decision = "approve"
    display_name = _("Freigeben")
    action_type = "moderation-approve"
    aria_label = _("Ausgewählte Beiträge freigeben")
    action_priority = 10


class ReviewBulkAction(ModerationBulkAction):
    decision = "review"
    display_name = _("Als geprüft markieren")
    action_type = "moderation-review"
    aria_label = _("Ausgewählte Beiträge als geprüft markieren")
    action_priority = 20


class HideBulkAction(ModerationBulkAction):
    decision = "hide"
    display_name = _("Ausblenden")
    action_type = "moderation-hide"
    aria_label = _("Ausgewählte Beiträge ausblenden")
    action_priority = 30
    classes = {"serious"}


BULK_ACTIONS = (ApproveBulkAction, ReviewBulkAction, HideBulkAction)


# --- Dashboard -----------------------------------------------------------------------------------------------


class ModerationPanel(Component):
    """"n warten auf Moderation" on the admin dashboard, with the way into the queue."""

    name = "moderation_waiting"
    template_name = "consultation/moderation/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        proposals = Proposal.objects.filter(moderation.proposal_todo()).count()
        comments = Comment.objects.filter(moderation.comment_todo()).count()
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


def register_log_actions(actions) -> None:
    for action, label in LOG_LABELS.items():
        actions.register_action(action)(type("ModerationFormatter", (ReasonFormatter,), {"label": label, "message": label}))
    actions.register_action(LogAction.AUTO_HIDE)(AutoHideFormatter)

