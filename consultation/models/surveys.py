"""Surveys: the same questions to many people, answered online or on paper and counted together.

A `SurveyPage` sits under a consultation; its StreamField holds the ordered questions, one block per question kind.
A question's identity is its block id and an option's identity its list-item id, so editing the wording or the
order of a published survey keeps the answers given so far attached to the right question and option. The
consultation's phases decide when answering is open (`PhaseType.SURVEY`); answers can be changed until then.

One `SurveyResponse` per person and survey (a signed-in person; anonymous and paper responses have no respondent),
with its `SurveyAnswer` rows: one row per chosen option (single and multiple choice), per ranked option (with its
rank), the scale value, or the free text. The answers carry the survey too, so results are counted with one GROUP BY
over an index instead of a join per question.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lip.model_parts import acting_user, optional_link
from lip.models import District
from lip.routing import RouteAwareRestrictionsMixin

from .contributions import Channel, Event

TEXT_ANSWER_MAX = 2000
SHORT_TEXT_MAX = 200


# --- Question blocks -------------------------------------------------------------


class QuestionBlock(blocks.StructBlock):
    """What every question has: the question, a short description and whether it must be answered."""

    question = blocks.CharBlock(label=_("Frage"), max_length=300)
    description = blocks.TextBlock(label=_("Erläuterung"), required=False, max_length=600)
    required = blocks.BooleanBlock(label=_("Antwort erforderlich"), required=False)


class ChoiceQuestionBlock(QuestionBlock):
    """A question answered from its options (at least two; each keeps its list-item id when reworded or moved)."""

    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Antwortmöglichkeit"), max_length=200), label=_("Antwortmöglichkeiten"), min_num=2
    )


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Einfachauswahl")
        icon = "radio-full"


class MultipleChoiceBlock(ChoiceQuestionBlock):
    max_choices = blocks.IntegerBlock(
        label=_("Höchstens so viele Antworten"), required=False, min_value=1, help_text=_("Leer = beliebig viele")
    )

    class Meta:
        label = _("Mehrfachauswahl")
        icon = "tasks"


class ScaleBlock(QuestionBlock):
    min_value = blocks.IntegerBlock(label=_("Kleinster Wert"), default=1, min_value=0, max_value=1)
    max_value = blocks.IntegerBlock(label=_("Größter Wert"), default=5, min_value=2, max_value=10)
    min_label = blocks.CharBlock(label=_("Bezeichnung des kleinsten Werts"), max_length=80, required=False)
    max_label = blocks.CharBlock(label=_("Bezeichnung des größten Werts"), max_length=80, required=False)

    class Meta:
        label = _("Skala")
        icon = "order"


class RankingBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Rangfolge")
        icon = "list-ol"


class ShortTextBlock(QuestionBlock):
    class Meta:
        label = _("Kurzer Freitext")
        icon = "pilcrow"


class LongTextBlock(QuestionBlock):
    class Meta:
        label = _("Langer Freitext")
        icon = "doc-full"


class QuestionKind(models.TextChoices):
    """The StreamField's block names: one per kind of question."""

    SINGLE_CHOICE = "single_choice", _("Einfachauswahl")
    MULTIPLE_CHOICE = "multiple_choice", _("Mehrfachauswahl")
    SCALE = "scale", _("Skala")
    RANKING = "ranking", _("Rangfolge")
    SHORT_TEXT = "short_text", _("Kurzer Freitext")
    LONG_TEXT = "long_text", _("Langer Freitext")


QUESTION_BLOCKS = [
    (QuestionKind.SINGLE_CHOICE.value, SingleChoiceBlock()),
    (QuestionKind.MULTIPLE_CHOICE.value, MultipleChoiceBlock()),
    (QuestionKind.SCALE.value, ScaleBlock()),
    (QuestionKind.RANKING.value, RankingBlock()),
    (QuestionKind.SHORT_TEXT.value, ShortTextBlock()),
    (QuestionKind.LONG_TEXT.value, LongTextBlock()),
]


# --- The survey ------------------------------------------------------------------


