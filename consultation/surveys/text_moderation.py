"""Free-text answers of surveys in the Wagtail admin: staff read them and decide which are published.

A free text appears in the public results only once a moderator published it (`TextAnswerState`). The admin's
"Umfragen" (`admin`) lists the surveys with how many texts wait; a survey's list shows
its texts by state (pending first), paginated, each with "veröffentlichen" / "nicht veröffentlichen" (POST with
CSRF). The decision goes through `text_answer_decide`, which checks the permission again and logs it (Wagtail's audit
log). The same admin area offers the survey's exports (`exports`) and a link to its results page.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from lip.access import RuleRequiredMixin
from lip.formfields import INT64_MAX, CleanFormMixin

from .. import permissions
from ..models import SurveyAnswer, SurveyPage, TextAnswerState
from ..moderation.decision_views import local_url
from . import exports
from .questions import questions_of

PER_PAGE = 50


class TextLogAction:
    PUBLISH = "consultation.survey_text.publish"
    REJECT = "consultation.survey_text.reject"


# --- Service and selectors ----------------------------------------------------------------------------------------


def text_answer_decide(*, answer: SurveyAnswer, user, publish: bool) -> SurveyAnswer:
    """Publish a free-text answer in the survey's results, or keep it out of them (also to undo a decision)."""
    if not permissions.can_moderate_answers(user):
        raise PermissionDenied(_("Nur die Moderation entscheidet über Freitext-Antworten."))
    with transaction.atomic():
        locked = SurveyAnswer.objects.select_for_update().get(pk=answer.pk)
        if not locked.text:
            raise ValidationError(_("Diese Antwort ist kein Freitext."))
        state = TextAnswerState.PUBLISHED if publish else TextAnswerState.REJECTED
        if locked.text_state != state:
            locked.text_state = state
            locked.save(update_fields=["text_state"])
            log(instance=locked, action=TextLogAction.PUBLISH if publish else TextLogAction.REJECT, user=user)
    return locked


def pending_text_counts() -> dict[int, int]:
    """Survey id → free texts waiting for a decision (one query)."""
    return dict(
        SurveyAnswer.objects.filter(text_state=TextAnswerState.PENDING)
        .exclude(text="")
        .values_list("survey_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def text_answers(page: SurveyPage, state: str):
    return (
        SurveyAnswer.objects.filter(survey=page, text_state=state)
        .exclude(text="")
        .select_related("response", "response__event")
        .order_by("response__created_at", "pk")
    )


class TextStateForm(CleanFormMixin, forms.Form):
    """The list's query string: `?status=pending|published|rejected` (default: pending)."""

    status = forms.ChoiceField(label=_("Status"), choices=TextAnswerState.choices, required=False)

    @property
    def state(self) -> str:
        return (self.cleaned_data.get("status") if self.is_valid() else "") or TextAnswerState.PENDING


# --- Views --------------------------------------------------------------------------------------------------------


def _survey_or_404(page_id: int) -> SurveyPage:
    if not 0 < page_id <= INT64_MAX:
        raise Http404
    return get_object_or_404(SurveyPage, pk=page_id)


def list_url(page_id: int) -> str:
    return reverse("surveys:texts", args=[page_id])


def export_url(page_id: int, fmt: str) -> str:
    return reverse("surveys:export", args=[page_id, fmt])


class TextListView(RuleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    access_rule = permissions.can_moderate_answers
    template_name = "consultation/admin/surveys/texts.html"
    page_title = _("Freitext-Antworten")
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = _survey_or_404(kwargs["page_id"])

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("surveys:index"), "label": _("Umfragen")},
            {"url": "", "label": self.page.title},
        ]

    def get_context_data(self, **kwargs):
        form = TextStateForm(self.request.GET or None)
        questions = {q.key: q for q in questions_of(self.page)}
        page_obj = Paginator(text_answers(self.page, form.state), PER_PAGE).get_page(self.request.GET.get("p"))
        rows = [{"answer": answer, "question": questions.get(answer.question)} for answer in page_obj.object_list]
        counts = dict(
            SurveyAnswer.objects.filter(survey=self.page)
            .exclude(text="")
            .values_list("text_state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return super().get_context_data(
            survey=self.page,
            form=form,
            state=form.state,
            states=[(value, label, counts.get(value, 0)) for value, label in TextAnswerState.choices],
            page_obj=page_obj,
            rows=rows,
            here=self.request.get_full_path(),
            results_url=self.page.url + self.page.reverse_subpage("results") if self.page.url else "",
            **kwargs,
        )


class TextDecisionView(RuleRequiredMixin, View):
    access_rule = permissions.can_moderate_answers
    http_method_names = ["post"]

    def post(self, request, page_id: int, answer_id: int):
        page = _survey_or_404(page_id)
        if not 0 < answer_id <= INT64_MAX:
            raise Http404
        answer = get_object_or_404(SurveyAnswer.objects.exclude(text=""), pk=answer_id, survey=page)
        publish = request.POST.get("decision") == "publish"
        try:
            text_answer_decide(answer=answer, user=request.user, publish=publish)
        except (PermissionDenied, ValidationError) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
        else:
            messages.success(request, _("Veröffentlicht.") if publish else _("Nicht veröffentlicht."))
        back = local_url(request.POST.get("next", ""))
        return redirect(back if back.startswith(list_url(page.pk)) else list_url(page.pk))


class ExportView(RuleRequiredMixin, View):
    access_rule = permissions.can_export_results

    def get(self, request, page_id: int, fmt: str):
        page = _survey_or_404(page_id)
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return exports.export_response(page, fmt)
