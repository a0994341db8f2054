"""Consultations and their phases: the Wagtail pages that hold a participation process."""

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lip.blocks import BodyBlock
from lip.model_parts import optional_link
from lip.models import District, Topic
from lip.pagecache import CachedPageMixin
from lip.routing import RouteAwareRestrictionsMixin

from ..workspace.page_form import ConsultationPageForm

# --- Pages -----------------------------------------------------------------------


class ModerationMode(models.TextChoices):
    POST = "post", _("Nachträglich: Beiträge sind sofort sichtbar und werden danach geprüft")
    PRE = "pre", _("Vorab: Beiträge sind erst nach Freigabe öffentlich")


class ConsultationIndexPage(CachedPageMixin, RouteAwareRestrictionsMixin, Page):
    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultation.ConsultationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Übersicht der Beteiligungen")

    def get_context(self, request, *args, **kwargs):
        from .. import page_cache, selectors

        page_cache.until_next_phase_change(request)  # the cards say which phase runs
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = selectors.consultation_list(parent=self)
        return context


class PhaseType(models.TextChoices):
    INFORMATION = "information", _("Information")
    SUBMISSION = "submission", _("Vorschläge einreichen")
    DISCUSSION = "discussion", _("Diskussion")
    TEXT_REVIEW = "text_review", _("Textentwurf kommentieren")
    SURVEY = "survey", _("Umfrage")
    VOTING = "voting", _("Abstimmung")
    EVALUATION = "evaluation", _("Auswertung")
    RESULTS = "results", _("Ergebnisse")


class ConsultationSuggestedTag(TaggedItemBase):
    content_object = ParentalKey(
        "consultation.ConsultationPage", on_delete=models.CASCADE, related_name="suggested_tag_items"
    )


class ConsultationPage(RouteAwareRestrictionsMixin, RoutablePageMixin, Page):
    teaser = models.TextField(_("Kurzbeschreibung"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    image = optional_link("wagtailimages.Image", _("Bild"))
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
        _("Stimmen pro Person"),
        default=0,
        help_text=_("Wie viele Vorschläge eine Person unterstützen kann; 0 = unbegrenzt."),
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
    subpage_types = ["consultation.PlanDraftPage", "consultation.SurveyPage"]

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

    # Sub-pages: thin routes into the views of `consultation.views`.
    @path("")
    def overview(self, request):
        from ..views.overview import consultation_overview

        return consultation_overview(request, self)

    @path("vorschlaege/")
    def proposal_list(self, request):
        from ..views.overview import proposal_list

        return proposal_list(request, self)

    @path("vorschlaege/neu/")
    def proposal_create(self, request):
        from ..views.submission import proposal_create

        return proposal_create(request, self)

    @re_path(r"^vorschlaege/(?P<reference>LIP-\d{4}-\d{4,})/$")
    def proposal_detail(self, request, reference):
        from ..views.proposal import proposal_detail

        return proposal_detail(request, self, reference)

    @re_path(r"^vorschlaege/(?P<reference>LIP-\d{4}-\d{4,})/(?P<action>[a-z-]+)/$")
    def proposal_action(self, request, reference, action):
        from ..views.actions import proposal_action

        return proposal_action(request, self, reference, action)

    @path("kommentare/<int:comment_id>/<slug:action>/")
    def comment_action(self, request, comment_id, action):
        from ..views.actions import comment_action

        return comment_action(request, self, comment_id, action)

    @path("veranstaltungen/<int:event_id>/")
    def event_detail(self, request, event_id):
        from ..views.events import event_detail

        return event_detail(request, self, event_id)

    @path("veranstaltungen/<int:event_id>/protokoll/")
    def event_minutes(self, request, event_id):
        from ..views.events import event_minutes

        return event_minutes(request, self, event_id)


class Phase(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="phases")
    type = models.CharField(_("Art"), max_length=20, choices=PhaseType.choices)
    title = models.CharField(_("Titel"), max_length=120)
    description = models.TextField(_("Kurzbeschreibung"), max_length=600, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))

    panels = [
        FieldPanel("type"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("start"),
        FieldPanel("end"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="consultation_phase_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_type_display()})"

    def days_left(self, moment: datetime | None = None) -> int:
        moment = moment or timezone.now()
        return max(0, (self.end - moment).days)
