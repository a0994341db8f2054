"""Survey responses in the participation statistics (issue 20): every response to a survey (`SurveyResponse`), online
or entered by staff from paper sheets and events, counted like the other contributions when it was given within the
period.

They are counted apart (`ActivityRow.survey_responses_online` and `survey_responses_analog`), by consultation (the
survey page's parent), by channel and by the district the respondent named (voluntary; otherwise citywide). The
figures of one district count the responses that named it. Signed-in respondents count among the people who took part
online. What the surveys found is the report's survey section (`consultation.surveys.report`).
"""

from datetime import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Substr
from wagtail.models import Page

from consultation.models import Channel, SurveyResponse
from lip.models import District

from .results import ActivityRow, of_district, within

STEPLEN = Page.steplen


def _responses(lower: datetime | None, upper: datetime | None, district: District | None) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(within("created_at", lower, upper), of_district("district", district))


def survey_response_counts(lower, upper, district: District | None):
    """(consultation id, district id or None, channel, number) of the survey responses: one query (the consultation is
    the survey page's parent, found by its tree path in a subquery)."""
    consultation = Page.objects.filter(
        path=Substr(OuterRef("survey__path"), 1, (OuterRef("survey__depth") - 1) * STEPLEN)
    ).values("pk")[:1]
    return (
        _responses(lower, upper, district)
        .annotate(consultation_id=Subquery(consultation))
        .values_list("consultation_id", "district_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )


def survey_participants(lower, upper, district: District | None) -> QuerySet:
    """The signed-in respondents, as `values("respondent_id")` for the union of participants."""
    return (
        _responses(lower, upper, district)
        .filter(respondent__isnull=False, channel=Channel.ONLINE)
        .values("respondent_id")
        .order_by()
    )


def add_survey_responses(rows: tuple[ActivityRow, ...], channel: str, n: int) -> None:
    attribute = "survey_responses_online" if channel == Channel.ONLINE else "survey_responses_analog"
    for row in rows:
        setattr(row, attribute, getattr(row, attribute) + n)
