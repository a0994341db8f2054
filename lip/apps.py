from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LipConfig(AppConfig):
    default = True  # chosen for "lip" in INSTALLED_APPS although this module holds a second AppConfig
    name = "lip"
    verbose_name = _("LIP-Grundlagen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import reference
        from .pagecache import invalidation
        from .privacy import providers, tasks  # noqa: F401 - lip's own provider; the export task for the outbox

        invalidation.connect()  # CMS publish, unpublish, move, delete and site-wide settings make cached pages stale

        autodiscover_modules("privacy")  # every app's <app>/privacy.py registers its provider (lip.privacy.registry)
        reference.connect_receivers()  # the cached topics and districts are dropped when one changes


class LipWagtailUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the platform's own user fields (display name, language, council district)."""

    user_viewset = "lip.admin_views.UserViewSet"
