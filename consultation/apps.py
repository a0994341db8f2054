from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Beteiligung")
    default_auto_field = "django.db.models.BigAutoField"
