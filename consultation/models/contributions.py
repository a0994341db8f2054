"""What people contribute to a consultation: events (analog participation), proposals, comments, votes, tallies."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from lip.files import private_upload_path
from lip.model_parts import YearCounter, acting_user, optional_link
from lip.models import District, Organisation, Topic

from ..search import proposal_search_vector
from ..validators import validate_attachment
from .pages import ConsultationPage
from .plan import PARAGRAPH_MAX, PlanChapter, PlanParagraph, PlanVersion

# --- Analog participation ---------------------------------------------------------


def _minutes_path(instance, filename: str) -> str:
    # Served only by the event's minutes view (`views.event_minutes`), under a name no one can guess.
    return private_upload_path("consultation/minutes", filename)


def _attachment_path(instance, filename: str) -> str:
    # Served only by the proposal's attachment view, which asks whether the viewer may see the proposal.
    return private_upload_path("consultation/attachments", filename)


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    COUNCIL_MEETING = "council_meeting", _("Sitzung eines Integrationsbeirats")
    INFO_STAND = "info_stand", _("Infostand")
    PAPER_COLLECTION = "paper_collection", _("Sammlung von Papierformularen")


class Event(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    date = models.DateTimeField(_("Datum und Uhrzeit"))
    place = models.CharField(_("Ort"), max_length=200)
    district = optional_link(District, _("Stadtbezirk"))
    topics = models.ManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="+")
    attendees = models.PositiveIntegerField(_("Anzahl Teilnehmende"), default=0)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("Teilnehmende Organisationen"), blank=True, related_name="events"
    )
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_file = models.FileField(
        _("Protokoll (PDF)"), upload_to=_minutes_path, max_length=255, blank=True, validators=[validate_attachment]
    )
    created_by = acting_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.date):%d.%m.%Y})"


# --- Proposals -------------------------------------------------------------------


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    EVENT = "event", _("Veranstaltung / Workshop")
    PAPER = "paper", _("Papierformular")
    EMAIL = "email", _("E-Mail")
    PHONE = "phone", _("Telefon")
    COUNCIL_MEETING = "council_meeting", _("Sitzung eines Integrationsbeirats")

    @classmethod
    def analog(cls) -> list[str]:
        return [c for c in cls.values if c != cls.ONLINE]


# The fields proposals and comments share: who contributed on whose behalf, and by which way (`Channel`); an analog
# contribution is entered by staff (`recorded_by`), with the name given on paper and the event it came from.


def _channel() -> models.CharField:
    return models.CharField(_("Weg"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)


def _analog_author_name(help_text) -> models.CharField:
    return models.CharField(_("Name (analog)"), max_length=200, blank=True, help_text=help_text)


class ProposalState(models.TextChoices):
    PENDING = "pending", _("wartet auf Freigabe")
    PUBLISHED = "published", _("veröffentlicht")
    HIDDEN = "hidden", _("durch Moderation ausgeblendet")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class TaggedProposal(TaggedItemBase):
    content_object = models.ForeignKey("consultation.Proposal", on_delete=models.CASCADE, related_name="tagged_items")


class ReferenceCounter(YearCounter):
    """The last reference number handed out per year (LIP-2026-0042)."""


class Proposal(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="proposals"
    )
    reference = models.CharField(_("Nummer"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=120)
    text = models.TextField(_("Beschreibung"), validators=[MaxLengthValidator(5000)])
    topic = models.ForeignKey(
        Topic, verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT, related_name="proposals"
    )
    district = optional_link(
        District, _("Stadtbezirk"), on_delete=models.PROTECT, related_name="proposals", help_text=_("Leer = stadtweit")
    )
    tags = TaggableManager(verbose_name=_("Schlagworte"), through=TaggedProposal, blank=True)
    attachment = models.FileField(
        _("Anhang"), upload_to=_attachment_path, max_length=255, blank=True, validators=[validate_attachment]
    )
    author = optional_link(settings.AUTH_USER_MODEL, _("Verfasser*in"), related_name="proposals")
    organisation = optional_link(Organisation, _("im Namen von"), related_name="proposals")
    author_name = _analog_author_name(
        _("Für analoge Beiträge: die Person oder Organisation, die den Vorschlag gemacht hat; leer = anonym.")
    )
    channel = _channel()
    event = optional_link(Event, _("Veranstaltung"), related_name="proposals")
    recorded_by = acting_user(_("erfasst von"))
    state = models.CharField(_("Status"), max_length=20, choices=ProposalState.choices, default=ProposalState.PUBLISHED)
    created_at = models.DateTimeField(_("eingereicht am"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = acting_user(_("geprüft von"))
    # Counters kept in step by the services in the same transaction as the rows they count, so that
    # lists can sort and show totals for 10,000 proposals without counting a million votes per request.
    online_votes = models.PositiveIntegerField(_("Stimmen online"), default=0, editable=False)
    analog_votes = models.PositiveIntegerField(_("Stimmen analog"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("Kommentare"), default=0, editable=False)
    statement_count = models.PositiveIntegerField(_("Stellungnahmen"), default=0, editable=False)
    # Title and text as a German tsvector, computed by PostgreSQL whatever writes the row (NULL on SQLite); its GIN
    # index `proposal_search_vector_idx` is created by migration 0006 on PostgreSQL only. See consultation/search.py.
    search_vector = models.GeneratedField(
        expression=proposal_search_vector(), output_field=SearchVectorField(), db_persist=True, null=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        indexes = [
            models.Index(fields=["consultation", "state", "-created_at"], name="proposal_list_idx"),
            models.Index(fields=["consultation", "state", "-online_votes"], name="proposal_votes_idx"),
            # The search's reference lookup compares UPPER(reference) (selectors.proposal_search).
            models.Index(Upper("reference"), name="proposal_reference_upper_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="online") | models.Q(author__isnull=False),
                name="consultation_online_proposal_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return self.consultation.url + self.consultation.reverse_subpage("proposal_detail", args=[self.reference])

    @property
    def total_votes(self) -> int:
        return self.online_votes + self.analog_votes

    @property
    def is_analog(self) -> bool:
        return self.channel != Channel.ONLINE

    @property
    def is_visible(self) -> bool:
        return self.state == ProposalState.PUBLISHED

    @property
    def display_author(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        if self.author_id:
            return str(self.author)
        return self.author_name or str(_("anonym"))


# --- Comments --------------------------------------------------------------------


class CommentState(models.TextChoices):
    PENDING = "pending", _("wartet auf Freigabe")
    PUBLISHED = "published", _("veröffentlicht")
    HIDDEN = "hidden", _("durch Moderation ausgeblendet")


class Comment(models.Model):
    """A comment on a proposal, on a paragraph of a plan draft, or a statement on a whole chapter of it (exactly one
    of the three).

    On a paragraph it may carry an amendment (`proposed_text`: the paragraph as its author would have it), and it
    may have been made on paper or at a workshop (`channel`, `event`, `author_name`, entered by staff). A statement
    of a district integration council is a comment with `statement_district` set, on any target; on a chapter only
    statements are made.
    """

    proposal = optional_link(Proposal, _("Vorschlag"), on_delete=models.CASCADE, related_name="comments")
    paragraph = optional_link(PlanParagraph, _("Absatz"), on_delete=models.CASCADE, related_name="comments")
    chapter = optional_link(PlanChapter, _("Kapitel"), on_delete=models.CASCADE, related_name="statements")
    version = optional_link(
        PlanVersion,
        _("zu Fassung"),
        on_delete=models.PROTECT,
        related_name="comments",
        help_text=_("Die Fassung des Planentwurfs, auf die sich der Beitrag bezieht."),
    )
    proposed_text = models.TextField(
        _("Vorgeschlagene Formulierung"), blank=True, validators=[MaxLengthValidator(PARAGRAPH_MAX)]
    )
    parent = optional_link("self", _("Antwort auf"), on_delete=models.CASCADE, related_name="replies")
    author = optional_link(settings.AUTH_USER_MODEL, _("Verfasser*in"), related_name="comments", blank=False)
    text = models.TextField(_("Kommentar"), validators=[MaxLengthValidator(2000)])
    statement_district = optional_link(
        District, _("Stellungnahme des Integrationsbeirats"), on_delete=models.PROTECT, related_name="statements"
    )
    channel = _channel()
    event = optional_link(Event, _("Veranstaltung"), related_name="comments")
    author_name = _analog_author_name(_("Für analoge Beiträge: die Person oder Organisation; leer = Einzelperson."))
    organisation = optional_link(Organisation, _("im Namen von"), related_name="comments")
    recorded_by = acting_user(_("erfasst von"))
    state = models.CharField(_("Status"), max_length=20, choices=CommentState.choices, default=CommentState.PUBLISHED)
    created_at = models.DateTimeField(_("geschrieben am"), default=timezone.now)
    edited_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = acting_user(_("geprüft von"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        indexes = [
            models.Index(fields=["proposal", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["paragraph", "created_at"], name="comment_paragraph_idx"),
            models.Index(fields=["chapter", "created_at"], name="comment_chapter_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(proposal__isnull=False, paragraph__isnull=True, chapter__isnull=True)
                    | models.Q(proposal__isnull=True, paragraph__isnull=False, chapter__isnull=True)
                    | models.Q(proposal__isnull=True, paragraph__isnull=True, chapter__isnull=False)
                ),
                name="consultation_comment_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(chapter__isnull=True) | models.Q(statement_district__isnull=False),
                name="consultation_chapter_only_statements",
            ),
            models.CheckConstraint(
                condition=models.Q(proposed_text="") | models.Q(paragraph__isnull=False),
                name="consultation_amendment_on_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_label}: {self.text[:60]}"

    @property
    def target(self) -> "Proposal | PlanParagraph | PlanChapter":
        """What the comment is about: its proposal, or the paragraph or chapter of the plan draft."""
        return self.proposal if self.proposal_id else self.draft_part

    @property
    def draft_part(self) -> "PlanParagraph | PlanChapter | None":
        """The paragraph or chapter of the plan draft the comment is on (None for a comment on a proposal)."""
        if self.paragraph_id:
            return self.paragraph
        return self.chapter if self.chapter_id else None

    @property
    def target_label(self) -> str:
        if self.proposal_id:
            return self.proposal.reference
        if self.chapter_id:
            return str(self.chapter.label)
        return f"{_('Absatz')} {self.paragraph.label}"

    @property
    def is_amendment(self) -> bool:
        return bool(self.proposed_text)

    @property
    def is_analog(self) -> bool:
        return self.channel != Channel.ONLINE

    @property
    def is_statement(self) -> bool:
        return self.statement_district_id is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# --- Votes -----------------------------------------------------------------------


class Vote(models.Model):
    """One person's support for one proposal. The unique constraint is the guarantee, not the service's check."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes")
    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="consultation_one_vote_per_person")]
        indexes = [models.Index(fields=["user", "consultation"], name="vote_budget_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class AnalogTally(models.Model):
    """Dot votes counted on paper at an event, entered by staff."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("Vorschlag"), on_delete=models.CASCADE, related_name="tallies"
    )
    event = models.ForeignKey(Event, verbose_name=_("Veranstaltung"), on_delete=models.PROTECT, related_name="tallies")
    count = models.PositiveIntegerField(_("Stimmen"))
    recorded_by = acting_user(_("erfasst von"), blank=False)
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)

    class Meta:
        verbose_name = _("Analoge Stimmenzählung")
        verbose_name_plural = _("Analoge Stimmenzählungen")
        constraints = [models.UniqueConstraint(fields=["proposal", "event"], name="consultation_one_tally_per_event")]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.count} ({self.event})"
