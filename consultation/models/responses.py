"""The city's official answer to a proposal."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lip.model_parts import acting_user

from .contributions import Proposal

# --- Official responses ----------------------------------------------------------


class ResponseState(models.TextChoices):
    UNDER_REVIEW = "under_review", _("in Prüfung")
    ADOPTED = "adopted", _("in den LIP übernommen")
    PARTLY_ADOPTED = "partly_adopted", _("teilweise übernommen")
    FORWARDED = "forwarded", _("an die zuständige Stelle weitergeleitet")
    NOT_ADOPTED = "not_adopted", _("nicht übernommen")
    ALREADY_IN_PLACE = "already_in_place", _("bereits umgesetzt")


class Response(models.Model):
    """The city's official answer to a proposal. Public once `published_at` is set."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("Vorschlag"), on_delete=models.CASCADE, related_name="response"
    )
    state = models.CharField(_("Stand"), max_length=20, choices=ResponseState.choices)
    text = models.TextField(_("Begründung"), blank=True, validators=[MaxLengthValidator(5000)])
    department = models.CharField(_("Zuständige Stelle"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    # What was last announced by e-mail (state, text, department); a save that changes none of them notifies nobody.
    notified_signature = models.CharField(max_length=64, blank=True, editable=False)
    notified_at = models.DateTimeField(_("benachrichtigt am"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = acting_user()

    class Meta:
        verbose_name = _("Antwort der Verwaltung")
        verbose_name_plural = _("Antworten der Verwaltung")

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.get_state_display()}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
