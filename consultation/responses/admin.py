"""Staff workspace for the city's official responses.

- Answer a proposal (`consultation-responses:answer`, one page per proposal): state, reasoning, responsible
  department; "Entwurf speichern" or "Veröffentlichen". Reached from the proposal list (row menu and column) and from
  the proposal's inspect view. Writes go through `responses.services.response_save`; its refusals are shown on the
  form.
- All responses (`consultation-responses:index`): filters for consultation, state and publication, search, export.

Wired in `wagtail_hooks.py`; the menu item joins the "Beteiligung" group through its submenu hook. Only staff
(`permissions.can_respond`, i.e. moderators) reach these views; people without admin access are sent to log in by
Wagtail, admin users without the role get Wagtail's "permission denied".
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error
from lip.exports import LipExportMixin
from lip.filters import SafeModelChoiceFilter
from lip.formfields import CleanFormMixin

from .. import permissions
from ..models import ConsultationPage, Proposal, Response, ResponseState
from ..notifications import response_recipients
from ..workspace.group import CONSULTATION_MENU_HOOK
from . import services as responses

PUBLISH, DRAFT = "publish", "draft"


def answer_url(proposal_id: int) -> str:
    return reverse("consultation-responses:answer", args=[proposal_id])


# --- Answering one proposal --------------------------------------------------------------------------------------


class ResponseForm(CleanFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Stand"),
        choices=ResponseState.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Diesen Stand gibt es nicht. Bitte wählen Sie einen aus der Liste.")},
    )
    text = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wird veröffentlicht. Pflicht, wenn der Vorschlag nicht übernommen wird."),
    )
    department = forms.CharField(
        label=_("Zuständige Stelle"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "response-departments", "autocomplete": "off"}),
        help_text=_("Zum Beispiel „Fachbereich Soziales, Sachgebiet Integration“."),
    )


class ResponseAnswerView(RuleRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Draft, publish, change or take back the city's response to one proposal."""

    access_rule = permissions.can_respond
    template_name = "consultation/responses/answer.html"
    form_class = ResponseForm
    page_title = _("Antwort der Verwaltung")
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.proposal = get_object_or_404(
            Proposal.objects.select_related("consultation", "topic", "district", "event", "author", "organisation"),
            pk=kwargs["proposal_pk"],
        )
        self.response = responses.response_for(self.proposal)

    @property
    def is_published(self) -> bool:
        return self.response is not None and self.response.is_published

    def get_page_subtitle(self):
        return str(self.proposal)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation-proposals:index"), "label": _("Vorschläge")},
            {
                "url": reverse("consultation-proposals:inspect", args=[self.proposal.pk]),
                "label": self.proposal.reference,
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_header_more_buttons(self):
        buttons = []
        if self.response is not None:
            buttons.append(
                Button(
                    _("Verlauf"),
                    url=reverse("consultation-responses:history", args=[self.response.pk]),
                    icon_name="history",
                )
            )
        return buttons

    def get_initial(self):
        if self.response is None:
            return {"state": ResponseState.UNDER_REVIEW}
        return {"state": self.response.state, "text": self.response.text, "department": self.response.department}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            proposal=self.proposal,
            response=self.response,
            is_published=self.is_published,
            public_url=self.proposal.get_absolute_url() if self.proposal.is_visible else "",
            departments=list(
                Response.objects.exclude(department="")
                .order_by("department")
                .values_list("department", flat=True)
                .distinct()[:200]
            ),
            action_url=self.request.get_full_path(),
            PUBLISH=PUBLISH,
            DRAFT=DRAFT,
        )
        return context

    def form_valid(self, form):
        publish = self.request.POST.get("action") == PUBLISH
        try:
            response = responses.response_save(
                proposal=self.proposal, user=self.request.user, publish=publish, **form.cleaned_data
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        if not response.changed:
            message = _("Nichts geändert – niemand wurde benachrichtigt.")
        elif response.announced:
            message = _(
                "Die Antwort auf %(reference)s ist veröffentlicht. Per E-Mail benachrichtigt werden: %(count)s "
                "(wer den Vorschlag eingereicht oder unterstützt hat und Benachrichtigungen wünscht)."
            )
        elif response.is_published:
            message = _(
                "Die Antwort auf %(reference)s ist veröffentlicht. Ihr Inhalt wurde bereits mitgeteilt – niemand "
                "wurde benachrichtigt."
            )
        elif publish is False and self.is_published:
            message = _("Die Antwort auf %(reference)s ist nicht mehr öffentlich und als Entwurf gespeichert.")
        else:
            message = _("Die Antwort auf %(reference)s ist als Entwurf gespeichert.")
        buttons = []
        if response.is_published and self.proposal.is_visible:
            buttons.append(messages.button(self.proposal.get_absolute_url(), _("Öffentliche Seite ansehen")))
        count = response_recipients(self.proposal).count() if response.announced else 0
        messages.success(
            self.request, message % {"reference": self.proposal.reference, "count": count}, buttons=buttons
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.validation_error(
            self.request, _("Die Antwort wurde nicht gespeichert. Bitte prüfen Sie die Angaben."), form
        )
        return super().form_invalid(form)

    def get_success_url(self):
        next_url = self.request.GET.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return next_url
        return answer_url(self.proposal.pk)


# --- All responses -----------------------------------------------------------------------------------------------


class Publication:
    PUBLISHED = "published"
    DRAFT = "draft"
    choices = [(PUBLISHED, _("veröffentlicht")), (DRAFT, _("Entwurf"))]


class ResponseFilterSet(WagtailFilterSet):
    consultation = SafeModelChoiceFilter(
        label=_("Beteiligung"), queryset=ConsultationPage.objects.all(), field_name="proposal__consultation"
    )
    state = django_filters.ChoiceFilter(label=_("Stand"), choices=ResponseState.choices)
    publication = django_filters.ChoiceFilter(
        label=_("Veröffentlichung"), choices=Publication.choices, method="filter_publication"
    )

    class Meta:
        model = Response
        fields = ["consultation", "state", "publication"]

    def filter_publication(self, queryset, name, value):
        return queryset.filter(published_at__isnull=value != Publication.PUBLISHED)


def _publication(response: Response) -> str:
    if response.published_at is None:
        return str(_("Entwurf"))
    return date_format(timezone.localtime(response.published_at), "SHORT_DATETIME_FORMAT")


class ResponseIndexView(RuleRequiredMixin, LipExportMixin, generic.IndexView):
    access_rule = permissions.can_respond

    # LipExportMixin writes local wall-clock times (Wagtail alone would write UTC).

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("proposal__consultation", "updated_by")

    def get_add_url(self):
        return None  # a response is written from its proposal

    def get_edit_url(self, instance):
        return answer_url(instance.proposal_id)


class ResponseAddView(RuleRequiredMixin, View):
    access_rule = permissions.can_respond

    def get(self, request, *args, **kwargs):
        messages.info(request, _("Wählen Sie den Vorschlag, den Sie beantworten möchten, und dort „Antwort“."))
        return redirect("consultation-proposals:index")

    post = get


class ResponseEditView(RuleRequiredMixin, View):
    """Responses are edited on their proposal's answer page (the same form for a new and an existing response)."""

    access_rule = permissions.can_respond

    def get(self, request, pk):
        return redirect(answer_url(get_object_or_404(Response, pk=pk).proposal_id))

    post = get


class ResponseViewSet(ModelViewSet):
    model = Response
    icon = "mail"
    menu_label = _("Antworten")
    menu_hook = CONSULTATION_MENU_HOOK
    menu_order = 40
    copy_view_enabled = False
    index_view_class = ResponseIndexView
    form_fields = ["state", "text", "department"]  # unused: add and edit lead to the answer page
    filterset_class = ResponseFilterSet
    list_display = [
        TitleColumn(
            "proposal",
            label=_("Vorschlag"),
            accessor="proposal",
            get_url=lambda response: answer_url(response.proposal_id),
        ),
        Column("consultation", label=_("Beteiligung"), accessor="proposal.consultation.title"),
        "state",
        "department",
        Column("publication", label=_("Veröffentlicht"), accessor=_publication, sort_key="published_at"),
        DateColumn("updated_at", label=_("geändert am"), sort_key="updated_at"),
        Column("updated_by", label=_("zuletzt von"), accessor="updated_by"),
    ]
    list_export = ["proposal.reference", "proposal.title", "state", "text", "department", "published_at", "updated_at"]
    export_headings = {"proposal.reference": _("Nummer"), "proposal.title": _("Titel"), "updated_at": _("geändert am")}
    search_fields = ["proposal__reference", "proposal__title", "department", "text"]
    search_backend_name = None
    ordering = ["-updated_at"]

    @property
    def add_view(self):
        return ResponseAddView.as_view()

    @property
    def edit_view(self):
        return ResponseEditView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("proposal/<int:proposal_pk>/", ResponseAnswerView.as_view(), name="answer"),
        ]
