"""What the report admin views share: permission policies that close the generic actions (runs and reports are
never edited or deleted here: a run is requested and retried, a report is issued by the task and only released), the
bodies' labels and the confirmation view.
"""

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from lip.access import RuleRequiredMixin

from ... import permissions
from ...models import Audience

# The period of a run or a report, in their listings.
PERIOD_COLUMN = Column(
    "period",
    label=_("Zeitraum"),
    accessor=lambda r: f"{r.period_start:%d.%m.%Y} – {r.period_end:%d.%m.%Y}",
    sort_key="period_start",
)


class ClosedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, with some generic actions closed to everyone (done through the services' own views)."""

    closed: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        return action not in self.closed and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.closed])


class RunPolicy(ClosedActionsPolicy):
    closed = frozenset({"change", "delete"})


class ReportPolicy(ClosedActionsPolicy):
    closed = frozenset({"add", "change", "delete"})


def bodies_label(audiences, district=None) -> str:
    """The bodies, a district body with its district („Stadtbezirksrat (Linden-Limmer)“)."""
    labels = dict(Audience.choices)
    return "; ".join(
        f"{labels.get(a, a)} ({district.name})"
        if district and a in Audience.district_bodies()
        else str(labels.get(a, a))
        for a in audiences
    )


class ConfirmView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows what will happen, POST does it (list buttons are links; changes need POST)."""

    template_name = "monitoring/admin/confirm.html"
    header_icon = "doc-full"
    confirm_label = _("Ja, ausführen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            confirm_label=self.confirm_label,
            action_url=self.request.path,
            description=self.get_description(),
            cancel_url=self.cancel_url(),
            warnings=self.get_warnings(),
        )
        return context

    def get_warnings(self) -> list[str]:
        return []


class IssueConfirmView(RuleRequiredMixin, ConfirmView):
    """A confirmation about one run or schedule (`model`, by the URL's pk), for those who may issue reports."""

    access_rule = permissions.can_issue_report
    model: type[Model]
    index_url_name: str

    @cached_property
    def target(self):
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    def cancel_url(self):
        return reverse(self.index_url_name)

    def get_page_subtitle(self):
        return str(self.target)
