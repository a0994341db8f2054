"""The staff workspace of the fund in the Wagtail admin: funds, applications with their decisions, jury assignments,
the ranking. Wired in `wagtail_hooks.py`.

Applications are written by applicants; staff change them only through the decision views here (eligibility, award,
decline), which call `ideas.services`: a refusal is shown on the form and nothing is stored. Who may open a view is
Wagtail's model permission plus `ideas.permissions` (the Moderation role has both, see `apps.STAFF_PERMISSIONS`).
"""

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as WagtailMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from lip.exports import LipExportMixin
from lip.formfields import INT64_MAX, CleanFormMixin
from lip.models import District, Organisation, Topic
from lip.roles import Role, group_name

from . import permissions, selectors, services
from .forms import EuroField
from .models import Application, ApplicationState, CompetitionPage, Fund, JuryAssignment
from .templatetags.ideas_tags import euro


def show_validation_error(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
    else:
        form.add_error(None, error)


class ServiceSaveMixin:
    """Create and edit views whose `save_instance` calls a service: refusals become form errors, not a 500."""

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except ValidationError as error:
            show_validation_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


def _money_column(name: str, label, *, sort_key: str | None = None) -> Column:
    return Column(name, label=label, accessor=lambda obj: euro(getattr(obj, name)), sort_key=sort_key or name)


# --- Funds -------------------------------------------------------------------------------------------------------


class FundForm(CleanFormMixin, WagtailAdminModelForm):
    class Meta:
        model = Fund
        fields = ["name", "year", "budget", "description"]


class FundSaveMixin(ServiceSaveMixin):
    log_action = "wagtail.edit"

    def save_instance(self):
        fund = services.fund_save(fund=self.form.instance, user=self.request.user)
        log(instance=fund, action=self.log_action, user=self.request.user)
        return fund


class FundCreateView(FundSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class FundEditView(FundSaveMixin, generic.EditView):
    pass


class FundDeleteView(generic.DeleteView):
    """A fund that finances a competition or an award stays: it is the record of where the money came from."""

    def form_valid(self, form):
        if self.object.competitions.exists() or self.object.awards.exists():
            messages.error(self.request, gettext("Dieser Fonds finanziert bereits Wettbewerbe oder Förderungen und kann nicht gelöscht werden."))
            return redirect(reverse(self.edit_url_name, args=(self.object.pk,)))
        return super().form_valid(form)


class FundIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.funds_with_totals()


class FundViewSet(ModelViewSet):
    model = Fund
    icon = "decimal"
    menu_label = _("Fonds")
    copy_view_enabled = False
    index_view_class = FundIndexView
    add_view_class = FundCreateView
    edit_view_class = FundEditView
    delete_view_class = FundDeleteView
    list_display = [
        "name",
        "year",
        _money_column("budget", _("Budget")),
        _money_column("committed", _("bewilligt")),
        _money_column("remaining", _("verfügbar")),
        Column("award_count", label=_("Förderungen"), sort_key="award_count"),
    ]
    list_export = ["name", "year", "budget", "committed", "remaining", "award_count"]
    export_headings = {"committed": _("bewilligt"), "remaining": _("verfügbar"), "award_count": _("Förderungen")}
    ordering = ["-year"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("year"), FieldPanel("budget"), FieldPanel("description")], base_form_class=FundForm
    )


# --- Applications ------------------------------------------------------------------------------------------------


class DecisionsOnlyPolicy(ModelPermissionPolicy):
    """Applications are written by applicants. In the admin they are read, and changed only by the decision views
    (which check `ideas.permissions`); the generic add, edit and delete views are closed to everyone."""

    CLOSED = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.CLOSED and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.CLOSED])


class ApplicationFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(label=_("Wettbewerb"), queryset=CompetitionPage.objects.all())
    state = django_filters.ChoiceFilter(label=_("Stand"), choices=ApplicationState.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.filter(applications__isnull=False).distinct()
    )
    districts = django_filters.ModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all())
    topics = django_filters.ModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())

    class Meta:
        model = Application
        fields = ["competition", "state", "organisation", "districts", "topics"]


class DecisionButtonsMixin:
    """The decisions open for an application, as buttons (the same predicates decide as in the views)."""

    def decision_buttons(self, application: Application, *, button_class=Button) -> list:
        user = self.request.user
        buttons = []
        if permissions.can_decide_eligibility(user, application):
            buttons.append(
                button_class(_("Zulässigkeit prüfen"), url=reverse("ideas-applications:eligibility", args=[application.pk]), icon_name="check", priority=5)
            )
        if permissions.can_award(user, application):
            buttons.append(
                button_class(_("Fördern"), url=reverse("ideas-applications:award", args=[application.pk]), icon_name="success", priority=6)
            )
        if permissions.can_decline(user, application):
            buttons.append(
                button_class(_("Ablehnen"), url=reverse("ideas-applications:decline", args=[application.pk]), icon_name="circle-xmark", priority=7)
            )
        return buttons


