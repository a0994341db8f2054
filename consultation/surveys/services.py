"""Writes of answering a survey: online (`submit_response`, `update_response`) and on paper (`record_paper_response`).

Each runs in one transaction, asks the permission again and replaces the response's answers as a whole. A signed-in
person has one response per survey (the database's unique constraint): two submits of the same person at the same
moment end with one response, the later one updating it. A free text that did not change keeps its moderation state;
a new or changed text waits for moderation again.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import Channel, Event, SurveyAnswer, SurveyPage, SurveyResponse, TextAnswerState
from .forms import Answers
from .questions import questions_by_key


def _check(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _rows(survey: SurveyPage, response: SurveyResponse, answers: Answers, previous_texts: dict) -> list[SurveyAnswer]:
    """The answers as rows; rows for questions the survey no longer has (or options it never had) are left out."""
    questions = questions_by_key(survey)
    rows = []
    for item in answers.rows:
        question = questions.get(item.question)
        if question is None or (item.option is not None and question.option(item.option) is None):
            continue
        state = TextAnswerState.PENDING
        if item.text and previous_texts.get(item.question, (None,))[0] == item.text:
            state = previous_texts[item.question][1]
        rows.append(
            SurveyAnswer(
                response=response,
                survey=survey,
                question=item.question,
                option=item.option,
                rank=item.rank,
                number=item.number,
                text=item.text,
                text_state=state,
            )
        )
    return rows


def _replace_answers(response: SurveyResponse, answers: Answers) -> None:
    previous = {
        a.question: (a.text, a.text_state)
        for a in response.answers.exclude(text="").only("question", "text", "text_state")
    }
    response.answers.all().delete()
    SurveyAnswer.objects.bulk_create(_rows(response.survey, response, answers, previous))


def _update(response: SurveyResponse, answers: Answers) -> SurveyResponse:
    response.district = answers.district
    response.updated_at = timezone.now()
    response.save(update_fields=["district", "updated_at"])
    _replace_answers(response, answers)
    return response


def submit_response(*, survey: SurveyPage, user, answers: Answers, consultation=None) -> SurveyResponse:
    """An online response by `user` (signed in, or anonymous where the survey allows it). A signed-in person who
    answered before changes their response instead (also when two submits race)."""
    user = user or AnonymousUser()
    _check(permissions.can_answer_survey(user, survey, consultation))
    if not user.is_authenticated:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, district=answers.district, channel=Channel.ONLINE)
            _replace_answers(response, answers)
        return response
    with transaction.atomic():
        existing = SurveyResponse.objects.select_for_update().filter(survey=survey, respondent=user).first()
        if existing is not None:
            return _update(existing, answers)
        try:
            with transaction.atomic():  # a savepoint: the other submit may have created the row meanwhile
                response = SurveyResponse.objects.create(
                    survey=survey, respondent=user, district=answers.district, channel=Channel.ONLINE
                )
        except IntegrityError:
            existing = SurveyResponse.objects.select_for_update().get(survey=survey, respondent=user)
            return _update(existing, answers)
        _replace_answers(response, answers)
        return response


def update_response(*, response: SurveyResponse, user, answers: Answers, consultation=None) -> SurveyResponse:
    """The person changes their answers (while the survey is open)."""
    if not user.is_authenticated or response.respondent_id != user.pk:
        raise PermissionDenied(_("Nur die Person, die geantwortet hat, kann ihre Antworten ändern."))
    _check(permissions.can_answer_survey(user, response.survey, consultation))
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().select_related("survey").get(pk=response.pk)
        return _update(locked, answers)


def record_paper_response(
    *, survey: SurveyPage, recorded_by, channel: str, event: Event | None, sheet: str, answers: Answers
) -> SurveyResponse:
    """A questionnaire filled in on paper (or at an event) and typed in by staff: no respondent, in any phase."""
    if not permissions.can_enter_paper_responses(recorded_by):
        raise PermissionDenied(_("Nur die Stadtverwaltung kann Papierbögen erfassen."))
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise ValidationError({"channel": _("Bitte wählen Sie einen analogen Eingangsweg.")})
    if event is not None and event.consultation_id != survey.get_parent().pk:
        raise ValidationError({"event": _("Diese Veranstaltung gehört zu einer anderen Beteiligung.")})
    with transaction.atomic():
        response = SurveyResponse.objects.create(
            survey=survey,
            district=answers.district,
            channel=channel,
            event=event,
            sheet=sheet.strip(),
            recorded_by=recorded_by,
        )
        _replace_answers(response, answers)
    return response
