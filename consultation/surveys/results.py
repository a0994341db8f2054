"""The results of a survey: selectors for the results page and (`tally`, several surveys at once) the monitoring
report's survey chapter (`report`).

Online and analog responses (paper sheets, events, letters …) count alike; every figure is kept apart by channel, so
each total shows its split. The figures come from a fixed number of queries whatever the number of questions and
answers (tests/consultation/test_survey_results_queries.py):

1. the responses per channel (the number of responses);
2. one GROUP BY over the survey's answers (question, option, rank, scale value, free-text state, channel): the
   counts per option, the scale's distribution, the ranking's ranks, the answered free texts;
3. one GROUP BY of the answers per question and channel counting distinct responses: who answered the question
   (several rows per response in multiple choice and ranking);
4. the free texts to show (published only for the public; all, with their state, for staff), at most
   `TEXTS_PER_QUESTION` per question (a window function), newest first.

The filter (`ResultFilterForm`) limits everything to a channel ("online", "analog" or one channel) and a district;
the district choices come from `lip.reference` (the cache), not from a query. `tally` counts (1–3) for several
surveys in the same three queries, grouped by survey too.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from lip import reference
from lip.formfields import CleanFormMixin

from ..models import Channel, QuestionKind, SurveyAnswer, SurveyPage, SurveyResponse, TextAnswerState
from .questions import Question, questions_of

TEXTS_PER_QUESTION = 200
ONLINE, ANALOG = "online", "analog"


# --- The filter ----------------------------------------------------------------------------------------------------


def channel_choices() -> list[tuple[str, str]]:
    return [
        ("", _("alle Wege")),
        (ONLINE, _("nur online")),
        (ANALOG, _("nur analog (Papier, Veranstaltungen …)")),
        *[(value, label) for value, label in Channel.choices if value != Channel.ONLINE],
    ]


class ResultFilterForm(CleanFormMixin, forms.Form):
    """The results' query string: `?weg=online|analog|<channel>&bezirk=<district id>`; a bad value is a form error
    (the results then show everything, with the error beside the field)."""

    weg = forms.ChoiceField(label=_("Weg der Antwort"), required=False)
    bezirk = forms.TypedChoiceField(label=_("Stadtbezirk"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weg"].choices = channel_choices()
        self.fields["bezirk"].choices = [("", _("alle Stadtbezirke"))] + [
            (str(d.pk), d.name) for d in reference.districts()
        ]

    @property
    def channel(self) -> str:
        return (self.cleaned_data.get("weg") or "") if self.is_valid() else ""

    @property
    def district_id(self) -> int | None:
        return self.cleaned_data.get("bezirk") if self.is_valid() else None

    @property
    def is_filtered(self) -> bool:
        return bool(self.channel or self.district_id)


def response_filter(channel: str = "", district_id: int | None = None, prefix: str = "") -> Q:
    """The responses (reached through `prefix`, e.g. "response__") of a channel group or channel and a district."""
    condition = Q()
    if channel == ONLINE:
        condition &= Q(**{f"{prefix}channel": Channel.ONLINE})
    elif channel == ANALOG:
        condition &= ~Q(**{f"{prefix}channel": Channel.ONLINE})
    elif channel:
        condition &= Q(**{f"{prefix}channel": channel})
    if district_id is not None:
        condition &= Q(**{f"{prefix}district_id": district_id})
    return condition


# --- What the selector returns -------------------------------------------------------------------------------------


@dataclass
class Split:
    """A figure, online and analog apart."""

    online: int = 0
    analog: int = 0

    @property
    def total(self) -> int:
        return self.online + self.analog

    def add(self, channel: str, n: int) -> None:
        if channel == Channel.ONLINE:
            self.online += n
        else:
            self.analog += n


def share(part: int, whole: int) -> int:
    """A whole-number percentage (half up), 0 of nothing."""
    if not whole:
        return 0
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Row:
    """One bar: an option (its count, and in a ranking its ranks) or a value of a scale."""

    key: str
    label: str
    count: Split = field(default_factory=Split)
    rank_sum: int = 0  # ranking: the sum of its ranks, for the average
    ranked: int = 0  # ranking: how often it was ranked at all
    first: Split = field(default_factory=Split)  # ranking: how often it came first
    percent: int = 0  # of those who answered the question

    @property
    def average_rank(self) -> Decimal | None:
        if not self.ranked:
            return None
        return (Decimal(self.rank_sum) / Decimal(self.ranked)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class TextRow:
    id: int
    text: str
    channel: str
    state: str

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label if self.channel in Channel.values else self.channel

    @property
    def state_label(self) -> str:
        return TextAnswerState(self.state).label if self.state in TextAnswerState.values else self.state


@dataclass
class QuestionResult:
    question: Question
    answered: Split = field(default_factory=Split)
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None  # scale
    texts: list[TextRow] = field(default_factory=list)
    texts_published: int = 0  # free text: how many are public
    texts_pending: int = 0

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == QuestionKind.RANKING

    @property
    def is_text(self) -> bool:
        return self.question.is_text


@dataclass
class SurveyResults:
    survey: SurveyPage
    responses: Split
    questions: list[QuestionResult]
    channel: str = ""
    district_id: int | None = None


# --- The selector --------------------------------------------------------------------------------------------------


def _rows(question: Question) -> list[Row]:
    if question.kind == QuestionKind.SCALE:
        labels = {question.min_value: question.min_label, question.max_value: question.max_label}
        return [Row(str(v), f"{v} ({labels[v]})" if labels.get(v) else str(v), Split()) for v in question.scale_values]
    return [Row(str(option.key), option.label, Split()) for option in question.options]


def _count_answers(result: QuestionResult, option, rank, number, state, channel, n) -> None:
    question = result.question
    if question.is_text:
        if state == TextAnswerState.PUBLISHED:
            result.texts_published += n
        elif state == TextAnswerState.PENDING:
            result.texts_pending += n
        return
    key = str(number) if question.kind == QuestionKind.SCALE else str(option)
    row = next((r for r in result.rows if r.key == key), None)
    if row is None:
        return  # an option or value no longer in the survey
    if question.kind == QuestionKind.RANKING:
        row.ranked += n
        row.rank_sum += (rank or 0) * n
        if rank == 1:
            row.first.add(channel, n)
    row.count.add(channel, n)


def _finish(result: QuestionResult) -> None:
    answered = result.answered.total
    for row in result.rows:
        row.percent = share(row.count.total, answered)
    if result.question.kind == QuestionKind.SCALE:
        n = sum(row.count.total for row in result.rows)
        total = sum(int(row.key) * row.count.total for row in result.rows)
        result.mean = (Decimal(total) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if n else None
    if result.is_ranking:
        result.rows.sort(key=lambda r: (r.average_rank is None, r.average_rank or 0))


def tally(surveys: list[SurveyPage], responses: Q | None = None, answers: Q | None = None) -> dict[int, SurveyResults]:
    """The counted results of several surveys at once (without free texts), limited to the responses that meet
    `responses` (a condition on `SurveyResponse`; `answers`: the same condition on `SurveyAnswer`, through
    "response__"): three queries whatever the number of surveys, questions and answers."""
    found = {
        survey.pk: SurveyResults(
            survey=survey,
            responses=Split(),
            questions=[QuestionResult(q, rows=_rows(q)) for q in questions_of(survey)],
        )
        for survey in surveys
    }
    questions = {pk: {r.question.key: r for r in results.questions} for pk, results in found.items()}

    for survey_id, channel, n in (
        SurveyResponse.objects.filter(responses or Q(), survey__in=list(found))
        .values_list("survey_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found[survey_id].responses.add(channel, n)

    rows = SurveyAnswer.objects.filter(answers or Q(), survey__in=list(found))
    for survey_id, question, option, rank, number, state, channel, n in (
        rows.values_list("survey_id", "question", "option", "rank", "number", "text_state", "response__channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if (result := questions[survey_id].get(question)) is not None:
            _count_answers(result, option, rank, number, state, channel, n)

    for survey_id, question, channel, n in (
        rows.values_list("survey_id", "question", "response__channel")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        if (result := questions[survey_id].get(question)) is not None:
            result.answered.add(channel, n)

    for results in found.values():
        for result in results.questions:
            _finish(result)
    return found


def survey_results(
    survey: SurveyPage, *, channel: str = "", district_id: int | None = None, staff: bool = False
) -> SurveyResults:
    """The results of `survey` (filtered by channel and district), in four queries (see the module docstring).
    `staff`: with every free text and its state; otherwise only published free texts."""
    condition = response_filter(channel, district_id)
    results = tally([survey], condition, response_filter(channel, district_id, "response__"))[survey.pk]
    results.channel, results.district_id = channel, district_id
    texts = {result.question.key: result for result in results.questions if result.is_text}
    if texts:
        found = SurveyAnswer.objects.filter(
            response_filter(channel, district_id, "response__"), survey=survey, question__in=list(texts)
        ).exclude(text="")
        if not staff:
            found = found.filter(text_state=TextAnswerState.PUBLISHED)
        newest = Window(RowNumber(), partition_by=[F("question")], order_by=[F("response__created_at").desc(), "-pk"])
        for pk, question, text, answer_channel, state in (
            found.annotate(n=newest)
            .filter(n__lte=TEXTS_PER_QUESTION)
            .order_by("question", "-response__created_at", "-pk")
            .values_list("pk", "question", "text", "response__channel", "text_state")
        ):
            texts[question].texts.append(TextRow(pk, text, answer_channel, state))
    return results
