"""Abwägungstabellen in the Wagtail admin (workspace „Monitoring“): the tables issued, filterable by plan draft, with
their PDF and XLSX; „Abwägungstabelle erstellen“ for a draft; „Erneut versuchen“ for a table whose PDF failed.
Open to those who issue reports (`permissions.can_issue_consideration_table`); tables are never edited or deleted.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from consultation.models import PlanDraftPage
from lip.admin_buttons import object_action
from lip.admin_form_views import AdminFormView
from lip.filters import SafeModelChoiceFilter
from lip.formfields import SafeModelChoiceField

from .. import permissions
from ..models import ConsiderationTable, TableState
from ..reports.admin.base import IssuedViewSetMixin, RetryConfirmView
from . import services

OPEN_ACTIONS = frozenset({"view", "add"})


class TablePolicy(ModelPermissionPolicy):
    """Viewing and issuing tables: those who issue reports (no model permissions of its own); nothing else."""

    def user_has_permission(self, user, action):
        return action in OPEN_ACTIONS and bool(permissions.can_issue_consideration_table(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not OPEN_ACTIONS & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.with_perm("monitoring.issue_report")


register_permission_policy(ConsiderationTable, TablePolicy(ConsiderationTable))


def can_issue(user) -> bool:
    return bool(permissions.can_issue_consideration_table(user))


class IssueForm(forms.Form):
    page = SafeModelChoiceField(
        label=_("Planentwurf"),
        queryset=PlanDraftPage.objects.order_by("title"),
        help_text=_(
            "Die Tabelle hält alle veröffentlichten Beiträge und Abwägungen zu diesem Entwurf so fest, wie sie jetzt sind."
        ),
    )


class TableIssueView(AdminFormView):
    template_name = "monitoring/admin/consideration_form.html"
    form_class = IssueForm
    page_title = _("Abwägungstabelle erstellen")
    header_icon = "table"
    access_rule = can_issue
    index_url_name = "monitoring-consideration:index"
    index_label = _("Abwägungstabellen")

    def get_initial(self):
        initial = IssueForm(self.request.GET)
        return {"page": initial.cleaned_data["page"]} if initial.is_valid() else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_url=self.request.path, submit_button_label=_("Abwägungstabelle erstellen"))
        return context

    def form_valid(self, form):
        try:
            services.table_issue(page=form.cleaned_data["page"], user=self.request.user)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Die Abwägungstabelle ist festgehalten; ihre PDF-Datei wird im Hintergrund erstellt."),
        )
        return redirect("monitoring-consideration:index")


class TableRetryView(RetryConfirmView):
    page_title = _("PDF der Abwägungstabelle erneut erstellen")
    model = ConsiderationTable
    index_url_name = "monitoring-consideration:index"
    access_rule = can_issue
    success_message = _("Die PDF-Datei wird erneut erstellt.")

    def retry(self, user):
        services.table_retry(table=self.target, user=user)


class TableIndexView(generic.IndexView):
    add_item_label = _("Abwägungstabelle erstellen")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "version")

    def get_list_more_buttons(self, instance):
        buttons = []
        if instance.is_ready:
            buttons.append(object_action(_("PDF öffnen"), "monitoring:consideration_pdf", instance.pk, "doc-full", 1))
        buttons.append(
            object_action(_("XLSX herunterladen"), "monitoring:consideration_xlsx", instance.pk, "download", 2)
        )
        if instance.is_failed:
            buttons.append(
                object_action(_("Erneut versuchen"), "monitoring-consideration:retry", instance.pk, "rotate", 3)
            )
        return buttons


def _state(table: ConsiderationTable) -> str:
    label = table.get_state_display()
    if table.state == TableState.FAILED and table.error:
        return f"{label}: {table.error[:200]}"
    return label


class TableFilterSet(WagtailFilterSet):
    page = SafeModelChoiceFilter(label=_("Planentwurf"), queryset=PlanDraftPage.objects.order_by("title"))
    state = django_filters.ChoiceFilter(label=_("Status"), choices=TableState.choices)

    class Meta:
        model = ConsiderationTable
        fields = ["page", "state"]


class ConsiderationTableViewSet(IssuedViewSetMixin, ModelViewSet):
    model = ConsiderationTable
    icon = "table"
    menu_label = _("Abwägungstabellen")
    inspect_view_fields = [
        "title",
        "page",
        "version",
        "state",
        "error",
        "attempts",
        "page_count",
        "pdf_sha256",
        "issued_at",
        "issued_by",
        "finished_at",
    ]
    index_view_class = TableIndexView
    list_display = [
        "title",
        Column("version", label=_("Fassung"), accessor=lambda t: t.version.number if t.version_id else "–"),
        Column("rows", label=_("Beiträge"), accessor=lambda t: t.row_count),
        Column("state", label=_("Status"), accessor=_state, sort_key="state"),
        "page_count",
        DateColumn("issued_at", label=_("erstellt am")),
    ]
    filterset_class = TableFilterSet
    ordering = ["-issued_at"]
    issue_view_class = TableIssueView
    retry_view_class = TableRetryView
