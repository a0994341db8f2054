"""The idea competition of the Gesellschaftsfonds Zusammenleben: funds, competitions, applications, jury, awards.

Money is `Decimal` with two places throughout. What is derived (a fund's committed and remaining budget, rankings)
is computed in `selectors`; the one stored derivation, an application's cost totals, is written by the services from
the cost lines in the same transaction as the lines, never taken from input.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
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

from consultation.validators import validate_attachment
from lip.blocks import BodyBlock
from lip.files import private_upload_path
from lip.models import District, Organisation, Topic

from .admin_forms import CompetitionPageForm

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}
SCORE_MIN, SCORE_MAX = 0, 5

# --- The fund ----------------------------------------------------------------------------------------------------


class Fund(models.Model):
    """The Gesellschaftsfonds Zusammenleben of one year. Committed and remaining are computed (selectors.fund_*)."""

    name = models.CharField(_("Name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("Förderjahr"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = models.DecimalField(
        _("Budget (€)"), **MONEY, validators=[MinValueValidator(ZERO)], help_text=_("Gesamtbetrag des Fonds in Euro.")
    )
    description = models.TextField(_("Beschreibung"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Fonds")
        verbose_name_plural = _("Fonds")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="ideas_fund_budget_not_negative",
                violation_error_message=_("Das Budget kann nicht negativ sein."),
            )
        ]

    def __str__(self) -> str:
        return self.name


# --- The competition page ----------------------------------------------------------------------------------------


class CompetitionPage(RoutablePageMixin, Page):
    """A call for applications: what is funded, by which rules, until when, and from which fund."""

    teaser = models.TextField(_("Kurzbeschreibung"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("Ausschreibung"), blank=True)
    eligibility = RichTextField(
        _("Wer kann sich bewerben?"), features=["bold", "italic", "link", "ol", "ul"], blank=True
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
            models.CheckConstraint(
                condition=Q(submission_end__gt=F("submission_start")),
                name="ideas_competition_end_after_start",
                violation_error_message=_("Der Einsendeschluss muss nach dem Beginn der Einreichung liegen."),
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

    # Sub-pages: thin routes into ideas.views.
    @path("")
    def overview(self, request):
        from . import views

        return views.competition_overview(request, self)

    @path("antrag-stellen/")
    def application_create(self, request):
        from . import views

        return views.application_create(request, self)

    @path("publikumspreis/")
    def audience_vote(self, request):
        from . import views

        return views.audience_vote_list(request, self)

    @path("publikumspreis/<int:application_id>/<slug:action>/")
    def audience_vote_action(self, request, application_id, action):
        from . import views

        return views.audience_vote_action(request, self, application_id, action)

    @path("ergebnisse/")
    def results(self, request):
        from . import views

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


class JuryAssignment(models.Model):
    """A member of the Jury group assigned to one competition."""

    competition = models.ForeignKey(
        CompetitionPage, verbose_name=_("Wettbewerb"), on_delete=models.CASCADE, related_name="jury_assignments"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Jurymitglied"), on_delete=models.CASCADE, related_name="jury_assignments"
    )
    assigned_at = models.DateTimeField(_("zugeordnet am"), auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("zugeordnet von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["competition", "juror__display_name"]
        verbose_name = _("Jury-Zuordnung")
        verbose_name_plural = _("Jury-Zuordnungen")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "juror"],
                name="ideas_one_assignment_per_juror",
                violation_error_message=_("Diese Person gehört der Jury dieses Wettbewerbs bereits an."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.competition}"


# --- Applications ------------------------------------------------------------------------------------------------


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht, in Prüfung")
    ELIGIBLE = "eligible", _("zulässig, bei der Jury")
    NOT_ELIGIBLE = "not_eligible", _("nicht zulässig")
    AWARDED = "awarded", _("gefördert")
    DECLINED = "declined", _("nicht gefördert")
    WITHDRAWN = "withdrawn", _("zurückgezogen")

    @classmethod
    def submitted_states(cls) -> list[str]:
        """States of an application that has been submitted (and therefore has a reference number)."""
        return [cls.SUBMITTED, cls.ELIGIBLE, cls.NOT_ELIGIBLE, cls.AWARDED, cls.DECLINED]

    @classmethod
    def jury_states(cls) -> list[str]:
        """States in which the jury sees an application (it scores only while it is ELIGIBLE)."""
        return [cls.ELIGIBLE, cls.AWARDED, cls.DECLINED]


class ApplicationCounter(models.Model):
    """The last reference number handed out per year (GFZ-2026-0042); locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Application(models.Model):
    competition = models.ForeignKey(
        CompetitionPage, verbose_name=_("Wettbewerb"), on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField(_("Nummer"), max_length=20, unique=True, null=True, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Antragstellende Organisation"), on_delete=models.PROTECT, related_name="applications"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Ansprechperson"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_applications",
    )
    title = models.CharField(_("Projekttitel"), max_length=120)
    summary = models.TextField(_("Kurzbeschreibung"), validators=[MaxLengthValidator(1000)])
    goals = models.TextField(_("Ziele"), validators=[MaxLengthValidator(3000)])
    target_groups = models.TextField(_("Zielgruppen"), validators=[MaxLengthValidator(1000)])
    partners = models.TextField(_("Kooperationspartner"), blank=True, validators=[MaxLengthValidator(1000)])
    schedule = models.TextField(_("Zeitplan"), validators=[MaxLengthValidator(2000)])
    districts = models.ManyToManyField(
        District, verbose_name=_("Stadtbezirke"), blank=True, related_name="+", help_text=_("Leer = stadtweit")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Handlungsfelder"), related_name="+")
    proposals = models.ManyToManyField(
        "consultation.Proposal", verbose_name=_("Anknüpfende Vorschläge"), blank=True, related_name="idea_applications"
    )
    # Written by the services from the cost lines; never typed in.
    total_costs = models.DecimalField(_("Gesamtkosten (€)"), **MONEY, default=ZERO, editable=False)
    own_contribution = models.DecimalField(
        _("Eigenanteil (€)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    requested_amount = models.DecimalField(_("Beantragte Förderung (€)"), **MONEY, default=ZERO, editable=False)

    state = models.CharField(
        _("Stand"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eingereicht von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)
    eligibility_reason = models.TextField(
        _("Begründung der Zulässigkeitsprüfung"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    eligibility_decided_at = models.DateTimeField(_("Zulässigkeit geprüft am"), null=True, blank=True)
    eligibility_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Zulässigkeit geprüft von"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("Begründung der Förderentscheidung"), blank=True, validators=[MaxLengthValidator(2000)])
    decided_at = models.DateTimeField(_("Förderentscheidung am"), null=True, blank=True)
    # Mails already sent (the tasks are idempotent: they send once and note it here).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    eligibility_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    decline_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The audience prize (Publikumspreis): kept in step with AudienceVote rows by consultation.voting.
    audience_votes = models.PositiveIntegerField(_("Stimmen Publikumspreis"), default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        indexes = [models.Index(fields=["competition", "state"], name="ideas_application_state_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(own_contribution__gte=0), name="ideas_application_own_contribution_not_negative"),
            models.CheckConstraint(condition=Q(total_costs__gte=0), name="ideas_application_total_not_negative"),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0),
                name="ideas_application_requested_not_negative",
                violation_error_message=_("Der Eigenanteil kann nicht höher sein als die Gesamtkosten."),
            ),
            models.CheckConstraint(
                condition=~Q(state__in=ApplicationState.submitted_states()) | Q(reference__isnull=False),
                name="ideas_application_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.NOT_ELIGIBLE) | ~Q(eligibility_reason=""),
                name="ideas_application_not_eligible_has_reason",
            ),
        ]
        permissions = [
            ("manage_competition", _("Kann Anträge im Ideenwettbewerb prüfen, Förderungen bewilligen und die Rangliste sehen")),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    @property
    def is_draft(self) -> bool:
        return self.state == ApplicationState.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state in ApplicationState.submitted_states()

    @property
    def is_citywide(self) -> bool:
        return not self.districts.all()


class CostItem(models.Model):
    """One line of the cost plan."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cost_items")
    description = models.CharField(_("Kostenposition"), max_length=200)
    amount = models.DecimalField(_("Betrag (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)])
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenplan")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="ideas_cost_item_amount_not_negative",
                violation_error_message=_("Ein Betrag kann nicht negativ sein."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} €"


def _attachment_path(instance, filename: str) -> str:
    # An unguessable folder: application files are not public, they are served through a permission-checked view.
    return private_upload_path("ideas/antraege", filename)


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Datei"), upload_to=_attachment_path, max_length=255, validators=[validate_attachment])
    name = models.CharField(_("Dateiname"), max_length=200)
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")

    def __str__(self) -> str:
        return self.name


# --- Jury --------------------------------------------------------------------------------------------------------


class Assessment(models.Model):
    """One juror's score for one criterion of one application. The constraints are the guarantee."""

    application = models.ForeignKey(Application, verbose_name=_("Antrag"), on_delete=models.CASCADE, related_name="assessments")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Jurymitglied"), on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("Kriterium"), on_delete=models.PROTECT, related_name="assessments")
    score = models.PositiveSmallIntegerField(
        _("Punkte"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("Kommentar"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("bewertet am"), default=timezone.now)

    class Meta:
        ordering = ["application", "juror", "criterion__sort_order"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="ideas_assessment_score_0_to_5",
                violation_error_message=_("Bitte vergeben Sie 0 bis 5 Punkte."),
            ),
            models.UniqueConstraint(
                fields=["application", "juror", "criterion"],
                name="ideas_one_score_per_criterion",
                violation_error_message=_("Sie haben dieses Kriterium bereits bewertet."),
            ),
        ]
        indexes = [models.Index(fields=["application", "juror"], name="ideas_assessment_juror_idx")]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.juror_id}/{self.criterion_id}: {self.score}"


class ConflictOfInterest(models.Model):
    """A juror's declaration that they are biased about an application: they neither see nor score it."""

    application = models.ForeignKey(
        Application, verbose_name=_("Antrag"), on_delete=models.CASCADE, related_name="conflicts"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Jurymitglied"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(_("Anmerkung"), blank=True, validators=[MaxLengthValidator(1000)])
    declared_at = models.DateTimeField(_("erklärt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Befangenheit")
        verbose_name_plural = _("Befangenheiten")
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="ideas_one_conflict_per_juror")]

    def __str__(self) -> str:
        return f"{self.juror} – {self.application}"


# --- Awards ------------------------------------------------------------------------------------------------------


def _letter_path(instance, filename: str) -> str:
    return private_upload_path("ideas/bescheide", filename)


class Award(models.Model):
    """The grant for one application, charged to the fund of its competition.

    That the awards of a fund never exceed its budget is guaranteed by `services.award_grant`, which locks the fund
    row for the transaction that checks and inserts (a sum over rows cannot be a check constraint).
    """

    application = models.OneToOneField(Application, verbose_name=_("Antrag"), on_delete=models.PROTECT, related_name="award")
    fund = models.ForeignKey(Fund, verbose_name=_("Fonds"), on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(_("Fördersumme (€)"), **MONEY)
    conditions = models.TextField(_("Auflagen"), blank=True, validators=[MaxLengthValidator(3000)])
    decided_at = models.DateTimeField(_("bewilligt am"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bewilligt von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    letter = models.FileField(_("Förderbescheid (PDF)"), upload_to=_letter_path, max_length=255, blank=True)
    letter_sent_at = models.DateTimeField(_("Bescheid versandt am"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("Förderung")
        verbose_name_plural = _("Förderungen")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="ideas_award_amount_positive")]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount} €"


class ProgressState(models.TextChoices):
    PREPARING = "preparing", _("in Vorbereitung")
    RUNNING = "running", _("läuft")
    DELAYED = "delayed", _("verzögert")
    COMPLETED = "completed", _("abgeschlossen")
    CANCELLED = "cancelled", _("abgebrochen")


class ProgressReport(models.Model):
    """A funded project says how it is going. Public on the results page."""

    application = models.ForeignKey(
        Application, verbose_name=_("Antrag"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    state = models.CharField(_("Stand"), max_length=20, choices=ProgressState.choices)
    text = models.TextField(_("Kurzbericht"), validators=[MaxLengthValidator(1000)])
    reported_on = models.DateField(_("Datum"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("berichtet von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-created_at"]
        verbose_name = _("Fortschrittsbericht")
        verbose_name_plural = _("Fortschrittsberichte")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_state_display()} ({self.reported_on:%d.%m.%Y})"


class AudienceVote(models.Model):
    """One registered person's support for one application in the audience prize (same mechanism as proposal votes)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="audience_vote_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audience_votes")
    competition = models.ForeignKey(CompetitionPage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stimme Publikumspreis")
        verbose_name_plural = _("Stimmen Publikumspreis")
        constraints = [models.UniqueConstraint(fields=["application", "user"], name="ideas_one_audience_vote_per_person")]
        indexes = [models.Index(fields=["user", "competition"], name="ideas_audience_budget_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.application_id}"