class ApplicationIndexView(DecisionButtonsMixin, LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.application_list_for_staff()

    def get_list_more_buttons(self, instance):
        return self.decision_buttons(instance, button_class=WagtailMenuItem) + super().get_list_more_buttons(instance)


class ApplicationInspectView(DecisionButtonsMixin, generic.InspectView):
    template_name = "ideas/admin/application_inspect.html"

    def get_object(self, queryset=None):
        application = selectors.application_detail(self.pk)
        if application is None:
            from django.http import Http404

            raise Http404
        return application

    @cached_property
    def header_buttons(self):
        return self.decision_buttons(self.object, button_class=HeaderButton)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        prefetch_related_objects([application.competition], "criteria")
        context.update(
            application=application,
            scores=selectors.scores_by_juror(application),
            fund_figures=selectors.fund_figures(application.competition.fund_id),
            award=getattr(application, "award", None),
        )
        return context


class ApplicationHistoryView(HistoryView):
    """The audit log of an application (submitted, checked, awarded, ...), for everyone who may read applications."""

    any_permission_required = ["view"]


def _state_column():
    return Column("state", label=_("Stand"), accessor="get_state_display", sort_key="state")


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "doc-full"
    menu_label = _("Anträge")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    history_view_class = ApplicationHistoryView
    list_display = [
        "title",
        Column("reference", label=_("Nummer"), accessor=lambda a: a.reference or gettext("Entwurf"), sort_key="reference"),
        "organisation",
        _state_column(),
        _money_column("requested_amount", _("beantragt")),
        Column("award_amount", label=_("bewilligt"), accessor=lambda a: euro(a.award_amount), sort_key="award_amount"),
        DateColumn("submitted_at", label=_("eingereicht am")),
    ]
    list_export = [
        "reference",
        "title",
        "organisation",
        "competition",
        "state",
        "total_costs",
        "own_contribution",
        "requested_amount",
        "award_amount",
        "submitted_at",
    ]
    export_headings = {"award_amount": _("bewilligt")}
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "organisation__name"]
    search_backend_name = None
    ordering = ["-submitted_at", "-created_at"]
    form_fields = ["title"]  # the generic edit views are closed (DecisionsOnlyPolicy); this only satisfies the viewset

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/zulaessigkeit/", EligibilityView.as_view(), name="eligibility"),
            path("<int:pk>/foerdern/", AwardView.as_view(), name="award"),
            path("<int:pk>/ablehnen/", DeclineView.as_view(), name="decline"),
        ]

    def get_history_view_kwargs(self, **kwargs):
        # The history's "edit" links lead to the inspect view: applications are not edited in the admin.
        return super().get_history_view_kwargs(edit_url_name=self.get_url_name("inspect"), **kwargs)


# --- Decisions ---------------------------------------------------------------------------------------------------


