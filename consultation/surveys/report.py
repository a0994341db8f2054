"""The surveys in the monitoring report: per survey the responses online and analog and, per question, the top figures,
as plain JSON for the report snapshot (`monitoring.reports.snapshot`, key "surveys").

`monitoring` calls this (`consultation` does not import `monitoring`): the period comes as two datetimes (lower
inclusive, upper exclusive; None: open), a district body's report passes its district and counts the responses given
for that district only. Free texts are counted (how many are published), never quoted: a report is public and
permanent. Five queries whatever the number of surveys and answers (the surveys, their consultations, `results.tally`).
"""

from datetime import datetime

from django.db.models import Q
from wagtail.models import Page

from lip.models import District

from ..models import QuestionKind, SurveyPage, SurveyResponse
from .results import QuestionResult, SurveyResults, share, tally

TOP = 3  # options per question in the report


def _condition(lower: datetime | None, upper: datetime | None, district: District | None, prefix: str = "") -> Q:
    condition = Q()
    if lower is not None:
        condition &= Q(**{f"{prefix}created_at__gte": lower})
    if upper is not None:
        condition &= Q(**{f"{prefix}created_at__lt": upper})
    if district is not None:
        condition &= Q(**{f"{prefix}district": district})
    return condition


def _question(result: QuestionResult) -> dict:
    q = result.question
    entry = {
        "position": q.position,
        "text": q.text,
        "kind": str(q.kind.label),
        "answered_online": result.answered.online,
        "answered_analog": result.answered.analog,
        "top": [],
        "mean": None,
        "is_text": q.is_text,
        "texts_published": result.texts_published,
    }
    if q.kind == QuestionKind.SCALE:
        entry["mean"] = str(result.mean) if result.mean is not None else None
        entry["scale"] = f"{q.min_value}–{q.max_value}"
    elif q.kind == QuestionKind.RANKING:
        entry["top"] = [
            {
                "label": row.label,
                "average_rank": str(row.average_rank),
                "first_online": row.first.online,
                "first_analog": row.first.analog,
            }
            for row in result.rows[:TOP]
            if row.average_rank is not None
        ]
    elif q.has_options:
        rows = sorted(result.rows, key=lambda r: -r.count.total)[:TOP]
        entry["top"] = [
            {
                "label": row.label,
                "online": row.count.online,
                "analog": row.count.analog,
                "percent": share(row.count.total, result.answered.total),
            }
            for row in rows
            if row.count.total
        ]
    return entry


def _survey(results: SurveyResults, consultation: str) -> dict:
    return {
        "title": results.survey.title,
        "consultation": consultation,
        "responses_online": results.responses.online,
        "responses_analog": results.responses.analog,
        "questions": [_question(result) for result in results.questions],
    }


def survey_chapter(lower: datetime | None, upper: datetime | None, *, district: District | None = None) -> list[dict]:
    """The surveys with responses in the period (and the district), in the order they were published."""
    surveys = list(
        SurveyPage.objects.filter(
            pk__in=SurveyResponse.objects.filter(_condition(lower, upper, district)).values("survey_id")
        ).order_by("first_published_at", "pk")
    )
    if not surveys:
        return []
    steplen = Page.steplen
    parents = dict(Page.objects.filter(path__in={s.path[:-steplen] for s in surveys}).values_list("path", "title"))
    found = tally(surveys, _condition(lower, upper, district), _condition(lower, upper, district, "response__"))
    return [_survey(found[s.pk], parents.get(s.path[:-steplen], "")) for s in surveys]
