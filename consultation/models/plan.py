"""The plan itself: the administration's draft text, commented paragraph by paragraph, and its published versions.

A `PlanDraftPage` sits under a consultation; its StreamField holds the chapters with their paragraphs. Each
paragraph block keeps its id across edits, and that id is the paragraph's identity: publishing the page records a
new `PlanVersion` (the whole text as it was published) and brings the `PlanParagraph` rows up to date, to which
comments, amendments and statements are anchored. The consultation's phases decide when commenting is open
(`PhaseType.TEXT_REVIEW`). The staff's answer to each comment and amendment is a `CommentAnswer`; the version
published after it is the one the answer led to.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lip.model_parts import acting_user, optional_link
from lip.routing import RouteAwareRestrictionsMixin

PARAGRAPH_MAX = 5000


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Kapitelüberschrift"), max_length=200)
    paragraphs = blocks.ListBlock(
        blocks.TextBlock(label=_("Absatz"), max_length=PARAGRAPH_MAX),
        label=_("Absätze"),
        min_num=1,
    )

    class Meta:
        label = _("Kapitel")
        icon = "doc-full"


class PlanDraftPage(RouteAwareRestrictionsMixin, RoutablePageMixin, Page):
    """The draft of the plan (e.g. LIP 4.0), open for comments while its consultation is in a text-review phase."""

    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)
    chapters = StreamField(
        [("chapter", ChapterBlock())],
        verbose_name=_("Kapitel"),
        help_text=_(
            "Jeder Absatz behält seine Kennung, auch wenn er geändert oder verschoben wird: Kommentare bleiben "
            "an ihm. Jede Veröffentlichung dieser Seite wird zu einer neuen Fassung, wenn sich der Text geändert hat."
        ),
    )
    version_note = models.CharField(
        _("Hinweis zur nächsten Fassung"),
        max_length=300,
        blank=True,
        help_text=_("Wird bei der nächsten Veröffentlichung als Beschreibung der neuen Fassung gespeichert."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("chapters"), FieldPanel("version_note")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("chapters")]
    parent_page_types = ["consultation.ConsultationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Planentwurf zum Kommentieren")
        verbose_name_plural = _("Planentwürfe zum Kommentieren")

    @property
    def consultation(self):
        return self.get_parent().specific

    # Sub-pages: thin routes into `consultation.plan.views` and `.history`.
    @path("")
    def overview(self, request):
        from ..plan.views import plan_overview

        return plan_overview(request, self)

    @re_path(r"^absatz/(?P<key>[0-9a-f-]{36})/$")
    def paragraph_detail(self, request, key):
        from ..plan.views import paragraph_detail

        return paragraph_detail(request, self, key)

    @re_path(r"^kapitel/(?P<key>[0-9a-f-]{36})/$")
    def chapter_detail(self, request, key):
        from ..plan.chapters import chapter_detail

        return chapter_detail(request, self, key)

    @re_path(r"^kapitel/(?P<key>[0-9a-f-]{36})/stellungnahme/$")
    def chapter_statement(self, request, key):
        from ..plan.chapters import chapter_statement

        return chapter_statement(request, self, key)

    @re_path(r"^absatz/(?P<key>[0-9a-f-]{36})/(?P<action>[a-z-]+)/$")
    def paragraph_action(self, request, key, action):
        from ..plan.views import paragraph_action

        return paragraph_action(request, self, key, action)

    @path("kommentare/<int:comment_id>/<slug:action>/")
    def comment_action(self, request, comment_id, action):
        from ..plan.views import comment_action

        return comment_action(request, self, comment_id, action)

    @path("fassungen/", name="versions")
    def version_history(self, request):  # not named `versions`: the related name of PlanVersion.page would hide it
        from ..plan.history import version_compare

        return version_compare(request, self)


class PlanVersion(models.Model):
    """One published version of the text, kept as it was: [{"title", "paragraphs": [{"key", "label", "text"}]}]."""

    page = models.ForeignKey(PlanDraftPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)
    content = models.JSONField(_("Text"), default=list)
    published_at = models.DateTimeField(_("veröffentlicht am"), default=timezone.now)
    published_by = acting_user(_("veröffentlicht von"))

    class Meta:
        ordering = ["page", "number"]
        verbose_name = _("Fassung des Planentwurfs")
        verbose_name_plural = _("Fassungen des Planentwurfs")
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="consultation_one_version_number")]

    def __str__(self) -> str:
        return _("Fassung %(number)s") % {"number": self.number}


class DraftPart(models.Model):
    """What contributions on the draft are anchored to (a chapter or a paragraph): identified by its block id, in
    the text since `first_version`, until the version it was `removed_in` (its contributions stay with it)."""

    key = models.UUIDField(_("Kennung"))
    first_version = models.ForeignKey(
        PlanVersion, verbose_name=_("seit Fassung"), on_delete=models.PROTECT, related_name="+"
    )
    removed_in = optional_link(PlanVersion, _("entfernt in Fassung"), on_delete=models.PROTECT)

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_in_id is not None


class PlanChapter(DraftPart):
    """A chapter of the draft, identified by its block id like a paragraph; its number and title are those of the
    latest version. District integration councils publish statements on a whole chapter (`Comment.chapter`)."""

    page = models.ForeignKey(PlanDraftPage, on_delete=models.CASCADE, related_name="chapter_rows")
    number = models.PositiveIntegerField(_("Kapitel"))  # its place in the text: chapters are ordered by it
    title = models.CharField(_("Kapitelüberschrift"), max_length=200)
    # Published, not deleted statements on the chapter, kept in step by the services (`consultation.counters`).
    statement_count = models.PositiveIntegerField(_("Stellungnahmen"), default=0, editable=False)

    class Meta:
        ordering = ["page", "number"]
        verbose_name = _("Kapitel des Planentwurfs")
        verbose_name_plural = _("Kapitel des Planentwurfs")
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="consultation_one_chapter_per_key")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return self.page.url + self.page.reverse_subpage("chapter_detail", args=[str(self.key)])

    @property
    def label(self) -> str:
        """How the chapter is named beside paragraphs: "Kapitel 2"."""
        return _("Kapitel %(number)s") % {"number": self.number}


class PlanParagraph(DraftPart):
    """A paragraph of the draft, identified by its block id; its text and number are those of the latest version."""

    page = models.ForeignKey(PlanDraftPage, on_delete=models.CASCADE, related_name="paragraphs")
    label = models.CharField(_("Nummer"), max_length=20)  # "2.3": chapter 2, paragraph 3
    chapter_number = models.PositiveIntegerField(_("Kapitel"))
    chapter_title = models.CharField(_("Kapitelüberschrift"), max_length=200)
    position = models.PositiveIntegerField(_("Reihenfolge"))
    text = models.TextField(_("Text"), validators=[MaxLengthValidator(PARAGRAPH_MAX)])
    # Published, not deleted contributions, kept in step by the services like the proposal's counters.
    comment_count = models.PositiveIntegerField(_("Kommentare"), default=0, editable=False)
    statement_count = models.PositiveIntegerField(_("Stellungnahmen"), default=0, editable=False)
    amendment_count = models.PositiveIntegerField(_("Änderungsvorschläge"), default=0, editable=False)

    class Meta:
        ordering = ["page", "position"]
        verbose_name = _("Absatz des Planentwurfs")
        verbose_name_plural = _("Absätze des Planentwurfs")
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="consultation_one_paragraph_per_key")]

    def __str__(self) -> str:
        return f"{self.label} {self.chapter_title}"

    def get_absolute_url(self) -> str:
        return self.page.url + self.page.reverse_subpage("paragraph_detail", args=[str(self.key)])


class AnswerOutcome(models.TextChoices):
    ADOPTED = "adopted", _("übernommen")
    PARTLY = "partly", _("teilweise übernommen")
    NOT_ADOPTED = "not_adopted", _("nicht übernommen")
    NOTED = "noted", _("zur Kenntnis genommen")


class CommentAnswer(models.Model):
    """The administration's position on a comment, amendment or statement on the draft (one row of the
    Abwägungstabelle). `resulting_version` is the version published after the answer: the one it led to."""

    comment = models.OneToOneField(
        "consultation.Comment", verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="answer"
    )
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=AnswerOutcome.choices)
    reasoning = models.TextField(_("Begründung"), validators=[MaxLengthValidator(5000)])
    resulting_version = optional_link(PlanVersion, _("berücksichtigt in Fassung"), related_name="answers")
    answered_at = models.DateTimeField(_("beantwortet am"), default=timezone.now)
    answered_by = acting_user(_("beantwortet von"), blank=False)

    class Meta:
        verbose_name = _("Abwägung")
        verbose_name_plural = _("Abwägungen")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.get_outcome_display()}"

    @property
    def shaped_text(self) -> bool:
        return self.outcome in (AnswerOutcome.ADOPTED, AnswerOutcome.PARTLY)
