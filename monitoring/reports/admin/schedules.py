"""Report schedules in the Wagtail admin, with their Celery beat task and „Jetzt erstellen“."""

from datetime import date

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lip.access import RuleRequiredMixin
from lip.admin_buttons import object_action, object_button
from lip.admin_forms_support import ServiceSaveMixin

from ... import permissions
from ...models import ReportSchedule
from .. import selectors, services
from ..forms import ScheduleForm
from ..periods import MONTHS_PER_PERIOD, period_just_ended
from .base import IssueConfirmView, bodies_label


class ScheduleSaveMixin(RuleRequiredMixin, ServiceSaveMixin):
    access_rule = permissions.can_plan_reports

    def save_instance(self):
        return services.schedule_save(
            schedule=self.form.instance,
            user=self.request.user,
            recipients=list(self.form.cleaned_data.get("recipients", [])),
        )


class ScheduleCreateView(ScheduleSaveMixin, generic.CreateView):
    pass


class ScheduleEditView(ScheduleSaveMixin, generic.EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if permissions.can_issue_report(self.request.user):
            buttons.append(
                object_button(_("Jetzt erstellen"), "monitoring-schedules:issue", self.object.pk, "doc-full")
            )
        return buttons


class ScheduleDeleteView(generic.DeleteView):
    def delete_action(self):
        services.schedule_delete(schedule=self.object, user=self.request.user)


class ScheduleIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.schedule_list()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if permissions.can_issue_report(self.request.user):
            buttons.insert(
                0, object_action(_("Jetzt erstellen"), "monitoring-schedules:issue", instance.pk, "doc-full", 5)
            )
            buttons.append(
                MenuItem(
                    _("Anderen Zeitraum erstellen"),
                    url=reverse("monitoring-runs:add") + f"?plan={instance.pk}",
                    icon_name="date",
                    priority=6,
                )
            )
        return buttons


class ScheduleIssueView(IssueConfirmView):
    """„Jetzt erstellen“: the schedule's report for the period just ended."""

    page_title = _("Bericht jetzt erstellen")
    confirm_label = _("Bericht jetzt erstellen")
    model = ReportSchedule
    index_url_name = "monitoring-schedules:index"

    def get_warnings(self):
        return selectors.withheld_award_notes()

    def get_description(self):
        period = period_just_ended(self.target.period, date.today())
        return gettext(
            "Für den abgelaufenen Zeitraum %(period)s wird der Entwurf des Berichts „%(title)s“ an %(bodies)s angelegt. "
            "Erstellt wird er, wenn eine zweite Person ihn geprüft und freigegeben hat."
        ) % {
            "title": self.target.title,
            "period": period.label,
            "bodies": bodies_label(self.target.audiences, self.target.district),
        }

    def post(self, request, pk):
        run, started = services.schedule_issue_now(schedule=self.target, user=request.user)
        if started and run.is_draft:
            messages.success(
                request,
                gettext("Der Entwurf für den Zeitraum %(start)s bis %(end)s ist angelegt.")
                % {"start": f"{run.period_start:%d.%m.%Y}", "end": f"{run.period_end:%d.%m.%Y}"},
            )
            return redirect("monitoring-runs:texts", pk=run.pk)
        if started:
            messages.success(
                request,
                gettext("Der Bericht für den Zeitraum %(start)s bis %(end)s wird erstellt.")
                % {"start": f"{run.period_start:%d.%m.%Y}", "end": f"{run.period_end:%d.%m.%Y}"},
            )
        else:
            messages.warning(
                request,
                gettext(
                    "Für diesen Zeitraum gibt es schon einen Lauf (%(status)s). Für einen anderen Zeitraum nutzen Sie „Bericht erstellen“."
                )
                % {"status": run.get_status_display()},
            )
        return redirect("monitoring-runs:index")


def _next_run(schedule: ReportSchedule) -> str:
    if not schedule.enabled:
        return gettext("ausgeschaltet")
    today = date.today()
    months = MONTHS_PER_PERIOD[schedule.period]
    for offset in range(13):
        month_index = today.year * 12 + today.month - 1 + offset
        year, month = divmod(month_index, 12)
        if month % months == 0:
            day = date(year, month + 1, schedule.run_day)
            if day >= today:
                return f"{day:%d.%m.%Y}, {schedule.run_hour}:00"
    return "–"


class ScheduleViewSet(ModelViewSet):
    model = ReportSchedule
    icon = "calendar-alt"
    menu_label = _("Berichtspläne")
    copy_view_enabled = False
    index_view_class = ScheduleIndexView
    add_view_class = ScheduleCreateView
    edit_view_class = ScheduleEditView
    delete_view_class = ScheduleDeleteView
    list_display = [
        "title",
        Column("period", label=_("Turnus"), accessor="get_period_display", sort_key="period"),
        Column("audiences", label=_("Gremien"), accessor=lambda s: bodies_label(s.audiences, s.district)),
        Column("enabled", label=_("aktiv"), accessor=lambda s: gettext("ja") if s.enabled else gettext("nein")),
        Column("next_run", label=_("nächster Lauf"), accessor=_next_run),
    ]
    ordering = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            MultiFieldPanel([FieldPanel("audiences"), FieldPanel("district")], heading=_("An wen")),
            FieldPanel("sections"),
            MultiFieldPanel([FieldPanel("recipients"), FieldPanel("extra_recipients")], heading=_("Empfänger*innen")),
            MultiFieldPanel(
                [
                    FieldPanel("period"),
                    FieldRowPanel([FieldPanel("run_day"), FieldPanel("run_hour")]),
                    FieldPanel("enabled"),
                ],
                heading=_("Wann (Celery beat)"),
            ),
            MultiFieldPanel(
                [FieldPanel("signer_formula"), FieldPanel("signer_name"), FieldPanel("signer_function")],
                heading=_("Unterschrift (nur wenn abweichend von den Einstellungen)"),
            ),
        ],
        base_form_class=ScheduleForm,
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/erstellen/", ScheduleIssueView.as_view(), name="issue")]
