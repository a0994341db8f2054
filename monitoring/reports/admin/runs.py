"""Report runs in the Wagtail admin: drafts and drafts in review (`review`), queued, running, done or failed with the
error; a report on demand for any period (a draft); „Erneut versuchen“.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lip.admin_buttons import object_action
from lip.admin_forms_support import show_validation_error

from ... import permissions
from ...models import ReportPeriod, ReportRun, ReportSection, ReportStatus
from .. import selectors, services
from ..forms import RunPlanForm, RunRequestForm
from ..periods import period_just_ended
from . import review
from .base import PERIOD_COLUMN, IssuedViewSetMixin, RetryConfirmView, RunFormView


class RunRequestView(RunFormView):
    """A report for any period, on demand (prefilled from a schedule with ?plan=<id>)."""

    template_name = "monitoring/admin/run_form.html"
    form_class = RunRequestForm
    page_title = _("Bericht erstellen")
    header_icon = "doc-full"

    @cached_property
    def schedule(self):
        form = RunPlanForm(self.request.GET)
        return form.cleaned_data["plan"] if form.is_valid() else None

    def get_initial(self):
        schedule = self.schedule
        if schedule is None:
            period = period_just_ended(ReportPeriod.QUARTERLY, date.today())
            return {
                "title": gettext("Monitoring LIP 4.0 – Bericht an die Ratsgremien"),
                "period_start": period.start,
                "period_end": period.end,
                "sections": ReportSection.values,
                "recipients": list(services.council_members()),
            }
        period = period_just_ended(schedule.period, date.today())
        return {
            "title": schedule.title,
            "audiences": schedule.audiences,
            "district": schedule.district,
            "sections": schedule.sections,
            "period_start": period.start,
            "period_end": period.end,
            "recipients": list(schedule.recipients.all()),
            "extra_recipients": schedule.extra_recipients,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Entwurf anlegen"),
            warnings=selectors.withheld_award_notes(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            run = services.run_request(
                user=self.request.user,
                title=data["title"],
                audiences=data["audiences"],
                sections=data["sections"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                district=data.get("district"),
                recipients=list(data.get("recipients", [])),
                extra_recipients=data.get("extra_recipients", ""),
                schedule=None,
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Der Entwurf ist angelegt. Schreiben Sie die Texte und legen Sie ihn dann zur Prüfung vor."),
        )
        return redirect("monitoring-runs:texts", pk=run.pk)


WAITING_NOTICE_AFTER = timedelta(minutes=1)


def _status(run: ReportRun) -> str:
    label = run.get_status_display()
    if run.status == ReportStatus.FAILED and run.error:
        return f"{label}: {run.error[:200]}"
    if run.status == ReportStatus.IN_REVIEW and run.submitted_by:
        return gettext("%(status)s (vorgelegt von %(who)s)") % {"status": label, "who": run.submitted_by}
    if run.status == ReportStatus.QUEUED and timezone.now() - run.requested_at >= WAITING_NOTICE_AFTER:
        # The task waits in the outbox (broker down) or in the broker's queue (no worker free): it starts by itself.
        return gettext(
            "%(status)s – wartet seit über einer Minute auf die Aufgabenwarteschlange und startet von selbst, sobald sie ihn annimmt."
        ) % {"status": label}
    return label


class RunIndexView(generic.IndexView):
    add_item_label = _("Bericht erstellen")

    def get_base_queryset(self):
        return selectors.run_list()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if instance.status in (ReportStatus.DRAFT, ReportStatus.IN_REVIEW) and permissions.can_issue_report(user):
            label = _("Texte bearbeiten") if instance.is_draft else _("Texte ansehen")
            buttons.insert(0, object_action(label, "monitoring-runs:texts", instance.pk, "edit", 1))
            buttons.append(object_action(_("Entwurf als PDF"), "monitoring-runs:preview", instance.pk, "doc-full", 7))
        if permissions.can_submit_report(user, instance):
            buttons.insert(
                1, object_action(_("Zur Prüfung vorlegen"), "monitoring-runs:submit", instance.pk, "mail", 2)
            )
        if permissions.can_review_report(user, instance):
            buttons.insert(
                0, object_action(_("Prüfen und freigeben"), "monitoring-runs:approve", instance.pk, "tick", 1)
            )
        if permissions.can_return_report(user, instance):
            buttons.append(object_action(_("Zurück in den Entwurf"), "monitoring-runs:return", instance.pk, "undo", 6))
        if services.run_can_be_retried(instance) and permissions.can_issue_report(self.request.user):
            buttons.insert(0, object_action(_("Erneut versuchen"), "monitoring-runs:retry", instance.pk, "rotate", 5))
        report = getattr(instance, "report", None) if instance.status == ReportStatus.DONE else None
        if report is not None:
            buttons.insert(
                0, object_action(_("Bericht ansehen"), "monitoring-reports:inspect", report.pk, "doc-full", 4)
            )
        return buttons


class RunRetryView(RetryConfirmView):
    page_title = _("Berichtslauf wiederholen")
    model = ReportRun
    index_url_name = "monitoring-runs:index"
    success_message = _("Der Bericht wird erneut erstellt.")

    def retry(self, user):
        services.run_retry(run=self.target, user=user)


class RunViewSet(IssuedViewSetMixin, ModelViewSet):
    model = ReportRun
    icon = "history"
    menu_label = _("Berichtsläufe")
    index_view_class = RunIndexView
    list_display = [
        "title",
        PERIOD_COLUMN,
        Column("status", label=_("Status"), accessor=_status, sort_key="status"),
        "number",
        "attempts",
        Column("requested_by", label=_("angefordert von"), accessor=lambda r: r.requested_by or gettext("Zeitplan")),
        DateColumn("requested_at", label=_("angefordert am")),
    ]
    inspect_view_fields = [
        "title",
        "schedule",
        "period_start",
        "period_end",
        "status",
        "error",
        "attempts",
        "number",
        "requested_by",
        "requested_at",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "started_at",
        "finished_at",
    ]
    list_filter = ["status"]
    ordering = ["-requested_at"]
    issue_view_class = RunRequestView  # a draft, written and reviewed before the task issues it (`review`)
    retry_view_class = RunRetryView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/texte/", review.RunTextsView.as_view(), name="texts"),
            path("<int:pk>/vorlegen/", review.RunSubmitView.as_view(), name="submit"),
            path("<int:pk>/freigeben/", review.RunApproveView.as_view(), name="approve"),
            path("<int:pk>/zurueck/", review.RunReturnView.as_view(), name="return"),
            path("<int:pk>/entwurf.pdf", review.RunPreviewView.as_view(), name="preview"),
        ]
