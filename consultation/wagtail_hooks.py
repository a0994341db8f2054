"""Admin wiring of the consultation app: the staff workspace ("Beteiligung") in the Wagtail menu."""

from wagtail import hooks

from . import moderation_admin, permissions
from .admin_views import ConsultationGroup
from .responses_admin import ExportViewSet, ResponseViewSet


@hooks.register("register_admin_viewset")
def register_consultation_workspace():
    return ConsultationGroup()


@hooks.register("register_admin_viewset")
def register_responses():
    return ResponseViewSet("consultation-responses")


@hooks.register("register_admin_viewset")
def register_exports():
    return ExportViewSet("consultation-exports")


# --- Moderation (consultation.moderation_admin) ----------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_moderation():
    return moderation_admin.ModerationGroup()


for _bulk_action in moderation_admin.BULK_ACTIONS:
    hooks.register("register_bulk_action", _bulk_action)


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if permissions.can_moderate(request.user):
        panels.insert(0, moderation_admin.ModerationPanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    moderation_admin.register_log_actions(actions)
