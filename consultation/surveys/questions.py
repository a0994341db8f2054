"""A survey's questions as plain data: the one place that reads the `SurveyPage.questions` StreamField.

Forms, services, results and exports work on `Question`/`Option` dataclasses instead of StreamField children, so the
StreamField's shape (block names, list items with ids) is known here only. A question's `key` is its block id, an
option's `key` its list-item id: the identities the stored answers refer to (`SurveyAnswer.question`/`.option`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from ..models.surveys import QuestionKind

CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


@dataclass(frozen=True)
class Option:
    key: UUID
    label: str


@dataclass(frozen=True)
class Question:
    key: UUID
    kind: QuestionKind
    text: str
    description: str = ""
    required: bool = False
    options: list[Option] = field(default_factory=list)
    max_choices: int | None = None  # multiple choice: at most so many (None = any number)
    min_value: int | None = None  # scale
    max_value: int | None = None
    min_label: str = ""
    max_label: str = ""
    position: int = 0  # 1-based, in the order of the survey

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def scale_values(self) -> list[int]:
        if self.kind != QuestionKind.SCALE or self.min_value is None or self.max_value is None:
            return []
        return list(range(self.min_value, self.max_value + 1))

    def option(self, key: UUID) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


def _uuid(value) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _options(value) -> list[Option]:
    items = value.get("options")
    if items is None:
        return []
    options = []
    for item in getattr(items, "bound_blocks", []):
        key = _uuid(item.id)
        if key is not None and str(item.value or "").strip():
            options.append(Option(key=key, label=str(item.value)))
    return options


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def questions_of(page) -> list[Question]:
    """The page's questions in their order; blocks of an unknown kind or without an id are left out."""
    questions: list[Question] = []
    for child in page.questions:
        key = _uuid(child.id)
        try:
            kind = QuestionKind(child.block_type)
        except ValueError:
            continue
        if key is None:
            continue
        value = child.value
        min_value = max_value = None
        if kind == QuestionKind.SCALE:
            min_value = _int(value.get("min_value"))
            max_value = _int(value.get("max_value"))
            min_value = 1 if min_value is None else min_value
            max_value = 5 if max_value is None else max_value
            if max_value <= min_value:
                continue  # an impossible scale cannot be answered
        max_choices = _int(value.get("max_choices")) if kind == QuestionKind.MULTIPLE_CHOICE else None
        questions.append(
            Question(
                key=key,
                kind=kind,
                text=str(value.get("question") or ""),
                description=str(value.get("description") or ""),
                required=bool(value.get("required")),
                options=_options(value) if kind in CHOICE_KINDS else [],
                max_choices=max_choices if max_choices and max_choices > 0 else None,
                min_value=min_value,
                max_value=max_value,
                min_label=str(value.get("min_label") or "") if kind == QuestionKind.SCALE else "",
                max_label=str(value.get("max_label") or "") if kind == QuestionKind.SCALE else "",
                position=len(questions) + 1,
            )
        )
    return questions


def questions_by_key(page) -> dict[UUID, Question]:
    return {q.key: q for q in questions_of(page)}
