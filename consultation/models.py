"""Consultations with phases, and what people contribute to them: proposals, comments, votes, events."""

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lip.blocks import BodyBlock
from lip.files import private_upload_path
from lip.models import District, Organisation, Topic

from .admin_forms import ConsultationPageForm
from .validators import validate_attachment

# --- Pages -----------------------------------------------------------------------


class ModerationMode(models.TextChoices):
    POST = "post", _("Nachträglich: Beiträge sind sofort sichtbar und werden danach geprüft")
    PRE = "pre", _("Vorab: Beiträge sind erst nach Freigabe öffentlich")


class ConsultationIndexPage(Page):
    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultation.ConsultationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Übersicht der Beteiligungen")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = selectors.consultation_list(parent=self)
        return context


class PhaseType(models.TextChoices):
    INFORMATION = "information", _("Information")
    SUBMISSION = "submission", _("Vorschläge einreichen")
    DISCUSSION = "discussion", _("Diskussion")
    VOTING = "voting", _("Abstimmung")
    EVALUATION = "evaluation", _("Auswertung")
    RESULTS = "results", _("Ergebnisse")


class ConsultationSuggestedTag(TaggedItemBase):
    content_object = ParentalKey(
        "consultation.ConsultationPage", on_delete=models.CASCADE, related_name="suggested_tag_items"
    )


