"""Answering a survey online, reached through SurveyPage's routes: the questionnaire and the thanks page.

The questionnaire shows the form (prefilled with the person's earlier answers, which they may change while the
survey is open), saves it through `services`, and answers a form with errors with status 400 and an error summary.
When the survey is not open (or the person may not answer), the page says why and shows earlier answers read-only.
"""

from allauth.core import ratelimit
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lip import http

from .. import permissions
from ..models import QuestionKind, SurveyPage, SurveyResponse
from ..permissions import Action
from ..views.common import SAFE_METHODS, make_offer
from . import selectors, services
from .forms import AnonymousSurveyForm, SurveyForm, initial_from
from .questions import Question, questions_of

RATE_LIMIT_ACTION = "survey_answer_anonymous"  # settings.ACCOUNT_RATE_LIMITS


def _thanks_url(request, page: SurveyPage) -> str:
    return http.page_url(request, page) + page.reverse_subpage("thanks")


def answered_note(response: SurveyResponse | None, is_open: bool) -> str:
    if response is None:
        return ""
    when = date_format(localtime(response.updated_at), "DATETIME_FORMAT")
    if is_open:
        return _("Sie haben am %(date)s geantwortet. Sie können Ihre Antworten bis zum Ende der Umfrage ändern.") % {
            "date": when
        }
    return _("Sie haben am %(date)s geantwortet.") % {"date": when}


def answer_summary(questions: list[Question], response: SurveyResponse | None) -> list[tuple[Question, list[str]]]:
    """The stored answers as readable text per question (for the read-only view of a closed survey)."""
    if response is None:
        return []
    by_question: dict = {}
    for answer in response.answers.all():
        by_question.setdefault(answer.question, []).append(answer)
    summary = []
    for question in questions:
        answers = by_question.get(question.key, [])
        if question.has_options:
            answers = sorted(answers, key=lambda a: (a.rank or 0, a.pk))
            labels = [o.label for a in answers if (o := question.option(a.option)) is not None]
            if question.kind == QuestionKind.RANKING:
                labels = [f"{n}. {label}" for n, label in enumerate(labels, start=1)]
        elif question.kind == QuestionKind.SCALE:
            labels = [str(a.number) for a in answers]
        else:
            labels = [a.text for a in answers]
        summary.append((question, labels or [_("keine Antwort")]))
    return summary


def _form(request, page: SurveyPage, questions: list[Question], *, data=None, initial=None):
    form_class = SurveyForm if request.user.is_authenticated else AnonymousSurveyForm
    return form_class(data, questions=questions, ask_district=page.ask_district, initial=initial or {})


RATE_LIMITED = gettext_lazy(
    "Von Ihrem Internetanschluss kamen in der letzten Stunde schon sehr viele Antworten. "
    "Bitte versuchen Sie es später noch einmal."
)


def _rate_limited(request) -> bool:
    """Anonymous answers count against a limit per client address (signed-in people answer once anyway)."""
    return not request.user.is_authenticated and not ratelimit.consume(request, action=RATE_LIMIT_ACTION)


def _save(request, page: SurveyPage, form, consultation):
    """Store the valid form: the redirect to the thanks page, a 403, or None (the form then carries the errors)."""
    answer = http.run_service(
        request,
        lambda: services.submit_response(
            survey=page, user=request.user, answers=form.answers(), consultation=consultation
        ),
        success=_("Vielen Dank! Ihre Antworten sind gespeichert."),
        redirect_to=_thanks_url(request, page),
        form=form,
    )
    if isinstance(answer, HttpResponseRedirect) and hasattr(form, "botcheck_spend"):
        form.botcheck_spend()
    return answer


def questionnaire(request, page: SurveyPage):
    if request.method not in (*SAFE_METHODS, "POST"):
        return http.not_allowed(*SAFE_METHODS, "POST")
    consultation = selectors.survey_consultation(page)
    base = http.page_url(request, page)
    decision = permissions.can_answer_survey(request.user, page, consultation)
    questions = questions_of(page)
    earlier = selectors.response_of(page, request.user)
    status = 200
    form = None
    if request.method == "POST":
        if not decision:
            return http.refuse(request, decision, next_url=base)
        form = _form(request, page, questions, data=request.POST)
        status = 400
        if form.is_valid():
            if _rate_limited(request):
                form.add_error(None, RATE_LIMITED)
                status = 429
            elif answer := _save(request, page, form, consultation):
                return answer
    elif decision:
        form = _form(request, page, questions, initial=initial_from(questions, earlier))
    offer = make_offer(decision, consultation=consultation, action=Action.ANSWER, next_url=base)
    context = {
        "page": page,
        "self": page,
        "consultation": consultation,
        "consultation_url": http.page_url(request, consultation),
        "form": form,
        "offer": offer,
        "questions": questions,
        "earlier": earlier,
        "answered_note": answered_note(earlier, bool(decision)),
        "summary": answer_summary(questions, earlier) if form is None else [],
        "results_url": base + page.reverse_subpage("results") if page.results_published else "",
    }
    return render(request, "consultation/surveys/questionnaire.html", context, status=status)


def reach_questionnaire_url() -> str:
    """The "Wer macht mit?" questionnaire (monitoring), or the monitoring start page where it does not exist."""
    try:
        return reverse("monitoring:reach_questionnaire")
    except NoReverseMatch:
        return "/monitoring/"


def thanks(request, page: SurveyPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    consultation = selectors.survey_consultation(page)
    base = http.page_url(request, page)
    context = {
        "page": page,
        "self": page,
        "consultation": consultation,
        "consultation_url": http.page_url(request, consultation),
        "survey_url": base,
        "results_url": base + page.reverse_subpage("results") if page.results_published else "",
        "reach_url": reach_questionnaire_url(),
        "may_change": request.user.is_authenticated
        and bool(permissions.can_answer_survey(request.user, page, consultation)),
    }
    return render(request, "consultation/surveys/thanks.html", context)
