"""The jury in the staff workspace: who judges which competition, and the ranking their scores make."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import ServiceSaveMixin
from lip.admin_menu import RuleMenuMixin
from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.formfields import INT64_MAX, CleanFormMixin
from lip.roles import Role, group_name

from .. import permissions
from ..funds.selectors import fund_figures
from ..models import CompetitionPage, JuryAssignment
from . import selectors, services


class JurorChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        from django.contrib.auth import get_user_model

        queryset = (
            get_user_model()
            .objects.filter(groups__name=group_name(Role.JURY), is_active=True)
            .order_by("display_name", "email")
        )
        super().__init__(
            queryset=queryset, label=_("Jurymitglied"), help_text=_("Personen in der Gruppe „Jury“."), **kwargs
        )

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
    competition = SafeModelChoiceFilter(label=_("Wettbewerb"), queryset=CompetitionPage.objects.all())

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


class RankingPageView(RuleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the ranking (the competitions, one competition's ranking), for those who may see it."""

    access_rule = permissions.can_view_ranking
    page_title = _("Rangliste")
    header_icon = "list-ol"


class RankingIndexView(RankingPageView):
    template_name = "ideas/admin/ranking_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["competitions"] = list(CompetitionPage.objects.select_related("fund").order_by("-submission_start"))
        return context


class RankingView(RankingPageView):
    template_name = "ideas/admin/ranking.html"

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
                JuryAssignment.objects.filter(competition=self.competition)
                .select_related("juror")
                .order_by("juror__display_name")
            ),
            fund_figures=fund_figures(self.competition.fund_id),
        )
        return context


class RankingViewSet(RuleMenuMixin, ViewSet):
    name = "ideas-ranking"
    icon = "list-ol"
    menu_label = _("Rangliste")
    menu_rule = permissions.can_view_ranking

    def get_urlpatterns(self):
        return [
            path("", RankingIndexView.as_view(), name="index"),
            path("<int:pk>/", RankingView.as_view(), name="ranking"),
        ]
