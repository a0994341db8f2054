"""The moderation queue in the Wagtail admin: the lists of proposals and comments to look at, one item's details.

Every view is for moderators only (`permissions.can_moderate`, on top of Wagtail's model permissions); the decisions
are in `decision_views`, and go through `services.services`, which checks again, records the reason in the audit
log and tells the author.
"""

import django_filters
import django_filters.conf
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from lip.access import RuleRequiredMixin
from lip.admin_buttons import object_button
from lip.filters import SafeModelChoiceFilter
from lip.models import District, Topic

from .. import permissions
from ..models import Channel, Comment, CommentState, ConsultationPage, Proposal, ProposalState
from . import queue
from .decision_views import DECISIONS, DecisionKind, DecisionView, item_label

# --- Filters -------------------------------------------------------------------------------------------------

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
    topic = SafeModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all(), method="filter_related")
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
        return queryset.filter(queue.proposal_todo())


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
        return queryset.filter(queue.comment_todo())

    def filter_related(self, queryset, name, value):
        """A comment belongs to a consultation through its proposal or through the plan draft (a child page of the
        consultation) whose paragraph (or chapter) it is on; district and topic are the proposal's."""
        if name != "consultation":
            return super().filter_related(queryset, name, value)
        on_draft = Q(paragraph__page__path__startswith=value.path, paragraph__page__depth=value.depth + 1)
        on_chapter = Q(chapter__page__path__startswith=value.path, chapter__page__depth=value.depth + 1)
        return queryset.filter(Q(proposal__consultation=value) | on_draft | on_chapter)


# --- The queue's lists ---------------------------------------------------------------------------------------


def _reviewed(item) -> str:
    if item.reviewed_at is None:
        return str(_("offen"))
    return str(_("geprüft"))


class QueueIndexView(RuleRequiredMixin, generic.IndexView):
    access_rule = permissions.can_moderate
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
        return queue.proposal_queue()

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
        return queue.comment_queue()

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
            Column(
                "proposal",
                label=_("Vorschlag oder Absatz"),
                accessor=queue.target_label,
                sort_key="proposal__reference",
            ),
            Column("author", label=_("Verfasser*in"), accessor="author"),
            Column("state", label=_("Status"), accessor="get_state_display", sort_key="state"),
            Column("open_reports", label=_("Offene Meldungen"), sort_key="open_reports"),
            Column("reviewed", label=_("Prüfung"), accessor=_reviewed, sort_key="reviewed_at"),
            DateColumn("created_at", label=_("geschrieben am"), sort_key="created_at"),
        ]


# --- One item: details, reports and history ------------------------------------------------------------------


class ItemDetailView(RuleRequiredMixin, generic.InspectView):
    """Everything a moderator needs to decide about one item: the text, the author, the reports, the history."""

    access_rule = permissions.can_moderate
    template_name = "consultation/moderation/detail.html"
    page_title = _("Moderation")
    history_url_name = None

    def get_object(self, queryset=None):
        if self.model is Comment:
            queryset = queue.comment_queue().select_related("parent__author")
        else:
            queryset = queue.proposal_queue()
        return get_object_or_404(queryset, pk=self.pk)

    def get_fields(self):
        return []

    @cached_property
    def header_buttons(self):
        return [object_button(_("Verlauf"), self.history_url_name, self.object.pk, "history")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        author = item.author
        decisions = [
            {"kind": kind, "url": reverse(self.index_url_name.replace(":index", f":{kind.name}"), args=[item.pk])}
            for kind in DECISIONS.values()
            if (
                kind.predicate(user, item, open_reports=item.open_reports)
                if kind.name == "review"
                else kind.predicate(user, item)
            )
        ]
        context.update(
            item=item,
            is_comment=isinstance(item, Comment),
            proposal=item.proposal if isinstance(item, Comment) else item,
            paragraph=item.paragraph if isinstance(item, Comment) else None,
            chapter=item.chapter if isinstance(item, Comment) else None,
            public_url=queue.public_path(item),
            reports=list(queue.item_reports(item)),
            history=list(queue.item_history(item)),
            decisions=decisions,
            author=author,
            can_block=author is not None and bool(permissions.can_block(user, author)),
            can_unblock=author is not None and bool(permissions.can_unblock(user, author)),
            block_url=reverse("moderation-people:block", args=[author.pk]) if author else "",
            unblock_url=reverse("moderation-people:unblock", args=[author.pk]) if author else "",
            author_history_url=reverse("moderation-people:history", args=[author.pk]) if author else "",
        )
        if isinstance(item, Comment) and item.proposal_id:
            context["proposal_admin_url"] = reverse("moderation-proposals:inspect", args=[item.proposal_id])
        else:
            context["proposal_admin_url"] = ""
        return context


class ModeratorsHistoryView(RuleRequiredMixin, HistoryView):
    """Wagtail's history of one object, with a column for the reasons of the decisions."""

    access_rule = permissions.can_moderate
    any_permission_required = ["view", "change"]

    @cached_property
    def columns(self):
        action, *rest = super().columns
        return [action, Column("comment", label=_("Begründung")), *rest]


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
    ordering = queue.QUEUE_ORDERING  # auto-hidden and reported items first

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
