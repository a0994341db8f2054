"""Reads for answering a survey: the consultation with its phases, a person's earlier response, the staff's lists."""

from django.db.models import Count, Prefetch, Q

from ..models import Channel, ConsultationPage, SurveyAnswer, SurveyPage, SurveyResponse
from ..views.common import prepare_page


def survey_consultation(page: SurveyPage) -> ConsultationPage:
    """The survey's consultation with its phases loaded once, for every predicate of the request."""
    return prepare_page(page.get_parent().specific)


def response_of(survey: SurveyPage, user) -> SurveyResponse | None:
    """The signed-in person's response to the survey with its answers, or None (also for anonymous people)."""
    if not user.is_authenticated:
        return None
    return (
        SurveyResponse.objects.filter(survey=survey, respondent=user)
        .prefetch_related(Prefetch("answers", queryset=SurveyAnswer.objects.order_by("pk")))
        .first()
    )


def surveys_for_staff():
    """All surveys with their number of responses online and on paper (or another analog way), newest first."""
    return (
        SurveyPage.objects.annotate(
            online_count=Count("responses", filter=Q(responses__channel=Channel.ONLINE)),
            analog_count=Count("responses", filter=~Q(responses__channel=Channel.ONLINE)),
        )
        .order_by("-first_published_at", "title")
        .defer_streamfields()
    )


def analog_count(survey: SurveyPage) -> int:
    return SurveyResponse.objects.filter(survey=survey).exclude(channel=Channel.ONLINE).count()