class SurveyPage(RouteAwareRestrictionsMixin, RoutablePageMixin, Page):
    """A questionnaire of a consultation, open while the consultation is in a phase "Umfrage"."""

    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)
    questions = StreamField(
        QUESTION_BLOCKS,
        verbose_name=_("Fragen"),
        help_text=_(
            "Jede Frage und jede Antwortmöglichkeit behält ihre Kennung, auch wenn sie umformuliert oder verschoben "
            "wird: bereits gegebene Antworten bleiben ihr zugeordnet. Löschen Sie keine Fragen, auf die schon "
            "geantwortet wurde."
        ),
    )
    ask_district = models.BooleanField(
        _("Nach dem Stadtbezirk fragen"),
        default=True,
        help_text=_("Eine freiwillige Frage am Ende; die Ergebnisse lassen sich dann nach Stadtbezirk filtern."),
    )
    allow_anonymous = models.BooleanField(
        _("Antworten ohne Anmeldung erlauben"),
        default=False,
        help_text=_(
            "Dann kann niemand sicherstellen, dass jede Person nur einmal antwortet; die Antworten werden durch die "
            "Bot-Prüfung und eine Mengenbegrenzung geschützt."
        ),
    )
    results_published = models.BooleanField(
        _("Ergebnisse veröffentlichen"),
        default=False,
        help_text=_("Freitext-Antworten erscheinen erst, wenn die Moderation sie freigegeben hat."),
    )
    thanks_text = models.CharField(_("Dank nach dem Absenden"), max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("ask_district"), FieldPanel("allow_anonymous"), FieldPanel("results_published")],
            heading=_("Einstellungen"),
        ),
        FieldPanel("thanks_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["consultation.ConsultationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")

    @property
    def consultation(self):
        return self.get_parent().specific

    # Sub-pages: thin routes into `consultation.surveys` (answering: `views`; results: `results_views`).
    @path("")
    def questionnaire(self, request):
        from ..surveys.views import questionnaire

        return questionnaire(request, self)

    @path("danke/", name="thanks")
    def thanks(self, request):
        from ..surveys.views import thanks

        return thanks(request, self)

    @path("ergebnisse/", name="results")
    def results(self, request):
        from ..surveys.results_views import results

        return results(request, self)


# --- Responses and answers -------------------------------------------------------


class SurveyResponse(models.Model):
    """One person's (or one paper sheet's) answers to a survey."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("Umfrage"), on_delete=models.CASCADE, related_name="responses"
    )
    # Signed-in respondents only; anonymous and paper responses have none. When the account goes, the answers stay
    # in the results without the person (SET_NULL).
    respondent = optional_link(settings.AUTH_USER_MODEL, _("Person"), related_name="survey_responses")
    district = optional_link(District, _("Stadtbezirk"), related_name="+")
    channel = models.CharField(_("Weg"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    event = optional_link(Event, _("Veranstaltung"), related_name="survey_responses")
    sheet = models.CharField(_("Bogennummer"), max_length=40, blank=True)
    recorded_by = acting_user(_("erfasst von"))
    created_at = models.DateTimeField(_("abgegeben am"), default=timezone.now)
    updated_at = models.DateTimeField(_("zuletzt geändert am"), default=timezone.now)

    class Meta:
        ordering = ["survey", "created_at", "pk"]
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="consultation_one_survey_response_per_person",
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.ONLINE) | Q(respondent__isnull=True),
                name="consultation_analog_survey_response_has_no_respondent",
            ),
        ]
        indexes = [models.Index(fields=["survey", "channel"], name="consultation_survey_channel")]

    def __str__(self) -> str:
        return _("Antwortbogen %(number)s") % {"number": self.pk}


class TextAnswerState(models.TextChoices):
    PENDING = "pending", _("wartet auf Prüfung")
    PUBLISHED = "published", _("freigegeben")
    REJECTED = "rejected", _("nicht veröffentlicht")


class SurveyAnswer(models.Model):
    """One answer to one question: a chosen option (with its rank in a ranking), a scale value, or a free text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")  # = response.survey
    question = models.UUIDField(_("Frage"))  # the question block's id
    option = models.UUIDField(_("Antwortmöglichkeit"), null=True, blank=True)  # the option's list-item id
    rank = models.PositiveSmallIntegerField(_("Rang"), null=True, blank=True)  # 1 = first, in rankings
    number = models.SmallIntegerField(_("Wert"), null=True, blank=True)  # on a scale
    text = models.TextField(_("Text"), blank=True, validators=[MaxLengthValidator(TEXT_ANSWER_MAX)])
    # Free texts are shown in public results only after moderation.
    text_state = models.CharField(
        _("Prüfung"), max_length=20, choices=TextAnswerState.choices, default=TextAnswerState.PENDING
    )

    class Meta:
        ordering = ["response", "pk"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        indexes = [models.Index(fields=["survey", "question", "option"], name="consultation_survey_answers")]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="consultation_option_once_per_response",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="consultation_one_value_per_question",
            ),
        ]

    def __str__(self) -> str:
        return str(self.question)
