"""Admin wiring of the consultation app: the staff workspace ("Beteiligung") in the Wagtail menu."""

from wagtail import hooks

from . import permissions
from .exports.views import ExportViewSet
from .moderation import admin_hooks as moderation_hooks
from .moderation.decision_views import BULK_ACTIONS
from .responses.admin import ResponseViewSet
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
