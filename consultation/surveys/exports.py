"""Every response of a survey as XLSX or CSV, for staff (`permissions.can_export_results`).

One row per response (online or a paper sheet): its number, channel, event, sheet number, district and date, then one
column per question in the survey's order: the chosen options joined by "; " in the order of the question, a ranking
as "1. x; 2. y", a scale's value as a number, a free text as written (whatever its moderation state: staff see all).

Written by the platform's one spreadsheet writer (`consultation.exports.spreadsheets.Spreadsheet`, on
`lip.exports.LipExportMixin`): CSV for German Excel (UTF-8 with BOM, semicolons, formula-like cells neutralised), XLSX
with real strings. Two queries whatever the number of responses: the responses and the answers, both streamed
(`iterator()`) in the same order and merged row by row, so a large survey is never held in memory as objects.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from uuid import UUID

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..exports.spreadsheets import ExportColumn, Spreadsheet
from ..models import Channel, QuestionKind, SurveyAnswer, SurveyPage, SurveyResponse
from .questions import Question, questions_of

CHUNK = 2000


@dataclass
class ResponseRow:
    """A response and its answers: question key → the answer rows' (option, rank, number, text)."""

    id: int
    channel: str
    event: str
    sheet: str
    district: str
    created_at: object
    answers: dict[UUID, list[tuple]] = field(default_factory=dict)


def _cell(question: Question, answers: list[tuple]):
    """The cell of one question: options joined, ranks "1. x; 2. y", the scale's number, or the text."""
    if not answers:
        return None
    if question.kind == QuestionKind.SCALE:
        return answers[0][2]
    if question.is_text:
        return answers[0][3]
    if question.kind == QuestionKind.RANKING:
        ranked = sorted((rank or 0, question.option(option)) for option, rank, _n, _t in answers)
        return "; ".join(f"{rank}. {option.label}" for rank, option in ranked if option is not None)
    chosen = {option for option, _r, _n, _t in answers}
    return "; ".join(option.label for option in question.options if option.key in chosen)


def _rows(page: SurveyPage) -> Iterator[ResponseRow]:
    """The responses in order, each with its answers: two streamed queries merged by response."""
    channels = dict(Channel.choices)
    responses = (
        SurveyResponse.objects.filter(survey=page)
        .order_by("created_at", "pk")
        .values_list("pk", "channel", "event__title", "sheet", "district__name", "created_at")
        .iterator(chunk_size=CHUNK)
    )
    answers = groupby(
        SurveyAnswer.objects.filter(survey=page)
        .order_by("response__created_at", "response_id", "pk")
        .values_list("response_id", "question", "option", "rank", "number", "text")
        .iterator(chunk_size=CHUNK),
        key=itemgetter(0),
    )
    pending = next(answers, None)
    for pk, channel, event, sheet, district, created_at in responses:
        row = ResponseRow(pk, str(channels.get(channel, channel)), event or "", sheet, district or "", created_at)
        if pending is not None and pending[0] == pk:
            for _response, question, *answer in pending[1]:
                row.answers.setdefault(question, []).append(tuple(answer))
            pending = next(answers, None)
        yield row


def survey_spreadsheet(page: SurveyPage) -> Spreadsheet:
    """The export of `page`: fixed columns, then one per question ("F1 …", with its text)."""
    questions = questions_of(page)
    columns = [
        ExportColumn("id", _("Nummer des Antwortbogens")),
        ExportColumn("channel", _("Weg")),
        ExportColumn("event", _("Veranstaltung")),
        ExportColumn("sheet", _("Bogennummer")),
        ExportColumn("district", _("Stadtbezirk")),
        ExportColumn("created_at", _("abgegeben am")),
    ]
    for question in questions:
        columns.append(
            ExportColumn(
                f"q{question.position}",
                f"F{question.position} {question.text}",
                lambda row, q=question: _cell(q, row.answers.get(q.key, [])),
            )
        )
    return Spreadsheet(
        name=f"umfrage-{slugify(page.slug)[:40] or page.pk}",
        title=page.title,
        columns=columns,
        queryset=lambda **_kwargs: _rows(page),
    )


def export_response(page: SurveyPage, fmt: str):
    """The download (`fmt`: "csv" or "xlsx")."""
    spreadsheet = survey_spreadsheet(page)
    return spreadsheet.as_spreadsheet(spreadsheet.queryset(), fmt)
