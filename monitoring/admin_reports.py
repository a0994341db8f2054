"""Reports to the council bodies in the Wagtail admin: schedules (with their Celery beat task and „Jetzt erstellen“),
runs (queued, running, done or failed with the error; a report on demand for any period; „Erneut versuchen“), issued
reports (with the public release) and the statistics dashboard (Wagtail report views with charts and CSV export).

Wired in `wagtail_hooks.py`. Runs and reports are never edited or deleted here: a run is requested (and retried), a
report is issued by the task and only released; their permission policies close the generic views.
"""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from lip.exports import LipExportMixin
from lip.formfields import CleanFormMixin

from . import charts, permissions, selectors, services, statistics
from .admin_views import ServiceSaveMixin, show_validation_error
from .forms import RunPlanForm, RunRequestForm, ScheduleForm
from .models import Audience, Report, ReportPeriod, ReportRun, ReportSchedule, ReportSection, ReportStatus
from .periods import MONTHS_PER_PERIOD, period_just_ended
from .views import statistics_charts


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


def _bodies(audiences, district=None) -> str:
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


# --- Schedules -----------------------------------------------------------------------------------------------------


class ScheduleSaveMixin(ServiceSaveMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_plan_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
                HeaderButton(
                    _("Jetzt erstellen"),
                    url=reverse("monitoring-schedules:issue", args=[self.object.pk]),
                    icon_name="doc-full",
                )
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
                0,
                MenuItem(
                    _("Jetzt erstellen"),
                    url=reverse("monitoring-schedules:issue", args=[instance.pk]),
                    icon_name="doc-full",
                    priority=5,
                ),
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


class ScheduleIssueView(ConfirmView):
    """„Jetzt erstellen“: the schedule's report for the period just ended."""

    page_title = _("Bericht jetzt erstellen")
    confirm_label = _("Bericht jetzt erstellen")

    def dispatch(self, request, pk):
        if not permissions.can_issue_report(request.user):
            raise PermissionDenied
        self.schedule = get_object_or_404(ReportSchedule, pk=pk)
        return super().dispatch(request, pk)

    def cancel_url(self):
        return reverse("monitoring-schedules:index")

    def get_page_subtitle(self):
        return self.schedule.title

    def get_warnings(self):
        return selectors.withheld_award_notes()

    def get_description(self):
        period = period_just_ended(self.schedule.period, date.today())
        return gettext(
            "Der Bericht „%(title)s“ wird für den abgelaufenen Zeitraum %(period)s erstellt und an %(bodies)s adressiert."
        ) % {
            "title": self.schedule.title,
            "period": period.label,
            "bodies": _bodies(self.schedule.audiences, self.schedule.district),
        }

    def post(self, request, pk):
        run, started = services.schedule_issue_now(schedule=self.schedule, user=request.user)
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
        Column("audiences", label=_("Gremien"), accessor=lambda s: _bodies(s.audiences, s.district)),
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
        ],
        base_form_class=ScheduleForm,
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/erstellen/", ScheduleIssueView.as_view(), name="issue")]


# --- Runs ----------------------------------------------------------------------------------------------------------