class EligibilityForm(CleanFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"),
        choices=[("eligible", _("zulässig – an die Jury")), ("not_eligible", _("nicht zulässig"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pflicht bei „nicht zulässig“. Die antragstellende Organisation erhält sie per E-Mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "not_eligible" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Bitte begründen Sie, warum der Antrag nicht zulässig ist."))
        return cleaned


class AwardForm(CleanFormMixin, forms.Form):
    amount = EuroField(label=_("Fördersumme (€)"), help_text=_("Höchstens die beantragte Förderung und die Höchstförderung des Wettbewerbs."))
    conditions = forms.CharField(
        label=_("Auflagen (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eine Auflage je Zeile. Sie stehen im Förderbescheid."),
    )


class DeclineForm(CleanFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begründung (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die antragstellende Organisation erhält sie per E-Mail."),
    )


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """One staff decision on one application. The predicate named in `decision` decides who may open it."""

    template_name = "ideas/admin/decision_form.html"
    header_icon = "doc-full"
    decision = None  # a function (user, application) -> Decision
    submit_button_label = _("Entscheiden")

    def dispatch(self, request, *args, **kwargs):
        self.application = get_object_or_404(
            Application.objects.select_related("competition", "organisation", "award"), pk=kwargs["pk"]
        )
        if not permissions.is_fund_staff(request.user):
            raise PermissionDenied
        verdict = type(self).decision(request.user, self.application)
        if not verdict:
            messages.error(request, verdict.reason)
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def inspect_url(self):
        return reverse("ideas-applications:inspect", args=[self.application.pk])

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ideas-applications:index"), "label": _("Anträge")},
            {"url": self.inspect_url, "label": str(self.application)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            fund_figures=selectors.fund_figures(self.application.competition.fund_id),
        )
        return context

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except PermissionDenied as exc:
            messages.error(self.request, str(exc) or gettext("Das ist nicht möglich."))
            return redirect(self.inspect_url)
        except ValidationError as exc:
            show_validation_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, self.success_message())
        return redirect(self.inspect_url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EligibilityView(DecisionView):
    form_class = EligibilityForm
    page_title = _("Zulässigkeit prüfen")
    submit_button_label = _("Ergebnis speichern und mitteilen")
    decision = staticmethod(permissions.can_decide_eligibility)

    def perform(self, data):
        self.application = services.application_decide_eligibility(
            application=self.application,
            user=self.request.user,
            eligible=data["decision"] == "eligible",
            reason=data.get("reason", ""),
        )

    def success_message(self):
        return gettext("%(application)s: %(state)s. Die antragstellende Organisation wird per E-Mail informiert.") % {
            "application": self.application,
            "state": self.application.get_state_display(),
        }


class AwardView(DecisionView):
    form_class = AwardForm
    page_title = _("Förderung bewilligen")
    submit_button_label = _("Förderung bewilligen und Bescheid senden")
    decision = staticmethod(permissions.can_award)

    def get_initial(self):
        return {"amount": min(self.application.requested_amount, self.application.competition.max_grant)}

    def perform(self, data):
        self.award = services.award_grant(
            application=self.application, user=self.request.user, amount=data["amount"], conditions=data.get("conditions", "")
        )

    def success_message(self):
        return gettext("%(application)s wird mit %(amount)s gefördert. Der Förderbescheid geht per E-Mail an die Organisation.") % {
            "application": self.application,
            "amount": euro(self.award.amount),
        }


class DeclineView(DecisionView):
    form_class = DeclineForm
    page_title = _("Antrag ablehnen")
    submit_button_label = _("Ablehnen und mitteilen")
    decision = staticmethod(permissions.can_decline)

    def perform(self, data):
        self.application = services.application_decline(
            application=self.application, user=self.request.user, reason=data.get("reason", "")
        )

    def success_message(self):
        return gettext("%(application)s wird nicht gefördert. Die Organisation wird per E-Mail informiert.") % {
            "application": self.application
        }


# --- Jury assignments --------------------------------------------------------------------------------------------


class JurorChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        from django.contrib.auth import get_user_model

        queryset = get_user_model().objects.filter(groups__name=group_name(Role.JURY), is_active=True).order_by("display_name", "email")
        super().__init__(queryset=queryset, label=_("Jurymitglied"), help_text=_("Personen in der Gruppe „Jury“."), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj} <{obj.email}>"


class JuryAssignmentForm(CleanFormMixin, WagtailAdminModelForm):
    juror = JurorChoiceField()

    class Meta:
        model = JuryAssignment
        fields = ["competition", "juror"]


class JuryAssignmentCreateView(ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        return services.jury_assign(
            competition=self.form.cleaned_data["competition"],
            juror=self.form.cleaned_data["juror"],
            user=self.request.user,
        )


class JuryAssignmentIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("competition", "juror", "assigned_by")


class JuryAssignmentFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(label=_("Wettbewerb"), queryset=CompetitionPage.objects.all())

    class Meta:
        model = JuryAssignment
        fields = ["competition"]


class JuryAssignmentViewSet(ModelViewSet):
    model = JuryAssignment
    icon = "group"
    menu_label = _("Jury")
    copy_view_enabled = False
    index_view_class = JuryAssignmentIndexView
    add_view_class = JuryAssignmentCreateView
    list_display = ["juror", "competition", "assigned_by", "assigned_at"]
    list_export = ["juror", "competition", "assigned_by", "assigned_at"]
    filterset_class = JuryAssignmentFilterSet
    ordering = ["competition", "juror__display_name"]
    edit_handler = ObjectList([FieldPanel("competition"), FieldPanel("juror")], base_form_class=JuryAssignmentForm)


# --- Ranking -----------------------------------------------------------------------------------------------------


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_ranking(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RankingIndexView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ideas/admin/ranking_index.html"
    page_title = _("Rangliste")
    header_icon = "list-ol"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["competitions"] = list(CompetitionPage.objects.select_related("fund").order_by("-submission_start"))
        return context


class RankingView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ideas/admin/ranking.html"
    page_title = _("Rangliste")
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["pk"] > INT64_MAX:  # SQLite cannot even look for it
            raise Http404
        self.competition = get_object_or_404(CompetitionPage.objects.select_related("fund"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.competition.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ideas-ranking:index"), "label": _("Rangliste")},
            {"url": "", "label": self.competition.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            competition=self.competition,
            rows=selectors.ranking(self.competition),
            criteria=list(self.competition.criteria.order_by("sort_order")),
            jurors=list(
                JuryAssignment.objects.filter(competition=self.competition).select_related("juror").order_by("juror__display_name")
            ),
            fund_figures=selectors.fund_figures(self.competition.fund_id),
        )
        return context


class RankingViewSet(ViewSet):
    name = "ideas-ranking"
    icon = "list-ol"
    menu_label = _("Rangliste")

    def get_urlpatterns(self):
        return [
            path("", RankingIndexView.as_view(), name="index"),
            path("<int:pk>/", RankingView.as_view(), name="ranking"),
        ]

    @cached_property
    def menu_item_class(self):
        def is_shown(_self, request):
            return permissions.can_view_ranking(request.user)

        return type("RankingMenuItem", (MenuItem,), {"is_shown": is_shown})


class IdeasGroup(ModelViewSetGroup):
    menu_label = _("Ideenwettbewerb")
    menu_icon = "pick"
    menu_order = 245
    items = (
        ApplicationViewSet("ideas-applications"),
        FundViewSet("ideas-funds"),
        JuryAssignmentViewSet("ideas-jury"),
        RankingViewSet(),
    )
