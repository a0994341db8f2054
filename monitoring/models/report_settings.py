"""Who signs the reports to the council bodies: a site setting („Berichte an die Ratsgremien“) with the department,
the office, the signing person and the place; a schedule or a run may name another signer. Read at issue time into
the snapshot (`monitoring.reports.texts`), so an issued report keeps the signature it was issued with.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_DEPARTMENT = "Dezernat III – Sachgebiet Integration"


class SignatureFormula(models.TextChoices):
    """The words above the name on a council paper: for the Oberbürgermeister by the head of department („In
    Vertretung“) or by the staff of the office („Im Auftrag“)."""

    IN_VERTRETUNG = "iv", _("In Vertretung")
    IM_AUFTRAG = "ia", _("Im Auftrag")


class SignerOverride(models.Model):
    """Another signer than the setting's, for one schedule or one run (empty: the setting's)."""

    signer_name = models.CharField(
        _("Unterzeichnende Person"),
        max_length=120,
        blank=True,
        help_text=_("Leer lassen für die Angabe in den Einstellungen „Berichte an die Ratsgremien“."),
    )
    signer_function = models.CharField(_("Funktion der unterzeichnenden Person"), max_length=120, blank=True)
    signer_formula = models.CharField(_("Zeichnung"), max_length=2, choices=SignatureFormula.choices, blank=True)

    class Meta:
        abstract = True


@register_setting(icon="edit")
class ReportSettings(BaseSiteSetting):
    department = models.CharField(
        _("Dezernat und Fachbereich"),
        max_length=200,
        default=DEFAULT_DEPARTMENT,
        help_text=_("Steht auf dem Deckblatt und unter der Unterschrift."),
    )
    office = models.CharField(
        _("Dienststelle"), max_length=200, blank=True, help_text=_("z. B. „50.6 Sachgebiet Integration“.")
    )
    place = models.CharField(_("Ort"), max_length=80, default="Hannover")
    signer_formula = models.CharField(
        _("Zeichnung"), max_length=2, choices=SignatureFormula.choices, default=SignatureFormula.IM_AUFTRAG
    )
    signer_name = models.CharField(_("Unterzeichnende Person"), max_length=120, blank=True)
    signer_function = models.CharField(
        _("Funktion der unterzeichnenden Person"),
        max_length=120,
        blank=True,
        help_text=_("z. B. „Stadträtin“ oder „Leitung Sachgebiet Integration“."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("department"), FieldPanel("office"), FieldPanel("place")], heading=_("Absender")),
        MultiFieldPanel(
            [FieldPanel("signer_formula"), FieldPanel("signer_name"), FieldPanel("signer_function")],
            heading=_("Unterschrift"),
        ),
    ]

    class Meta:
        verbose_name = _("Berichte an die Ratsgremien")
