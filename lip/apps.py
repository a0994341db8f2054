from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LipConfig(AppConfig):
    name = "lip"
    verbose_name = _("LIP-Grundlagen")
    default_auto_field = "django.db.models.BigAutoField"


class LipWagtailUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the platform's own user fields (display name, language, council district)."""

    user_viewset = "lip.admin_views.UserViewSet"
