from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website-Inhalte")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation

        navigation.connect_receivers()  # the cached menu and footer are dropped when a page or the settings change
