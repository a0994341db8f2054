"""The answer form of a survey, built from its questions (`questions.questions_of`): one field per question.

- single choice: radio buttons; multiple choice: checkboxes, at most `max_choices`; scale: radio buttons from the
  smallest to the largest value, the end labels on the first and last;
- ranking: one select per option ("Rang 1 … N", or empty). People rank as many options as they like, starting with
  the most important: the ranks given must be 1, 2, … without gaps and each used once ("the first N"). Ranking
  everything is not forced: with many options the last places say little, and a required ranking only needs a first
  place. This works without JavaScript and with a keyboard, and the error names what to correct;
- short text: one line, at most 200 characters; long text: a textarea, at most 2000.

Field names are "q-<question key>": a submitted option key that is not one of the question's options is a form
error, never a lookup. `answers()` turns the cleaned form into plain `AnswerData` rows for the services, and
`initial_from(questions, response)` turns stored answers back into the form's initial values.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from lip.botcheck import BotCheckMixin
from lip.formfields import (
    CleanCharField,
    CleanFormMixin,
    PlainTextField,
    SafeModelChoiceField,
    validate_no_control_characters,
)
from lip.models import District

from ..models import QuestionKind, SurveyResponse
from ..models.surveys import SHORT_TEXT_MAX, TEXT_ANSWER_MAX
from .questions import Question

FIELD_PREFIX = "q-"
DISTRICT_FIELD = "district"


@dataclass(frozen=True)
class AnswerData:
    """One row to store: the question and, by kind, the chosen option (with its rank), the value or the text."""

    question: UUID
    option: UUID | None = None
    rank: int | None = None
    number: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Answers:
    """Everything a form gives the services: the answer rows and the optional district."""

    rows: list[AnswerData]
    district: District | None = None


def field_name(question: Question) -> str:
    return f"{FIELD_PREFIX}{question.key}"


# --- Ranking ------------------------------------------------------------------------------------------------------


class RankingWidget(forms.MultiWidget):
    """One select per option, each with the option as its label (the question is the fieldset's legend)."""

    use_fieldset = True

    def __init__(self, labels: list[str], size: int, attrs=None):
        choices = [("", "–"), *[(str(n), str(n)) for n in range(1, size + 1)]]
        self.labels = labels
        super().__init__([forms.Select(choices=choices) for _label in labels], attrs)

    def decompress(self, value):
        return value or [None] * len(self.widgets)

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        attrs = {**self.attrs, **(attrs or {})}
        base_id = attrs.pop("id", None) or f"id_{name}"
        # A required ranking needs a first place only, so no select is "required"; the cursor goes to the first.
        attrs.pop("required", None)
        autofocus = attrs.pop("autofocus", None)
        rows = []
        for index, (widget, label) in enumerate(zip(self.widgets, self.labels, strict=True)):
            widget_id = f"{base_id}_{index}"
            raw = values[index] if index < len(values) else None
            select_attrs = {**attrs, "id": widget_id, **({"autofocus": autofocus} if autofocus and not index else {})}
            select = widget.render(f"{name}_{index}", "" if raw is None else str(raw), select_attrs, renderer)
            rows.append((widget_id, label, select))
        return format_html(
            '<div class="ranking" id="{}">{}</div>',
            base_id,
            format_html_join(
                "",
                '<div class="ranking__row"><label class="ranking__label" for="{}">{}</label> {}</div>',
                rows,
            ),
        )


class RankingField(forms.Field):
    """Ranks for a question's options: cleaned to {option key: rank}, the ranks 1..k each used once."""

    default_error_messages = {
        "invalid": _("Bitte wählen Sie für jede Antwortmöglichkeit einen Rang aus der Liste."),
        "duplicate": _("Jeder Rang darf nur einmal vergeben werden."),
        "gap": _("Bitte vergeben Sie die Ränge der Reihe nach, ohne Lücke: 1, 2, 3 …"),
    }

    def __init__(self, question: Question, **kwargs):
        self.option_keys = [option.key for option in question.options]
        widget = RankingWidget([option.label for option in question.options], len(self.option_keys))
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            value = []
        if not isinstance(value, list | tuple) or len(value) != len(self.option_keys):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        ranks: dict[UUID, int] = {}
        for key, raw in zip(self.option_keys, value, strict=True):
            if raw in (None, ""):
                continue
            try:
                rank = int(raw)
            except (TypeError, ValueError):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
            if not 1 <= rank <= len(self.option_keys):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ranks[key] = rank
        return ranks

    def validate(self, value):
        if not value and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        given = sorted(value.values())
        if len(given) != len(set(given)):
            raise forms.ValidationError(self.error_messages["duplicate"], code="duplicate")
        if given != list(range(1, len(given) + 1)):
            raise forms.ValidationError(self.error_messages["gap"], code="gap")


# --- One field per question ---------------------------------------------------------------------------------------


def _choice_list(question: Question) -> list[tuple[str, str]]:
    return [(str(option.key), option.label) for option in question.options]


def _scale_choices(question: Question) -> list[tuple[str, str]]:
    choices = []
    for value in question.scale_values:
        label = str(value)
        if value == question.min_value and question.min_label:
            label = f"{value} – {question.min_label}"
        elif value == question.max_value and question.max_label:
            label = f"{value} – {question.max_label}"
        choices.append((str(value), label))
    return choices


class MaxChoicesField(forms.MultipleChoiceField):
    def __init__(self, *, max_choices: int | None, **kwargs):
        self.max_choices = max_choices
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Bitte wählen Sie höchstens %(max)d Antwort.",
                    "Bitte wählen Sie höchstens %(max)d Antworten.",
                    "max",
                ),
                code="max_choices",
                params={"max": self.max_choices},
            )


