"""Entering paper questionnaires in the Wagtail admin, built for typing a pile of sheets by keyboard.

The origin (channel, event) and the sheet number stand on top and are kept for the next sheet (the number counts
up); after saving, an empty form says "Bogen N gespeichert" and the cursor waits in the first question. The answer
fields are the online form's (`forms.SurveyForm`), without the bot check and with every question optional: a sheet
is transcribed as it was filled in. Staff only (`permissions.can_enter_paper_responses`); `services` checks again.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error
from lip.formfields import INT64_MAX

from .. import permissions
from ..models import Channel, SurveyPage
from ..workspace.fields import AnalogChannelField, ConsultationEventField
from . import selectors, services
from .forms import SurveyForm, field_name
from .questions import questions_of

KEPT_FOR_NEXT = ("channel", "event", "sheet")


def entry_url(survey_id: int) -> str:
    return reverse("surveys:entry", args=[survey_id])


def next_sheet(sheet: str) -> str:
    """The number of the next sheet: "17" → "18", "A-017" → "A-018"; a sheet without a number gives ""."""
    match = re.search(r"(\d+)(?!.*\d)", sheet)
    if match is None:
        return ""
    digits = match.group(1)
    following = str(int(digits) + 1).zfill(len(digits))
    return sheet[: match.start(1)] + following + sheet[match.end(1) :]


class PaperResponseForm(SurveyForm):
    """Where the sheet comes from, then the survey's questions (all optional on paper)."""

    channel = AnalogChannelField(initial=Channel.PAPER)
    event = ConsultationEventField(
        help_text=_("Die Veranstaltung, auf der der Bogen ausgefüllt wurde (falls es eine gibt)."),
    )
    sheet = forms.CharField(
        label=_("Bogennummer"),
        max_length=40,
        required=False,
        help_text=_("Die Nummer auf dem Papierbogen, um ihn wiederzufinden; zählt beim nächsten Bogen weiter."),
    )

    def __init__(self, *args, survey: SurveyPage, **kwargs):
        super().__init__(*args, questions=questions_of(survey), ask_district=survey.ask_district, **kwargs)
        self.fields["event"].offer(survey.get_parent().pk)
        for question in self.questions:
            field = self.fields[f"q-{question.key}"]
            field.required = False
            field.label = f"{question.position}. {question.text}"
            if question.description:
                field.help_text = question.description

    def question_fields(self):
        """The questions for Wagtail's field template, which links each field to its help text and errors itself
        (the public form's own description ids do not exist in the admin)."""
        fields = [(question, self[field_name(question)]) for question in self.questions]
        for _question, bound in fields:
            bound.field.widget.attrs.pop("aria-describedby", None)
        return fields

    def focus(self) -> None:
        """Keyboard entry: the cursor in the first field with an error, else in the first question (the origin is
        usually kept from the sheet before), else in the channel."""
        names = [name for name in self.fields if name in self.errors] if self.is_bound else []
        if not names and self.questions:
            names = [field_name(self.questions[0])]
        if names:
            self.fields[names[0]].widget.attrs["autofocus"] = True


def _survey_or_404(survey_id: int) -> SurveyPage:
    if not 0 < survey_id <= INT64_MAX:
        raise Http404
    return get_object_or_404(SurveyPage.objects.all(), pk=survey_id)


class StaffOnly(RuleRequiredMixin, WagtailAdminTemplateMixin):
    access_rule = permissions.can_enter_paper_responses
    header_icon = "form"


class PaperEntryView(StaffOnly, FormView):
    template_name = "consultation/surveys/admin/paper_form.html"
    form_class = PaperResponseForm
    page_title = _("Papierbogen erfassen")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.survey = _survey_or_404(kwargs["survey_id"])

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("surveys:index"), "label": _("Umfragen")},
            {"url": "", "label": self.survey.title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.survey}

    def get_initial(self):
        return {name: value for name in KEPT_FOR_NEXT if (value := self.request.GET.get(name))}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.focus()
        return form

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            response = services.record_paper_response(
                survey=self.survey,
                recorded_by=self.request.user,
                channel=data["channel"],
                event=data.get("event"),
                sheet=data.get("sheet") or "",
                answers=form.answers(),
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal))
            return redirect(reverse("surveys:index"))
        label = response.sheet or str(selectors.analog_count(self.survey))
        messages.success(self.request, _("Bogen %(sheet)s gespeichert.") % {"sheet": label})
        keep = {"channel": data["channel"], "event": data["event"].pk if data.get("event") else ""}
        keep["sheet"] = next_sheet(response.sheet)
        query = urlencode({k: v for k, v in keep.items() if v})
        return redirect(entry_url(self.survey.pk) + (f"?{query}" if query else ""))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            survey=self.survey,
            entered=selectors.analog_count(self.survey),
            back_url=reverse("surveys:index"),
            **kwargs,
        )


def page_header_button(page, user):
    """ "Papierbögen erfassen" in a survey's admin header (None for other pages and for those who may not)."""
    if page.specific_class is not SurveyPage or not page.pk or not permissions.can_enter_paper_responses(user):
        return None
    return HeaderButton(_("Papierbögen erfassen"), url=entry_url(page.pk), icon_name="form", priority=45)
