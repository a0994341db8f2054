"""Admin wiring of the consultation app: the staff workspace ("Beteiligung") in the Wagtail menu."""

from wagtail import hooks

from .admin_views import ConsultationGroup


@hooks.register("register_admin_viewset")
def register_consultation_workspace():
    return ConsultationGroup()
