"""The competition page (a call for applications) with its evaluation criteria."""

from datetime import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lip.blocks import BodyBlock
from lip.model_parts import not_before
from lip.routing import RouteAwareRestrictionsMixin

from ..competitions.admin_forms import CompetitionPageForm
from .funds import MONEY, Fund


class CompetitionPage(RouteAwareRestrictionsMixin, RoutablePageMixin, Page):
    """A call for applications: what is funded, by which rules, until when, and from which fund."""

    teaser = models.TextField(_("Kurzbeschreibung"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("Ausschreibung"), blank=True)
    eligibility = RichTextField(
        _("Wer kann sich bewerben?"), features=["bold", "italic", "link", "ol", "ul"], blank=True
    )
    applicants_summary = models.CharField(
        _("Wer kann sich bewerben? (kurz)"),
        max_length=160,
        blank=True,
        help_text=_(
            "Ein Satz für den Überblick oben auf der Seite und auf den Karten, z. B. „Vereine und Initiativen aus "
            "Hannover“. Leer: „Bestätigte Organisationen“."
        ),
    )
    submission_start = models.DateTimeField(_("Einreichung ab"))
    submission_end = models.DateTimeField(_("Einreichung bis"), help_text=_("Einsendeschluss (Zeit in Hannover)."))
    results_published_at = models.DateTimeField(
        _("Ergebnisse veröffentlicht ab"), help_text=_("Vorher zeigt die Ergebnisseite keine Förderungen.")
    )
    max_grant = models.DecimalField(
        _("Höchstförderung je Antrag (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    fund = models.ForeignKey(Fund, verbose_name=_("Fonds"), on_delete=models.PROTECT, related_name="competitions")
    audience_vote_start = models.DateTimeField(
        _("Publikumspreis: Abstimmung ab"),
        null=True,
        blank=True,
        help_text=_("Optional. Während dieses Zeitraums können alle Registrierten zulässige Anträge unterstützen."),
    )
    audience_vote_end = models.DateTimeField(_("Publikumspreis: Abstimmung bis"), null=True, blank=True)
    audience_vote_budget = models.PositiveSmallIntegerField(
        _("Publikumspreis: Stimmen pro Person"), default=3, help_text=_("0 = unbegrenzt.")
    )
    consultations = ParentalManyToManyField(
        "consultation.ConsultationPage",
        verbose_name=_("Beteiligungen"),
        blank=True,
        related_name="+",
        help_text=_("Anträge können an Vorschläge aus diesen Beteiligungen anknüpfen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("applicants_summary"),
        FieldPanel("eligibility"),
        InlinePanel("criteria", label=_("Kriterium"), heading=_("Bewertungskriterien"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submission_start"), FieldPanel("submission_end")]),
                FieldPanel("results_published_at"),
            ],
            heading=_("Termine"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience_vote_start"), FieldPanel("audience_vote_end")]),
                FieldPanel("audience_vote_budget"),
            ],
            heading=_("Publikumspreis (optional)"),
        ),
        MultiFieldPanel([FieldPanel("fund"), FieldPanel("max_grant")], heading=_("Förderung")),
        FieldPanel("consultations"),
    ]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    base_form_class = CompetitionPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Ideenwettbewerb")
        verbose_name_plural = _("Ideenwettbewerbe")
        constraints = [
            not_before(
                "submission_end",
                "submission_start",
                "ideas_competition_end_after_start",
                _("Der Einsendeschluss muss nach dem Beginn der Einreichung liegen."),
                strictly=True,
            ),
            models.CheckConstraint(condition=Q(max_grant__gt=0), name="ideas_competition_max_grant_positive"),
            models.CheckConstraint(
                condition=Q(audience_vote_start__isnull=True, audience_vote_end__isnull=True)
                | Q(audience_vote_end__gt=F("audience_vote_start")),
                name="ideas_audience_vote_window",
                violation_error_message=_(
                    "Für den Publikumspreis braucht es Beginn und Ende, und das Ende muss nach dem Beginn liegen."
                ),
            ),
        ]

    def submission_open(self, moment: datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.submission_start <= moment < self.submission_end

    @property
    def has_audience_vote(self) -> bool:
        return self.audience_vote_start is not None and self.audience_vote_end is not None

    def audience_vote_open(self, moment: datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.has_audience_vote and self.audience_vote_start <= moment < self.audience_vote_end

    def results_published(self, moment: datetime | None = None) -> bool:
        return (moment or timezone.now()) >= self.results_published_at

    def criterion_list(self) -> list["Criterion"]:
        """The criteria in their order (prefetch `criteria` once, then this works in memory)."""
        return sorted(self.criteria.all(), key=lambda c: (c.sort_order or 0, c.pk or 0))

    # Sub-pages: thin routes into the feature packages' views.
    @path("")
    def overview(self, request):
        from ..competitions import views

        return views.competition_overview(request, self)

    @path("antrag-stellen/")
    def application_create(self, request):
        from ..applications import views

        return views.application_create(request, self)

    @path("vorschlaege-suchen/")
    def proposal_search(self, request):
        from ..applications import views

        return views.proposal_search(request, self)

    @path("publikumspreis/")
    def audience_vote(self, request):
        from ..audience import views

        return views.audience_vote_list(request, self)

    @path("publikumspreis/<int:application_id>/<slug:action>/")
    def audience_vote_action(self, request, application_id, action):
        from ..audience import views

        return views.audience_vote_action(request, self, application_id, action)

    @path("ergebnisse/")
    def results(self, request):
        from ..competitions import views

        return views.competition_results(request, self)


class Criterion(Orderable):
    """One evaluation criterion with its weight. Jurors score every criterion 0–5."""

    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("Kriterium"), max_length=120)
    description = models.TextField(_("Erläuterung"), max_length=600, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("Gewichtung"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Relatives Gewicht, z. B. 30 für 30 %."),
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="ideas_criterion_weight_positive")]

    def __str__(self) -> str:
        return self.name
