"""Admin wiring of the consultation app: the staff workspace ("Beteiligung") in the Wagtail menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import permissions
from .exports.views import ExportViewSet
from .moderation import admin_hooks as moderation_hooks
from .moderation.decision_views import BULK_ACTIONS
from .plan import admin_views as plan_admin
from .plan.answers import AnswerLogAction
from .responses.admin import ResponseViewSet
from .surveys import paper_views as survey_paper
from .surveys.admin import SurveysViewSet
from .surveys.text_moderation import TextLogAction
from .workspace.group import ConsultationGroup


@hooks.register("register_admin_viewset")
def register_consultation_workspace():
    return ConsultationGroup()


@hooks.register("register_admin_viewset")
def register_responses():
    return ResponseViewSet("consultation-responses")


@hooks.register("register_admin_viewset")
def register_exports():
    return ExportViewSet("consultation-exports")


# --- Moderation (consultation.moderation) ----------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_moderation():
    return moderation_hooks.ModerationGroup()


for _bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", _bulk_action)


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if permissions.can_moderate(request.user):
        panels.insert(0, moderation_hooks.ModerationPanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    moderation_hooks.register_log_actions(actions)


# --- The plan draft's Abwägung and analog comments (consultation.plan) ------------------------------------------


@hooks.register("register_admin_viewset")
def register_plan_answers():
    return plan_admin.PlanAnswersViewSet("plan-answers")


@hooks.register("register_page_header_buttons")
def plan_answers_header_button(page, user, view_name, next_url=None):
    if button := plan_admin.page_header_button(page, user):
        yield button


@hooks.register("register_page_listing_more_buttons")
def plan_answers_listing_button(page, user, next_url=None):
    if button := plan_admin.page_header_button(page, user):
        yield button


@hooks.register("register_log_actions")
def register_plan_answer_log_actions(actions):
    moderation_hooks.register_reason_action(actions, AnswerLogAction.ANSWER, _("Beitrag abgewogen"))
    moderation_hooks.register_reason_action(actions, AnswerLogAction.CHANGE, _("Abwägung geändert"))


# --- Surveys: paper sheets, free-text moderation and exports (consultation.surveys.admin) -------------------------


@hooks.register("register_admin_viewset")
def register_surveys():
    return SurveysViewSet("surveys")


@hooks.register("register_log_actions")
def register_survey_text_log_actions(actions):
    actions.register_action(
        TextLogAction.PUBLISH, _("Freitext-Antwort veröffentlicht"), _("Freitext-Antwort veröffentlicht")
    )
    actions.register_action(
        TextLogAction.REJECT, _("Freitext-Antwort nicht veröffentlicht"), _("Freitext-Antwort nicht veröffentlicht")
    )


@hooks.register("register_page_header_buttons")
def survey_paper_header_button(page, user, view_name, next_url=None):
    if button := survey_paper.page_header_button(page, user):
        yield button


# --- Open data (issue 21): the consultation's API endpoints and datasets (consultation.api) -----------------------


@hooks.register("register_api_viewsets")
def register_api_viewsets():
    from .api import views

    return [
        ("consultations", views.ConsultationViewSet, "consultation"),
        ("proposals", views.ProposalViewSet, "proposal"),
        ("comments", views.CommentViewSet, "comment"),
        ("events", views.EventViewSet, "event"),
    ]


@hooks.register("register_open_datasets")
def register_open_datasets():
    from .api.datasets import datasets

    return datasets()