def question_field(question: Question) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    invalid = {"invalid_choice": _("Diese Antwort gibt es nicht. Bitte wählen Sie eine der genannten.")}
    match question.kind:
        case QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=_choice_list(question), widget=forms.RadioSelect, error_messages=invalid, **common
            )
        case QuestionKind.MULTIPLE_CHOICE:
            help_text = ""
            if question.max_choices:
                help_text = ngettext_lazy("Höchstens %(max)d Antwort.", "Höchstens %(max)d Antworten.", "max") % {
                    "max": question.max_choices
                }
            return MaxChoicesField(
                choices=_choice_list(question),
                max_choices=question.max_choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages=invalid,
                help_text=help_text,
                **common,
            )
        case QuestionKind.SCALE:
            return forms.TypedChoiceField(
                choices=_scale_choices(question), coerce=int, widget=forms.RadioSelect, error_messages=invalid, **common
            )
        case QuestionKind.RANKING:
            return RankingField(
                question,
                help_text=_("Vergeben Sie Rang 1 für das Wichtigste, dann 2, 3 … – so viele Sie möchten."),
                **common,
            )
        case QuestionKind.SHORT_TEXT:
            return CleanCharField(max_length=SHORT_TEXT_MAX, **common)
        case _:
            return PlainTextField(max_length=TEXT_ANSWER_MAX, rows=6, **common)


class SurveyForm(CleanFormMixin, forms.Form):
    """The answers to a survey. `questions`: `questions_of(page)`; `ask_district`: the page's setting."""

    def __init__(self, *args, questions: list[Question], ask_district: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = question_field(question)
        if ask_district:
            self.fields[DISTRICT_FIELD] = SafeModelChoiceField(
                label=_("In welchem Stadtbezirk leben oder arbeiten Sie?"),
                queryset=District.objects.order_by("name"),
                required=False,
                empty_label=_("keine Angabe"),
                help_text=_("Freiwillig. Damit lassen sich die Ergebnisse nach Stadtbezirken auswerten."),
            )
        # CleanFormMixin cleaned the submitted text already; its per-field checks ran before these fields existed.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_no_control_characters)
                field.widget.attrs.setdefault("maxlength", field.max_length)

    def question_fields(self):
        """(question, bound field) in the survey's order, for the template. A free text's input is described by the
        question's description and its errors (a fieldset carries them itself: includes/question.html)."""
        fields = []
        for question in self.questions:
            bound = self[field_name(question)]
            if not bound.field.widget.use_fieldset:
                ids = [f"{bound.auto_id}_description"] if question.description else []
                ids += [f"{bound.auto_id}_helptext"] if bound.help_text else []
                ids += [f"{bound.auto_id}_error"] if bound.errors else []
                bound.field.widget.attrs.pop("aria-describedby", None)
                if ids:
                    bound.field.widget.attrs["aria-describedby"] = " ".join(ids)
            fields.append((question, bound))
        return fields

    def district_field(self):
        return self[DISTRICT_FIELD] if DISTRICT_FIELD in self.fields else None

    def answers(self) -> Answers:
        """The cleaned form as rows to store (unanswered optional questions give none)."""
        rows: list[AnswerData] = []
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value in (None, "", [], {}):
                continue
            match question.kind:
                case QuestionKind.SINGLE_CHOICE:
                    rows.append(AnswerData(question.key, option=UUID(value)))
                case QuestionKind.MULTIPLE_CHOICE:
                    rows.extend(AnswerData(question.key, option=UUID(key)) for key in value)
                case QuestionKind.SCALE:
                    rows.append(AnswerData(question.key, number=int(value)))
                case QuestionKind.RANKING:
                    rows.extend(AnswerData(question.key, option=key, rank=rank) for key, rank in value.items())
                case _:
                    text = value.strip()
                    if text:
                        rows.append(AnswerData(question.key, text=text))
        return Answers(rows=rows, district=self.cleaned_data.get(DISTRICT_FIELD))


class AnonymousSurveyForm(BotCheckMixin, SurveyForm):
    """For people without an account: the bot check's honeypot and time trap come along."""


def initial_from(questions: list[Question], response: SurveyResponse | None) -> dict:
    """The form's initial values from stored answers (`response.answers` prefetched)."""
    if response is None:
        return {}
    by_question: dict[UUID, list] = {}
    for answer in response.answers.all():
        by_question.setdefault(answer.question, []).append(answer)
    initial: dict = {DISTRICT_FIELD: response.district_id}
    for question in questions:
        answers = by_question.get(question.key, [])
        if not answers:
            continue
        name = field_name(question)
        match question.kind:
            case QuestionKind.SINGLE_CHOICE:
                initial[name] = str(answers[0].option)
            case QuestionKind.MULTIPLE_CHOICE:
                initial[name] = [str(a.option) for a in answers]
            case QuestionKind.SCALE:
                initial[name] = answers[0].number
            case QuestionKind.RANKING:
                ranks = {a.option: a.rank for a in answers}
                initial[name] = [ranks.get(o.key) for o in question.options]
            case _:
                initial[name] = answers[0].text
    return initial