class RunRequestView(WagtailAdminTemplateMixin, FormView):
    """A report for any period, on demand (prefilled from a schedule with ?plan=<id>)."""

    template_name = "monitoring/admin/run_form.html"
    form_class = RunRequestForm
    page_title = _("Bericht erstellen")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_issue_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def schedule(self):
        form = RunPlanForm(self.request.GET)
        return form.cleaned_data["plan"] if form.is_valid() else None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("monitoring-runs:index"), "label": _("Berichtsläufe")},
            {"url": "", "label": self.get_page_title()},
        ]

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
        form = context["form"]
        context.update(
            action_url=self.request.get_full_path(), submit_button_label=_("Bericht erstellen"), media=form.media,
            warnings=selectors.withheld_award_notes(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.run_request(
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
        messages.success(self.request, gettext("Der Bericht wird erstellt. Den Stand sehen Sie in dieser Liste."))
        return redirect("monitoring-runs:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


WAITING_NOTICE_AFTER = timedelta(minutes=1)


def _status(run: ReportRun) -> str:
    label = run.get_status_display()
    if run.status == ReportStatus.FAILED and run.error:
        return f"{label}: {run.error[:200]}"
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
        if services.run_can_be_retried(instance) and permissions.can_issue_report(self.request.user):
            buttons.insert(
                0,
                MenuItem(
                    _("Erneut versuchen"),
                    url=reverse("monitoring-runs:retry", args=[instance.pk]),
                    icon_name="rotate",
                    priority=5,
                ),
            )
        report = getattr(instance, "report", None) if instance.status == ReportStatus.DONE else None
        if report is not None:
            buttons.insert(
                0,
                MenuItem(
                    _("Bericht ansehen"),
                    url=reverse("monitoring-reports:inspect", args=[report.pk]),
                    icon_name="doc-full",
                    priority=4,
                ),
            )
        return buttons


class RunRetryView(ConfirmView):
    page_title = _("Berichtslauf wiederholen")
    confirm_label = _("Erneut versuchen")

    def dispatch(self, request, pk):
        if not permissions.can_issue_report(request.user):
            raise PermissionDenied
        self.run = get_object_or_404(ReportRun, pk=pk)
        return super().dispatch(request, pk)

    def cancel_url(self):
        return reverse("monitoring-runs:index")

    def get_page_subtitle(self):
        return str(self.run)

    def get_description(self):
        return gettext("Letzter Fehler: %(error)s") % {"error": self.run.error or "–"}

    def post(self, request, pk):
        try:
            services.run_retry(run=self.run, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Der Bericht wird erneut erstellt."))
        return redirect("monitoring-runs:index")


class RunViewSet(ModelViewSet):
    model = ReportRun
    icon = "history"
    menu_label = _("Berichtsläufe")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RunIndexView
    list_display = [
        "title",
        Column(
            "period",
            label=_("Zeitraum"),
            accessor=lambda r: f"{r.period_start:%d.%m.%Y} – {r.period_end:%d.%m.%Y}",
            sort_key="period_start",
        ),
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
        "started_at",
        "finished_at",
    ]
    list_filter = ["status"]
    ordering = ["-requested_at"]
    form_fields = ["title"]  # the generic edit view is closed (RunPolicy); this only satisfies the viewset

    @property
    def add_view(self):
        return RunRequestView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/wiederholen/", RunRetryView.as_view(), name="retry")]


# --- Issued reports ------------------------------------------------------------------------------------------------


class ReportInspectView(generic.InspectView):
    template_name = "monitoring/admin/report_inspect.html"

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                _("PDF öffnen"), url=reverse("monitoring:report_pdf", args=[self.object.pk]), icon_name="doc-full"
            )
        ]
        if self.object.annex_document_id:
            buttons.append(
                HeaderButton(
                    _("Anlage 1 öffnen"),
                    url=reverse("monitoring:report_annex_pdf", args=[self.object.pk]),
                    icon_name="doc-full",
                )
            )
        if permissions.can_release_report(self.request.user, self.object):
            buttons.append(
                HeaderButton(
                    _("Öffentlich freigeben"),
                    url=reverse("monitoring-reports:release", args=[self.object.pk]),
                    icon_name="globe",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            meta=self.object.snapshot.get("meta", {}),
            summary=self.object.snapshot.get("summary", {}),
        )
        return context


class ReportReleaseView(ConfirmView):
    page_title = _("Bericht öffentlich freigeben")
    confirm_label = _("Öffentlich freigeben")

    def dispatch(self, request, pk):
        self.report = get_object_or_404(Report, pk=pk)
        decision = permissions.can_release_report(request.user, self.report)
        if not decision:
            if request.user.is_authenticated and request.user.has_perm("monitoring.view_report"):
                messages.error(request, decision.reason)
                return redirect("monitoring-reports:inspect", pk)
            raise PermissionDenied
        return super().dispatch(request, pk)

    def cancel_url(self):
        return reverse("monitoring-reports:inspect", args=[self.report.pk])

    def get_page_subtitle(self):
        return str(self.report)

    def get_description(self):
        return gettext(
            "Der Bericht wird für alle sichtbar, auch ohne Anmeldung. Das lässt sich nicht rückgängig machen."
        )

    def get_warnings(self):
        return selectors.report_award_warnings(self.report)

    def post(self, request, pk):
        services.report_release(report=self.report, user=request.user)
        messages.success(
            request, gettext("Der Bericht %(number)s ist jetzt öffentlich.") % {"number": self.report.number}
        )
        return redirect("monitoring-reports:inspect", pk)


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("document", "annex_document")


class ReportViewSet(ModelViewSet):
    model = Report
    icon = "doc-full"
    menu_label = _("Berichte")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    list_display = [
        "number",
        "title",
        Column(
            "period",
            label=_("Zeitraum"),
            accessor=lambda r: f"{r.period_start:%d.%m.%Y} – {r.period_end:%d.%m.%Y}",
            sort_key="period_start",
        ),
        "page_count",
        "annex_page_count",
        DateColumn("issued_at", label=_("erstellt am")),
        Column(
            "released_at",
            label=_("öffentlich"),
            accessor=lambda r: r.released_at.strftime("%d.%m.%Y") if r.released_at else gettext("nein"),
        ),
    ]
    ordering = ["-issued_at"]
    form_fields = ["title"]  # the generic add and edit views are closed (ReportPolicy)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/freigeben/", ReportReleaseView.as_view(), name="release")]


# --- Statistics dashboard ------------------------------------------------------------------------------------------


class PeriodForm(CleanFormMixin, forms.Form):
    von = forms.DateField(label=_("von"), required=False, widget=AdminDateInput)
    bis = forms.DateField(label=_("bis"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("von") and cleaned.get("bis") and cleaned["bis"] < cleaned["von"]:
            self.add_error("bis", _("Der Zeitraum endet vor seinem Beginn. Bitte prüfen Sie die Daten."))
        return cleaned


class StatisticsMixin:
    """Staff only; the period comes from ?von=…&bis=… (both optional)."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_monitoring_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def period_form(self) -> PeriodForm:
        return PeriodForm(self.request.GET if ("von" in self.request.GET or "bis" in self.request.GET) else None)

    @cached_property
    def figures(self) -> statistics.ParticipationStatistics:
        start = end = None
        if self.period_form.is_bound and self.period_form.is_valid():
            start, end = self.period_form.cleaned_data.get("von"), self.period_form.cleaned_data.get("bis")
        return statistics.participation_statistics(start=start, end=end)


BREAKDOWNS = {
    "bezirke": ("by_district", _("Beteiligung nach Stadtbezirk"), _("Stadtbezirk")),
    "handlungsfelder": ("by_topic", _("Beteiligung nach Handlungsfeld"), _("Handlungsfeld")),
    "beteiligungen": ("by_consultation", _("Beteiligung nach Beteiligungsverfahren"), _("Beteiligung")),
    "wege": ("by_channel", _("Beteiligung nach Weg (online und analog)"), _("Weg")),
    "organisationen": ("organisations_by_type", _("Organisationen nach Art"), _("Art")),
    "veranstaltungen": ("events_by_kind", _("Veranstaltungen nach Art"), _("Art")),
    "ideen-bezirke": ("applications_by_district", _("Ideenwettbewerb nach Stadtbezirk"), _("Stadtbezirk")),
    "ideen-handlungsfelder": ("applications_by_topic", _("Ideenwettbewerb nach Handlungsfeld"), _("Handlungsfeld")),
}
ACTIVITY_FIELDS = {
    "label": None,
    "proposals_online": _("Vorschläge online"),
    "proposals_analog": _("Vorschläge analog"),
    "comments": _("Kommentare"),
    "votes_online": _("Stimmen online"),
    "votes_analog": _("Stimmen analog"),
}
COUNT_FIELDS = {
    "organisations_by_type": {"label": None, "count": _("registriert und bestätigt"), "other": _("beteiligt")},
    "events_by_kind": {"label": None, "count": _("Veranstaltungen"), "other": _("Teilnehmende")},
}
FUNDING_FIELDS = {
    "label": None,
    "applications": _("Anträge"),
    "awarded": _("gefördert"),
    "amount": _("Fördersumme (€)"),
}


class StatisticsDashboardView(StatisticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/statistics.html"
    page_title = _("Beteiligungsstatistik")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()
        context.update(
            period_form=self.period_form if self.period_form.is_bound else PeriodForm(),
            figures=self.figures,
            charts=statistics_charts(self.figures),
            breakdowns=[
                (title, reverse("monitoring_statistics:breakdown", args=[slug]) + (f"?{query}" if query else ""))
                for slug, (_attr, title, _first) in BREAKDOWNS.items()
            ],
        )
        return context


class BreakdownReportView(LipExportMixin, StatisticsMixin, ReportView):
    """One table of the statistics as a Wagtail report: chart, table, CSV and XLSX export."""

    results_template_name = "monitoring/admin/breakdown_results.html"
    header_icon = "table"
    paginate_by = 200

    def setup(self, request, *args, slug: str = "", **kwargs):
        super().setup(request, *args, **kwargs)
        if slug not in BREAKDOWNS:
            raise Http404
        self.slug = slug
        self.attribute, self.page_title, first = BREAKDOWNS[slug]
        fields = COUNT_FIELDS.get(self.attribute) or (
            FUNDING_FIELDS if self.attribute.startswith("applications") else ACTIVITY_FIELDS
        )
        self.list_export = list(fields)
        self.export_headings = {name: heading or first for name, heading in fields.items()}
        self.columns = [Column(name, label=heading or first) for name, heading in fields.items()]

    def get_index_url(self):
        return reverse("monitoring_statistics:breakdown", args=[self.slug])

    def get_index_results_url(self):
        return self.get_index_url()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("monitoring_statistics:dashboard"), "label": _("Beteiligungsstatistik")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_filename(self):
        return f"beteiligungsstatistik-{self.slug}-{date.today():%Y-%m-%d}"

    def get_filtered_queryset(self):
        return getattr(self.figures, self.attribute)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = getattr(self.figures, self.attribute)
        fields = [name for name in self.list_export if name != "label"]
        if fields[:2] == ["proposals_online", "proposals_analog"]:
            description = gettext(
                "Balkendiagramm: Vorschläge je Zeile, online (voll) und analog (schraffiert). Die Zahlen stehen in der Tabelle darunter."
            )
            series = [
                charts.Series(gettext("online"), [r.proposals_online for r in rows]),
                charts.Series(gettext("analog"), [r.proposals_analog for r in rows], style="hatched"),
            ]
        else:
            column = str(self.export_headings[fields[0]])
            description = gettext("Balkendiagramm der Spalte „%(column)s“ der Tabelle darunter.") % {"column": column}
            series = [charts.Series(column, [getattr(r, fields[0]) for r in rows])]
        context.update(
            period_form=self.period_form if self.period_form.is_bound else PeriodForm(),
            chart=charts.bar_chart(
                chart_id=f"chart-{self.slug}",
                title=str(self.page_title),
                description=description,
                categories=[r.label for r in rows],
                series=series,
            ),
        )
        return context
