"""The public version history of a plan draft: its versions, and what changed between two of them.

`version_compare` (the draft's route `fassungen/`) reads the versions to compare from the GET parameters `von` and
`bis` (defaults: the previous and the latest version) and shows the newer version's paragraphs in its order, each as
changed (word by word), added, renumbered or unchanged, with the removed ones at their old place; under each the
comments whose answers led to the change (adopted or partly adopted, answered before a version after `von` up to
`bis` was published). District integration councils' statements on a whole chapter that led to a change are listed
under their chapter, before its paragraphs ("Zum ganzen Kapitel"); those on a chapter the newer version no longer
has, after the last chapter. A fixed number of queries, however long the text and however many comments.
"""

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lip import http

from ..models import AnswerOutcome, CommentAnswer, CommentState, PlanDraftPage
from ..views.common import SAFE_METHODS
from . import diff
from .answers import on_draft
from .versions import paragraph_texts

CHANGED, ADDED, REMOVED, RENUMBERED, UNCHANGED = "changed", "added", "removed", "renumbered", "unchanged"


class VersionRangeForm(forms.Form):
    """The two versions to compare, by number; a missing one takes its default."""

    von = forms.TypedChoiceField(label=_("Ältere Fassung"), coerce=int, required=False)
    bis = forms.TypedChoiceField(label=_("Neuere Fassung"), coerce=int, required=False)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Fassung %(number)s") % {"number": n}) for n in numbers]
        for name in ("von", "bis"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = _("Diese Fassung gibt es nicht.")
        self.default_range = (numbers[-2], numbers[-1]) if len(numbers) > 1 else (numbers[-1], numbers[-1])
        self.initial = {"von": self.default_range[0], "bis": self.default_range[1]}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["von"] = self.default_range[0] if data.get("von") in (None, "") else data["von"]
        data["bis"] = self.default_range[1] if data.get("bis") in (None, "") else data["bis"]
        if data["von"] >= data["bis"]:
            raise ValidationError(_("Bitte wählen Sie als ältere Fassung eine frühere als die neuere."))
        return data


@dataclass
class Row:
    """One paragraph in the comparison."""

    kind: str
    key: str
    label: str
    old_label: str = ""
    text: str = ""
    segments: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    folded = False


@dataclass
class Folded:
    """A run of unchanged paragraphs, shown folded ("n Absätze unverändert")."""

    rows: list[Row]
    folded = True


@dataclass
class Chapter:
    number: int
    title: str
    key: str = ""  # its block id ("" in versions recorded before chapters had one)
    blocks: list[Row | Folded] = field(default_factory=list)
    answers: list = field(default_factory=list)  # the answers to statements on the whole chapter that shaped it


def compare(
    old_content: list[dict],
    new_content: list[dict],
    answers: dict[str, list] | None = None,
    chapter_answers: dict[str, list] | None = None,
) -> list[Chapter]:
    """The newer version's chapters with every paragraph of both versions, removed ones at their old place, and
    under each the `answers` (by paragraph key) that shaped it; each chapter with the `chapter_answers` (by chapter
    key) to statements on it as a whole."""
    old, new = paragraph_texts(old_content), paragraph_texts(new_content)
    answers, chapter_answers = answers or {}, chapter_answers or {}
    before, after, tail = _removed_places(old, new)
    chapters = [
        Chapter(number, chapter["title"], key=(key := chapter.get("key", "")), answers=chapter_answers.get(key, []))
        for number, chapter in enumerate(new_content, start=1)
    ]
    if not chapters:
        return []
    rows_of: dict[int, list[Row]] = {chapter.number: [] for chapter in chapters}

    def removed(keys: list[str]) -> list[Row]:
        return [Row(REMOVED, key, "", old_label=old[key]["label"], text=old[key]["text"]) for key in keys]

    for key, item in new.items():
        rows = rows_of[item["chapter_number"]]
        rows += [*removed(before.get(key, [])), _row(key, old.get(key), item), *removed(after.get(key, []))]
    rows_of[chapters[-1].number] += removed(tail)
    for chapter in chapters:
        for row in rows_of[chapter.number]:
            row.answers = answers.get(row.key, [])
        chapter.blocks = _fold(rows_of[chapter.number])
    return chapters


def _removed_places(old: dict, new: dict) -> tuple[dict, dict, list]:
    """Where the paragraphs of `old` missing from `new` go: after the paragraph before them in their old chapter,
    else before the next paragraph that is still there, else at the end."""
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    pending: list[str] = []
    previous, chapter = None, None
    for key, item in old.items():
        if item["chapter_number"] != chapter:
            previous, chapter = None, item["chapter_number"]
        if key in new:
            if pending:
                before[key], pending = pending, []
            previous = key
        elif previous is not None:
            after.setdefault(previous, []).append(key)
        else:
            pending.append(key)
    return before, after, pending


def _row(key: str, before: dict | None, after: dict) -> Row:
    if before is None:
        return Row(ADDED, key, after["label"], text=after["text"])
    old_label = before["label"] if before["label"] != after["label"] else ""
    if before["text"] != after["text"]:
        segments = diff.word_diff(before["text"], after["text"])
        return Row(CHANGED, key, after["label"], old_label=old_label, segments=segments)
    return Row(RENUMBERED if old_label else UNCHANGED, key, after["label"], old_label=old_label, text=after["text"])


def _fold(rows: list[Row]) -> list[Row | Folded]:
    """Runs of unchanged paragraphs are folded; an unchanged paragraph that answers shaped (a sentence moved
    elsewhere, say) stays in view with them."""
    blocks: list[Row | Folded] = []
    for row in rows:
        if row.kind != UNCHANGED or row.answers:
            blocks.append(row)
        elif blocks and blocks[-1].folded:
            blocks[-1].rows.append(row)
        else:
            blocks.append(Folded([row]))
    return blocks


@dataclass
class ShapingAnswers:
    """The answers that led to the changes, by the key of their paragraph and of their whole chapter."""

    by_paragraph: dict[str, list[CommentAnswer]] = field(default_factory=dict)
    by_chapter: dict[str, list[CommentAnswer]] = field(default_factory=dict)


def shaping_answers(page: PlanDraftPage, older: int, newer: int) -> ShapingAnswers:
    """Answers (adopted or partly) that led to a version after `older` up to `newer`, to contributions on a paragraph
    or statements on a whole chapter: one query."""
    answers = (
        CommentAnswer.objects.filter(
            on_draft(page, prefix="comment__"),
            comment__state=CommentState.PUBLISHED,
            comment__deleted_at__isnull=True,
            resulting_version__page=page,
            resulting_version__number__gt=older,
            resulting_version__number__lte=newer,
            outcome__in=[AnswerOutcome.ADOPTED, AnswerOutcome.PARTLY],
        )
        .select_related(
            "resulting_version",
            "comment__paragraph",
            "comment__chapter",
            "comment__organisation",
            "comment__statement_district",
            "comment__event",
        )
        .order_by("comment__created_at", "pk")
    )
    found = ShapingAnswers()
    for answer in answers:
        part = answer.comment.draft_part
        part.page = page  # its address without another query for the page
        by_key = found.by_paragraph if answer.comment.paragraph_id else found.by_chapter
        by_key.setdefault(str(part.key), []).append(answer)
    return found


def _rows(block: Row | Folded) -> list[Row]:
    return block.rows if block.folded else [block]


def version_compare(request, page: PlanDraftPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    versions = list(page.versions.defer("content").order_by("number"))
    context = {"page": page, "self": page, "versions": versions, "consultation": page.get_parent()}
    if not versions:
        return render(request, "consultation/plan/versions.html", context)
    numbers = [version.number for version in versions]
    form = VersionRangeForm(request.GET or None, numbers=numbers)
    context["form"] = form
    if len(numbers) == 1:
        return render(request, "consultation/plan/versions.html", context)
    if form.is_bound and not form.is_valid():
        return render(request, "consultation/plan/versions.html", context, status=400)
    older, newer = (form.cleaned_data["von"], form.cleaned_data["bis"]) if form.is_bound else form.default_range
    contents = dict(page.versions.filter(number__in=[older, newer]).values_list("number", "content"))
    shaping = shaping_answers(page, older, newer)
    chapters = compare(contents[older], contents[newer], shaping.by_paragraph, shaping.by_chapter)
    shown = {chapter.key for chapter in chapters}
    removed_chapters = [answer for key, found in shaping.by_chapter.items() if key not in shown for answer in found]
    by_number = {version.number: version for version in versions}
    counts = Counter(row.kind for chapter in chapters for block in chapter.blocks for row in _rows(block))
    context.update(
        older=by_number[older],
        newer=by_number[newer],
        chapters=chapters,
        counts=counts,
        removed_chapter_answers=removed_chapters,
    )
    return render(request, "consultation/plan/versions.html", context)
