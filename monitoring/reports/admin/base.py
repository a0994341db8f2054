"""What the report admin views share: permission policies that close the generic actions (runs and reports are
never edited or deleted here: a run is requested and retried, a report is issued by the task and only released), the
viewsets of issued documents, the bodies' labels and the confirmation views.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from lip.access import RuleRequiredMixin
from lip.admin_form_views import AdminFormView

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


class IssuedViewSetMixin:
    """A ModelViewSet of documents that are issued by a service and never edited here (runs, Abwägungstabellen):
    „hinzufügen“ is `issue_view_class` (a form that calls the service), `<pk>/wiederholen/` is `retry_view_class`
    (URL name `retry`) for one whose generation failed. Such a document is looked at, never copied."""

    copy_view_enabled = False
    inspect_view_enabled = True
    issue_view_class: type[View]
    retry_view_class: type[View]
    form_fields = ["title"]  # the generic edit view is closed by the model's policy; this only satisfies the viewset

    @property
    def add_view(self):
        return self.issue_view_class.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/wiederholen/", self.retry_view_class.as_view(), name="retry"),
        ]


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


class RunFormView(AdminFormView):
    """A form page about report runs (request one, write a draft's texts), for those who may issue reports."""

    access_rule = permissions.can_issue_report
    index_url_name = "monitoring-runs:index"
    index_label = _("Berichtsläufe")


class RetryConfirmView(IssueConfirmView):
    """„Erneut versuchen“ for one whose generation failed (a run, an Abwägungstabelle): GET shows the last error,
    POST calls `retry`; a refusal of the service is shown as a message."""

    confirm_label = _("Erneut versuchen")
    success_message = ""

    def retry(self, user) -> None:
        raise NotImplementedError

    def get_description(self):
        return gettext("Letzter Fehler: %(error)s") % {"error": self.target.error or "–"}

    def post(self, request, pk):
        try:
            self.retry(request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return redirect(self.index_url_name)
