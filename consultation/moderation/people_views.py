"""Blocked people in the Wagtail admin: the list, blocking and unblocking with a reason."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from lip.access import RuleRequiredMixin

from .. import permissions
from . import services
from .decision_views import ReasonDecisionView, local_url
from .queue_views import ModeratorsHistoryView, read_only_urlpatterns

# --- Blocked people ------------------------------------------------------------------------------------------


class PersonDecisionView(ReasonDecisionView):
    template_name = "consultation/moderation/person_decision.html"
    block = True
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

    @property
    def reason_required(self) -> bool:
        return self.block

    def check_rule(self) -> permissions.Decision:
        predicate = permissions.can_block if self.block else permissions.can_unblock
        return predicate(self.request.user, self.person)

    def get_back_url(self) -> str:
        back = self.request.POST.get("next") or self.request.GET.get("next") or ""
        return local_url(back) or reverse(self.index_url_name)

    def decide(self, reason: str) -> str:
        service = services.user_block if self.block else services.user_unblock
        service(user=self.person, moderator=self.request.user, reason=reason)
        if self.block:
            return _("%(person)s ist gesperrt und wurde per E-Mail informiert.") % {"person": self.person}
        return _("Die Sperre von %(person)s ist aufgehoben.") % {"person": self.person}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, block=self.block, back_url=self.get_back_url(), **kwargs)


class BlockedPeopleIndexView(RuleRequiredMixin, generic.IndexView):
    access_rule = permissions.can_moderate
    page_title = _("Gesperrte Personen")
    any_permission_required = ["view", "change"]
    history_url_name = None

    def get_base_queryset(self):
        return get_user_model().objects.filter(blocked_at__isnull=False).select_related("blocked_by")

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "person",
                label=_("Person"),
                accessor=lambda person: f"{person} <{person.email}>",
                get_url=lambda person: reverse(self.history_url_name, args=[person.pk]),
            ),
            DateColumn("blocked_at", label=_("gesperrt am"), sort_key="blocked_at"),
            Column("blocked_by", label=_("gesperrt von")),
            Column(
                "blocked_reason", label=_("Grund"), accessor=lambda person: truncatechars(person.blocked_reason, 80)
            ),
        ]

    def get_list_more_buttons(self, instance):
        return [
            Button(
                _("Sperre aufheben"),
                url=reverse("moderation-people:unblock", args=[instance.pk]),
                icon_name="lock-open",
                priority=10,
            ),
            Button(
                _("Verlauf"), url=reverse(self.history_url_name, args=[instance.pk]), icon_name="history", priority=20
            ),
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