class ConsultationPage(RoutablePageMixin, Page):
    teaser = models.TextField(_("Kurzbeschreibung"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="+")
    districts = ParentalManyToManyField(
        District,
        verbose_name=_("Stadtbezirke"),
        blank=True,
        related_name="+",
        help_text=_("Leer lassen für eine stadtweite Beteiligung."),
    )
    moderation_mode = models.CharField(
        _("Moderation"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )
    vote_budget = models.PositiveSmallIntegerField(
        _("Stimmen pro Person"), default=0, help_text=_("Wie viele Vorschläge eine Person unterstützen kann; 0 = unbegrenzt.")
    )
    suggested_tags = ClusterTaggableManager(
        verbose_name=_("Vorgeschlagene Schlagworte"),
        through=ConsultationSuggestedTag,
        blank=True,
        help_text=_("Schlagworte, die Teilnehmende beim Einreichen auswählen können."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("districts")], heading=_("Zuordnung")),
        InlinePanel("phases", label=_("Phasen"), min_num=1, heading=_("Phasen")),
        MultiFieldPanel(
            [FieldPanel("moderation_mode"), FieldPanel("vote_budget"), FieldPanel("suggested_tags")],
            heading=_("Regeln"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    base_form_class = ConsultationPageForm
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")

    # Phases: prefetch `phases` once; these helpers then work in memory.
    def phase_list(self) -> list["Phase"]:
        return sorted(self.phases.all(), key=lambda p: (p.start, p.sort_order or 0))

    def phase_at(self, moment: datetime | None = None) -> "Phase | None":
        moment = moment or timezone.now()
        return next((p for p in self.phase_list() if p.start <= moment < p.end), None)

    @property
    def current_phase(self) -> "Phase | None":
        return self.phase_at()

    @property
    def is_citywide(self) -> bool:
        return not self.districts.exists()

    # Sub-pages: thin routes into consultation.views.
    @path("")
    def overview(self, request):
        from . import views

        return views.consultation_overview(request, self)

    @path("vorschlaege/")
    def proposal_list(self, request):
        from . import views

        return views.proposal_list(request, self)

    @path("vorschlaege/neu/")
    def proposal_create(self, request):
        from . import views

        return views.proposal_create(request, self)

    @re_path(r"^vorschlaege/(?P<reference>LIP-\d{4}-\d{4,})/$")
    def proposal_detail(self, request, reference):
        from . import views

        return views.proposal_detail(request, self, reference)

    @re_path(r"^vorschlaege/(?P<reference>LIP-\d{4}-\d{4,})/(?P<action>[a-z-]+)/$")
    def proposal_action(self, request, reference, action):
        from . import views

        return views.proposal_action(request, self, reference, action)

    @path("kommentare/<int:comment_id>/<slug:action>/")
    def comment_action(self, request, comment_id, action):
        from . import views

        return views.comment_action(request, self, comment_id, action)

    @path("veranstaltungen/<int:event_id>/")
    def event_detail(self, request, event_id):
        from . import views

        return views.event_detail(request, self, event_id)

    @path("veranstaltungen/<int:event_id>/protokoll/")
    def event_minutes(self, request, event_id):
        from . import views

        return views.event_minutes(request, self, event_id)


class Phase(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="phases")
    type = models.CharField(_("Art"), max_length=20, choices=PhaseType.choices)
    title = models.CharField(_("Titel"), max_length=120)
    description = models.TextField(_("Kurzbeschreibung"), max_length=600, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))

    panels = [FieldPanel("type"), FieldPanel("title"), FieldPanel("description"), FieldPanel("start"), FieldPanel("end")]

    class Meta(Orderable.Meta):
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="consultation_phase_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_type_display()})"

    def days_left(self, moment: datetime | None = None) -> int:
        moment = moment or timezone.now()
        return max(0, (self.end - moment).days)


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
    district = models.ForeignKey(
        District, verbose_name=_("Stadtbezirk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="+")
    attendees = models.PositiveIntegerField(_("Anzahl Teilnehmende"), default=0)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("Teilnehmende Organisationen"), blank=True, related_name="events"
    )
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_file = models.FileField(
        _("Protokoll (PDF)"), upload_to=_minutes_path, max_length=255, blank=True, validators=[validate_attachment]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class ProposalState(models.TextChoices):
    PENDING = "pending", _("wartet auf Freigabe")
    PUBLISHED = "published", _("veröffentlicht")
    HIDDEN = "hidden", _("durch Moderation ausgeblendet")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class TaggedProposal(TaggedItemBase):
    content_object = models.ForeignKey("consultation.Proposal", on_delete=models.CASCADE, related_name="tagged_items")


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (LIP-2026-0042); locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Proposal(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="proposals"
    )
    reference = models.CharField(_("Nummer"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=120)
    text = models.TextField(_("Beschreibung"), validators=[MaxLengthValidator(5000)])
    topic = models.ForeignKey(Topic, verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT, related_name="proposals")
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtbezirk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("Leer = stadtweit"),
    )
    tags = TaggableManager(verbose_name=_("Schlagworte"), through=TaggedProposal, blank=True)
    attachment = models.FileField(
        _("Anhang"), upload_to=_attachment_path, max_length=255, blank=True, validators=[validate_attachment]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasser*in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("im Namen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    author_name = models.CharField(
        _("Name (analog)"),
        max_length=200,
        blank=True,
        help_text=_("Für analoge Beiträge: die Person oder Organisation, die den Vorschlag gemacht hat; leer = anonym."),
    )
    channel = models.CharField(_("Weg"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    event = models.ForeignKey(
        Event, verbose_name=_("Veranstaltung"), null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("Status"), max_length=20, choices=ProposalState.choices, default=ProposalState.PUBLISHED)
    created_at = models.DateTimeField(_("eingereicht am"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geprüft von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Counters kept in step by the services in the same transaction as the rows they count, so that
    # lists can sort and show totals for 10,000 proposals without counting a million votes per request.
    online_votes = models.PositiveIntegerField(_("Stimmen online"), default=0, editable=False)
    analog_votes = models.PositiveIntegerField(_("Stimmen analog"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("Kommentare"), default=0, editable=False)
    statement_count = models.PositiveIntegerField(_("Stellungnahmen"), default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        indexes = [
            models.Index(fields=["consultation", "state", "-created_at"], name="proposal_list_idx"),
            models.Index(fields=["consultation", "state", "-online_votes"], name="proposal_votes_idx"),
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
    proposal = models.ForeignKey(Proposal, verbose_name=_("Vorschlag"), on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", verbose_name=_("Antwort auf"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasser*in"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    text = models.TextField(_("Kommentar"), validators=[MaxLengthValidator(2000)])
    statement_district = models.ForeignKey(
        District,
        verbose_name=_("Stellungnahme des Integrationsbeirats"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    state = models.CharField(_("Status"), max_length=20, choices=CommentState.choices, default=CommentState.PUBLISHED)
    created_at = models.DateTimeField(_("geschrieben am"), default=timezone.now)
    edited_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geprüft von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        indexes = [models.Index(fields=["proposal", "created_at"], name="comment_thread_idx")]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.text[:60]}"

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

    proposal = models.ForeignKey(Proposal, verbose_name=_("Vorschlag"), on_delete=models.CASCADE, related_name="tallies")
    event = models.ForeignKey(Event, verbose_name=_("Veranstaltung"), on_delete=models.PROTECT, related_name="tallies")
    count = models.PositiveIntegerField(_("Stimmen"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)

    class Meta:
        verbose_name = _("Analoge Stimmenzählung")
        verbose_name_plural = _("Analoge Stimmenzählungen")
        constraints = [models.UniqueConstraint(fields=["proposal", "event"], name="consultation_one_tally_per_event")]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.count} ({self.event})"


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

    proposal = models.OneToOneField(Proposal, verbose_name=_("Vorschlag"), on_delete=models.CASCADE, related_name="response")
    state = models.CharField(_("Stand"), max_length=20, choices=ResponseState.choices)
    text = models.TextField(_("Begründung"), blank=True, validators=[MaxLengthValidator(5000)])
    department = models.CharField(_("Zuständige Stelle"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    # What was last announced by e-mail (state, text, department); a save that changes none of them notifies nobody.
    notified_signature = models.CharField(max_length=64, blank=True, editable=False)
    notified_at = models.DateTimeField(_("benachrichtigt am"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Antwort der Verwaltung")
        verbose_name_plural = _("Antworten der Verwaltung")

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.get_state_display()}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


# --- Reports (flags) -------------------------------------------------------------


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Werbung oder Spam")
    OFFENSIVE = "offensive", _("beleidigend oder diskriminierend")
    OFF_TOPIC = "off_topic", _("gehört nicht zum Thema")
    PERSONAL_DATA = "personal_data", _("enthält persönliche Daten")


class ContentReport(models.Model):
    """A participant's flag on a proposal or a comment. Kept after the item is restored (its history)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("Vorschlag"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("Kommentar"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeldet von"), on_delete=models.CASCADE, related_name="content_reports"
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=ReportReason.choices)
    text = models.TextField(_("Erläuterung"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemeldet am"), default=timezone.now)
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erledigt von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(proposal__isnull=False, comment__isnull=True) | models.Q(proposal__isnull=True, comment__isnull=False)),
                name="consultation_report_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"], condition=models.Q(proposal__isnull=False), name="consultation_one_report_per_proposal"
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"], condition=models.Q(comment__isnull=False), name="consultation_one_report_per_comment"
            ),
        ]

    def __str__(self) -> str:
        target = self.proposal or self.comment
        return f"{self.get_reason_display()}: {target}"
