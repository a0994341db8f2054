"""The surveys' place in the Wagtail admin: one menu item "Umfragen" under "Beteiligung".

Its index lists every survey with its responses online and analog and the free texts waiting for a decision, and
leads, as far as the person may, to typing in paper sheets (`paper_views`), deciding on free texts and downloading
all answers (`text_moderation`) and the results page. Each view is guarded by its own rule from
`consultation.permissions`; the index and the menu by `can_manage_surveys` (any of them).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lip.access import RuleRequiredMixin
from lip.admin_menu import RuleMenuMixin

from .. import permissions
from ..workspace.group import CONSULTATION_MENU_HOOK
from . import paper_views, selectors, text_moderation

EXPORT_FORMATS = (("xlsx", "XLSX"), ("csv", "CSV"))


def index_url() -> str:
    return reverse("surveys:index")


def _row(survey, user, pending: dict[int, int]) -> dict:
    row = {"survey": survey, "pending": pending.get(survey.pk, 0), "entry_url": "", "texts_url": "", "exports": []}
    if permissions.can_enter_paper_responses(user):
        row["entry_url"] = paper_views.entry_url(survey.pk)
    if permissions.can_moderate_answers(user):
        row["texts_url"] = text_moderation.list_url(survey.pk)
    if permissions.can_export_results(user):
        row["exports"] = [(label, text_moderation.export_url(survey.pk, fmt)) for fmt, label in EXPORT_FORMATS]
    if survey.live and survey.url:
        row["results_url"] = survey.url + survey.reverse_subpage("results")
    return row


class SurveysIndexView(RuleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """All surveys with their responses online and analog, the texts waiting, and what the person may do next."""

    access_rule = permissions.can_manage_surveys
    template_name = "consultation/surveys/admin/index.html"
    page_title = _("Umfragen")
    header_icon = "form"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        pending = text_moderation.pending_text_counts() if permissions.can_moderate_answers(user) else {}
        rows = [_row(survey, user, pending) for survey in selectors.surveys_for_staff()]
        return super().get_context_data(rows=rows, show_pending=permissions.can_moderate_answers(user), **kwargs)


class SurveysViewSet(RuleMenuMixin, ViewSet):
    """ "Umfragen" in the "Beteiligung" menu."""

    icon = "form"
    menu_label = _("Umfragen")
    menu_hook = CONSULTATION_MENU_HOOK
    menu_order = 47
    menu_rule = permissions.can_manage_surveys

    def get_urlpatterns(self):
        return [
            path("", SurveysIndexView.as_view(), name="index"),
            path("<int:survey_id>/papier/", paper_views.PaperEntryView.as_view(), name="entry"),
            path("<int:page_id>/freitexte/", text_moderation.TextListView.as_view(), name="texts"),
            path(
                "<int:page_id>/freitexte/<int:answer_id>/entscheiden/",
                text_moderation.TextDecisionView.as_view(),
                name="decide",
            ),
            path("<int:page_id>/export/<slug:fmt>/", text_moderation.ExportView.as_view(), name="export"),
        ]
