"""Applications in the staff workspace: list, filters, inspect view with the scores, history.

Applications are written by applicants; staff change them only through the decision views (`ideas.decisions.admin`),
which call the decision services: a refusal is shown on the form and nothing is stored.
"""

import django_filters
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem as WagtailMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.models import District, Organisation, Topic

from .. import permissions
from ..decisions.admin import AwardView, DeclineView, EligibilityView
from ..funds.admin import money_column
from ..funds.selectors import fund_figures
from ..jury.selectors import scores_by_juror
from ..models import Application, ApplicationState, CompetitionPage
from ..templatetags.ideas_tags import euro
from . import selectors


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
    competition = SafeModelChoiceFilter(label=_("Wettbewerb"), queryset=CompetitionPage.objects.all())
    state = django_filters.ChoiceFilter(label=_("Stand"), choices=ApplicationState.choices)
    organisation = SafeModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.filter(applications__isnull=False).distinct()
    )
    districts = SafeModelChoiceFilter(label=_("Stadtbezirk"), queryset=District.objects.all())
    topics = SafeModelChoiceFilter(label=_("Handlungsfeld"), queryset=Topic.objects.all())

    class Meta:
        model = Application
        fields = ["competition", "state", "organisation", "districts", "topics"]


# The decisions on an application as buttons: (URL name, label, icon, the predicate that decides when it is open).
DECISIONS = (
    ("eligibility", _("Zulässigkeit prüfen"), "check", permissions.can_decide_eligibility),
    ("award", _("Fördern"), "success", permissions.can_award),
    ("decline", _("Ablehnen"), "circle-xmark", permissions.can_decline),
)


class DecisionButtonsMixin:
    """The decisions open for an application, as buttons (the same predicates decide as in the views)."""

    def decision_buttons(self, application: Application, *, button_class=Button) -> list:
        user = self.request.user
        return [
            button_class(
                label,
                url=reverse(f"ideas-applications:{name}", args=[application.pk]),
                icon_name=icon,
                priority=priority,
            )
            for priority, (name, label, icon, rule) in enumerate(DECISIONS, start=5)
            if rule(user, application)
        ]


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
            scores=scores_by_juror(application),
            fund_figures=fund_figures(application.competition.fund_id),
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
        Column(
            "reference", label=_("Nummer"), accessor=lambda a: a.reference or gettext("Entwurf"), sort_key="reference"
        ),
        "organisation",
        _state_column(),
        money_column("requested_amount", _("beantragt")),
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
