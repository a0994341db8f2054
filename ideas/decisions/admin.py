"""The staff's decisions on an application in the Wagtail admin: eligibility, award, decline (one form view each)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from lip.admin_form_views import AdminFormView
from lip.admin_forms_support import show_validation_error
from lip.formfields import CleanFormMixin

from .. import permissions
from ..fields import EuroField
from ..funds.selectors import fund_figures
from ..models import Application
from ..templatetags.ideas_tags import euro
from . import services


def _text_for_organisation(label, help_text, *, max_length: int = 2000) -> forms.CharField:
    """An optional text of a decision that reaches the applying organisation (in its e-mail or letter)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class EligibilityForm(CleanFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"),
        choices=[("eligible", _("zulässig – an die Jury")), ("not_eligible", _("nicht zulässig"))],
        widget=forms.RadioSelect,
    )
    reason = _text_for_organisation(
        _("Begründung"),
        _("Pflicht bei „nicht zulässig“. Die antragstellende Organisation erhält sie per E-Mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "not_eligible" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Bitte begründen Sie, warum der Antrag nicht zulässig ist."))
        return cleaned


class AwardForm(CleanFormMixin, forms.Form):
    amount = EuroField(
        label=_("Fördersumme (€)"),
        help_text=_("Höchstens die beantragte Förderung und die Höchstförderung des Wettbewerbs."),
    )
    conditions = _text_for_organisation(
        _("Auflagen (optional)"), _("Eine Auflage je Zeile. Sie stehen im Förderbescheid."), max_length=3000
    )


class DeclineForm(CleanFormMixin, forms.Form):
    reason = _text_for_organisation(
        _("Begründung (optional)"), _("Die antragstellende Organisation erhält sie per E-Mail.")
    )


class DecisionView(AdminFormView):
    """One staff decision on one application, for the fund's staff; the predicate named in `decision` says whether
    it is open now (if not, its reason is shown on the application)."""

    template_name = "ideas/admin/decision_form.html"
    header_icon = "doc-full"
    access_rule = permissions.is_fund_staff
    index_url_name = "ideas-applications:index"
    index_label = _("Anträge")
    decision = None  # a function (user, application) -> Decision
    submit_button_label = _("Entscheiden")

    def dispatch(self, request, *args, **kwargs):
        self.application = get_object_or_404(
            Application.objects.select_related("competition", "organisation", "award"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)  # then the access rule (403), then get or post

    def _closed(self):
        """A redirect to the application with the reason, if the decision is not open (any more)."""
        verdict = type(self).decision(self.request.user, self.application)
        if verdict:
            return None
        messages.error(self.request, verdict.reason)
        return redirect(self.inspect_url)

    def get(self, request, *args, **kwargs):
        return self._closed() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._closed() or super().post(request, *args, **kwargs)

    @cached_property
    def inspect_url(self):
        return reverse("ideas-applications:inspect", args=[self.application.pk])

    def get_page_subtitle(self):
        return str(self.application)

    def get_object_breadcrumbs(self):
        return [{"url": self.inspect_url, "label": str(self.application)}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            fund_figures=fund_figures(self.application.competition.fund_id),
        )
        return context

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except PermissionDenied as exc:
            messages.error(self.request, str(exc) or gettext("Das ist nicht möglich."))
            return redirect(self.inspect_url)
        except ValidationError as exc:
            show_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message())
        return redirect(self.inspect_url)


class EligibilityView(DecisionView):
    form_class = EligibilityForm
    page_title = _("Zulässigkeit prüfen")
    submit_button_label = _("Ergebnis speichern und mitteilen")
    decision = staticmethod(permissions.can_decide_eligibility)

    def perform(self, data):
        self.application = services.application_decide_eligibility(
            application=self.application,
            user=self.request.user,
            eligible=data["decision"] == "eligible",
            reason=data.get("reason", ""),
        )

    def success_message(self):
        return gettext("%(application)s: %(state)s. Die antragstellende Organisation wird per E-Mail informiert.") % {
            "application": self.application,
            "state": self.application.get_state_display(),
        }


class AwardView(DecisionView):
    form_class = AwardForm
    page_title = _("Förderung bewilligen")
    submit_button_label = _("Förderung bewilligen und Bescheid senden")
    decision = staticmethod(permissions.can_award)

    def get_initial(self):
        return {"amount": min(self.application.requested_amount, self.application.competition.max_grant)}

    def perform(self, data):
        self.award = services.award_grant(
            application=self.application,
            user=self.request.user,
            amount=data["amount"],
            conditions=data.get("conditions", ""),
        )

    def success_message(self):
        return gettext(
            "%(application)s wird mit %(amount)s gefördert. Der Förderbescheid geht per E-Mail an die Organisation."
        ) % {
            "application": self.application,
            "amount": euro(self.award.amount),
        }


class DeclineView(DecisionView):
    form_class = DeclineForm
    page_title = _("Antrag ablehnen")
    submit_button_label = _("Ablehnen und mitteilen")
    decision = staticmethod(permissions.can_decline)

    def perform(self, data):
        self.application = services.application_decline(
            application=self.application, user=self.request.user, reason=data.get("reason", "")
        )

    def success_message(self):
        return gettext("%(application)s wird nicht gefördert. Die Organisation wird per E-Mail informiert.") % {
            "application": self.application
        }
