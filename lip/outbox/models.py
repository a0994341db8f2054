from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A Celery task to be sent to the broker; stored in the transaction of the write that calls for it.

    `sent_at` is set once the broker has the message (or, without a broker, once the task ran in-process). Rows that
    are not sent yet are sent by the drain (`lip.outbox.services.outbox_drain`), oldest first.
    """

    task_name = models.CharField(_("Aufgabe"), max_length=200)
    args = models.JSONField(_("Argumente"), default=list, blank=True)
    kwargs = models.JSONField(_("Benannte Argumente"), default=dict, blank=True)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now)
    available_at = models.DateTimeField(_("Frühestens senden"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("Zustellversuche"), default=0)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("Gesendet"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Aufgabe im Postausgang")
        verbose_name_plural = _("Postausgang der Aufgaben")
        indexes = [
            models.Index(fields=["created_at", "id"], condition=Q(sent_at__isnull=True), name="lip_outbox_pending"),
            models.Index(fields=["sent_at"], name="lip_outbox_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
