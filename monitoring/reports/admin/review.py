"""Draft → review → issue in the admin (see `monitoring.reports.review`): the texts of a draft („Texte bearbeiten“),
„Zur Prüfung vorlegen“, „Prüfen und freigeben“ (a second person), „Zurück in den Entwurf“, and a preview of the draft
as a PDF marked „ENTWURF“.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error

from ... import permissions
from ...models import ReportRun, ReportSection
from .. import review
from ..forms import RunTextsForm
from .base import IssueConfirmView, RunFormView, bodies_label


class RunTextsView(RunFormView):
    """The texts of a draft and, if another than the setting's, its signer."""

    template_name = "monitoring/admin/run_texts.html"
    form_class = RunTextsForm
    page_title = _("Texte des Berichts")
    header_icon = "edit"

    @cached_property
    def run(self) -> ReportRun:
        return get_object_or_404(ReportRun, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.run)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "run": self.run}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = permissions.can_edit_report_texts(self.request.user, self.run)
        context.update(
            run=self.run,
            editable=bool(decision),
            refusal=decision.reason,
            action_url=self.request.path,
            bodies=bodies_label(self.run.audiences, self.run.district),
            sections=[label for key, label in ReportSection.choices if key in self.run.sections],
            may_submit=bool(permissions.can_submit_report(self.request.user, self.run)),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review.run_texts_save(
                run=self.run,
                user=self.request.user,
                introduction=data["introduction"],
                assessments=form.assessments(),
                conclusion=data["conclusion"],
                signer_name=data["signer_name"],
                signer_function=data["signer_function"],
                signer_formula=data["signer_formula"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or gettext("Nur Entwürfe können bearbeitet werden."))
            return self.form_invalid(form)
        messages.success(self.request, gettext("Die Texte sind gespeichert."))
        if "submit" in self.request.POST:
            return redirect("monitoring-runs:submit", pk=self.run.pk)
        return redirect("monitoring-runs:texts", pk=self.run.pk)


class RunStepView(IssueConfirmView):
    """A step of the review on one run: GET explains it, POST calls the service; a refusal is a message."""

    model = ReportRun
    index_url_name = "monitoring-runs:index"
    success_message = ""

    def step(self, run, user):
        raise NotImplementedError

    def decision(self):
        raise NotImplementedError

    def get_warnings(self):
        decision = self.decision()
        return [] if decision else [decision.reason]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            review_warnings=context.pop("warnings"),
            allowed=bool(self.decision()),
            preview_url=reverse("monitoring-runs:preview", args=[self.target.pk]),
            texts_url=reverse("monitoring-runs:texts", args=[self.target.pk]),
            run=self.target,
            assessments=[
                (gettext("Bewertung: %(chapter)s") % {"chapter": label}, self.target.assessments.get(key))
                for key, label in ReportSection.choices
                if isinstance(self.target.assessments, dict) and self.target.assessments.get(key)
            ],
        )
        return context

    template_name = "monitoring/admin/run_step.html"

    def post(self, request, pk):
        try:
            self.step(self.target, request.user)
        except PermissionDenied as error:
            messages.error(request, str(error) or gettext("Das ist nicht erlaubt."))
            return redirect(self.index_url_name)
        messages.success(request, self.success_message)
        return redirect(self.index_url_name)


class RunSubmitView(RunStepView):
    page_title = _("Zur Prüfung vorlegen")
    confirm_label = _("Zur Prüfung vorlegen")
    success_message = _("Der Entwurf liegt zur Prüfung vor. Eine zweite Person muss ihn freigeben.")

    def decision(self):
        return permissions.can_submit_report(self.request.user, self.target)

    def get_description(self):
        return gettext(
            "Eine zweite Person prüft den Entwurf und gibt ihn frei; erst dann wird der Bericht erstellt. Bis dahin "
            "kann er nicht bearbeitet werden."
        )

    def step(self, run, user):
        review.run_submit(run=run, user=user)


class RunApproveView(RunStepView):
    page_title = _("Prüfen und freigeben")
    confirm_label = _("Freigeben und Bericht erstellen")
    success_message = _("Der Bericht ist freigegeben und wird erstellt. Den Stand sehen Sie in dieser Liste.")
    access_rule = permissions.can_review_reports

    def decision(self):
        return permissions.can_review_report(self.request.user, self.target)

    def get_description(self):
        return gettext(
            "Vorgelegt von %(who)s. Mit der Freigabe wird der Bericht erstellt: Zahlen, Texte und Unterschrift werden "
            "festgeschrieben und können danach nicht mehr geändert werden."
        ) % {"who": self.target.submitted_by or "–"}

    def step(self, run, user):
        review.run_approve(run=run, user=user)


class RunReturnView(RunStepView):
    page_title = _("Zurück in den Entwurf")
    confirm_label = _("Zurück in den Entwurf")
    success_message = _("Der Bericht ist wieder ein Entwurf und kann bearbeitet werden.")

    def decision(self):
        return permissions.can_return_report(self.request.user, self.target)

    def get_description(self):
        return gettext("Der Bericht wird wieder zum Entwurf: Texte können geändert und erneut vorgelegt werden.")

    def step(self, run, user):
        review.run_return(run=run, user=user)


class RunPreviewView(RuleRequiredMixin, View):
    """The draft as a PDF with today's numbers, marked „ENTWURF“: nothing is stored, no number is reserved."""

    access_rule = permissions.can_issue_report

    def get(self, request, pk):
        from .. import pdf, snapshot

        run = get_object_or_404(ReportRun, pk=pk)
        if not (run.is_draft or run.is_in_review):
            raise PermissionDenied(gettext("Eine Vorschau gibt es nur für Entwürfe."))
        run.number = gettext("ENTWURF")
        data = snapshot.build_snapshot(run=run)
        data["meta"]["title"] = gettext("ENTWURF – %(title)s") % {"title": data["meta"]["title"]}
        rendered = pdf.render_paper(data)
        response = HttpResponse(rendered.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="Entwurf-{run.pk}.pdf"'
        return response
