"""The Abwägungstabelle of a plan draft, issued like a report: its rows frozen into a snapshot when it is issued, its
PDF rendered once from that snapshot (Celery, `monitoring.consideration.services`) and stored privately with its
checksum. An issued table is immutable: a later answer or a new version of the draft does not change it (issue a new
one). Writes only in `monitoring.consideration.services`.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lip.files import private_upload_path
from lip.model_parts import acting_user, optional_link


class TableImmutableError(PermissionDenied):
    """An attempt to change or delete an issued (ready) table."""


def _digest(snapshot) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class TableState(models.TextChoices):
    PENDING = "pending", _("wird erstellt")
    READY = "ready", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


def table_upload_path(instance, filename: str) -> str:
    return private_upload_path("monitoring/abwaegung", filename)


class ConsiderationTable(models.Model):
    page = models.ForeignKey(
        "consultation.PlanDraftPage",
        verbose_name=_("Planentwurf"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = optional_link(
        "consultation.PlanVersion",
        _("Fassung"),
        on_delete=models.PROTECT,
        help_text=_("Die neueste Fassung des Planentwurfs, als die Tabelle erstellt wurde."),
    )
    title = models.CharField(_("Titel"), max_length=300)
    snapshot = models.JSONField(_("Datenstand"), editable=False)
    snapshot_sha256 = models.CharField(max_length=64, editable=False)
    state = models.CharField(
        _("Status"), max_length=10, choices=TableState.choices, default=TableState.PENDING, db_index=True
    )
    error = models.TextField(_("Fehler"), blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0, editable=False)
    pdf = models.FileField(_("PDF"), upload_to=table_upload_path, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    page_count = models.PositiveSmallIntegerField(_("Seiten"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("erstellt am"), default=timezone.now, editable=False)
    issued_by = acting_user(_("erstellt von"), editable=False)
    finished_at = models.DateTimeField(_("fertig seit"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("Abwägungstabelle")
        verbose_name_plural = _("Abwägungstabellen")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """A ready table keeps its snapshot and its PDF: saving it changed raises `TableImmutableError`."""
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk, state=TableState.READY)
                .values("snapshot_sha256", "pdf", "pdf_sha256")
                .first()
            )
            if stored is not None and (
                self.state != TableState.READY
                or stored
                != {"snapshot_sha256": self.snapshot_sha256, "pdf": self.pdf.name, "pdf_sha256": self.pdf_sha256}
                or _digest(self.snapshot) != stored["snapshot_sha256"]
            ):
                raise TableImmutableError(_("Eine erstellte Abwägungstabelle kann nicht geändert werden."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:consideration_pdf", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, state=TableState.READY).exists():
            raise TableImmutableError(_("Eine erstellte Abwägungstabelle kann nicht gelöscht werden."))
        return super().delete(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.state == TableState.READY

    @property
    def is_failed(self) -> bool:
        return self.state == TableState.FAILED

    @property
    def row_count(self) -> int:
        return len(self.snapshot.get("rows", [])) if isinstance(self.snapshot, dict) else 0

    @property
    def filename(self) -> str:
        return f"Abwaegungstabelle-{self.pk}.pdf"
