"""The plan draft in the Wagtail admin: the Abwägung (staff answer every comment, amendment and statement) and the
entry of analog comments. Reached from the draft page's header ("Abwägung") and from the "Beteiligung" menu.

Every view is for staff only (`permissions.can_answer_comments` / `can_record_analog`); the writes go through
`answers`, which checks again.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error
from lip.admin_menu import RuleMenuMixin
from lip.formfields import INT64_MAX

from .. import permissions
from ..models import PlanDraftPage
from ..moderation.decision_views import local_url
from ..workspace.group import CONSULTATION_MENU_HOOK
from . import answers, selectors
from .admin_forms import AnalogCommentForm, AnswerFilterSet, AnswerForm
from .diff import word_diff

PER_PAGE = 50
SAVE_AND_ADD = "save-and-add"


def get_or_404(queryset, pk: int):
    """The row with primary key `pk`, or 404 (also for a number no database column holds)."""
    if not 0 < pk <= INT64_MAX:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def list_url(page_id: int) -> str:
    return reverse("plan-answers:list", args=[page_id])


class DraftsIndexView(RuleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """All plan drafts, with how many contributions still wait for an answer."""

    access_rule = permissions.can_answer_comments
    template_name = "consultation/admin/plan/drafts.html"
    page_title = _("Abwägung der Planentwürfe")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        pages = list(PlanDraftPage.objects.order_by("-latest_revision_created_at", "title"))
        open_counts = answers.unanswered_counts(pages)
        rows = [{"page": page, "open": open_counts.get(page.pk, 0), "url": list_url(page.pk)} for page in pages]
        return super().get_context_data(rows=rows, **kwargs)


class DraftViewMixin(RuleRequiredMixin, WagtailAdminTemplateMixin):
    """A view of one plan draft (`page_id` in the URL; an unknown id is a 404)."""

    access_rule = permissions.can_answer_comments
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_or_404(PlanDraftPage.objects.all(), kwargs["page_id"])

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("plan-answers:index"), "label": _("Abwägung der Planentwürfe")},
            {"url": list_url(self.page.pk), "label": self.page.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def back_url(self) -> str:
        """Where to return to: the list with its filter (`next`, only a path into this draft's list), else the list."""
        url = local_url(self.request.POST.get("next") or self.request.GET.get("next") or "")
        return url if url.startswith(list_url(self.page.pk)) else list_url(self.page.pk)


class AnswerListView(DraftViewMixin, TemplateView):
    """All published comments, amendments and statements on the draft with their answers, filtered."""

    template_name = "consultation/admin/plan/answer_list.html"
    page_title = _("Abwägung")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("plan-answers:index"), "label": _("Abwägung der Planentwürfe")},
            {"url": "", "label": self.page.title},
        ]

    def get_header_buttons(self):
        buttons = [HeaderButton(_("Seite bearbeiten"), url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]))]
        if permissions.can_record_analog(self.request.user):
            url = reverse("plan-answers:analog", args=[self.page.pk])
            buttons.insert(0, HeaderButton(_("Analogen Beitrag erfassen"), url=url, icon_name="plus"))
        return buttons

    def get_context_data(self, **kwargs):
        filterset = AnswerFilterSet(
            self.request.GET or None, queryset=answers.draft_contributions(self.page), page=self.page
        )
        paginator = Paginator(filterset.qs, PER_PAGE)
        page_obj = paginator.get_page(self.request.GET.get("p"))
        here = self.request.get_full_path()
        rows = [
            {
                "comment": comment,
                "kind": selectors.kind_label(comment),
                "who": selectors.contributor_label(comment),
                "answer": selectors.answer_of(comment),
                "answer_url": reverse("plan-answers:answer", args=[self.page.pk, comment.pk]),
            }
            for comment in page_obj.object_list
        ]
        return super().get_context_data(
            filterset=filterset, page_obj=page_obj, rows=rows, here=here, draft=self.page, **kwargs
        )


class DraftFormView(DraftViewMixin, FormView):
    """A form about one plan draft; shown again with its errors, it answers 400 (as `lip.admin_form_views`)."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AnswerView(DraftFormView):
    """Write or correct the answer to one contribution; saving returns to the list with its filter."""

    template_name = "consultation/admin/plan/answer_form.html"
    form_class = AnswerForm
    page_title = _("Abwägen")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment = get_or_404(answers.draft_contributions(self.page), kwargs["comment_id"])
        self.answer = selectors.answer_of(self.comment)

    def get_initial(self):
        if self.answer is None:
            return {}
        return {"outcome": self.answer.outcome, "reasoning": self.answer.reasoning}

    def form_valid(self, form):
        try:
            answers.answer_comment(
                comment=self.comment,
                user=self.request.user,
                outcome=form.cleaned_data["outcome"],
                reasoning=form.cleaned_data["reasoning"],
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal))
            return redirect(self.back_url())
        messages.success(
            self.request,
            _("Die Abwägung zum Beitrag zu %(target)s ist gespeichert.") % {"target": self.comment.target_label},
        )
        return redirect(self.back_url())

    def get_context_data(self, **kwargs):
        comment = self.comment
        diff = word_diff(comment.paragraph.text, comment.proposed_text) if comment.is_amendment else []
        return super().get_context_data(
            comment=comment,
            answer=self.answer,
            kind=selectors.kind_label(comment),
            who=selectors.contributor_label(comment),
            diff=diff,
            back_url=self.back_url(),
            **kwargs,
        )


class AnalogCommentView(DraftFormView):
    """Enter a comment from a workshop, a letter or a council meeting (a council's statement also on a whole
    chapter); "save and add another" keeps the origin."""

    access_rule = permissions.can_record_analog
    template_name = "consultation/admin/plan/analog_form.html"
    form_class = AnalogCommentForm
    page_title = _("Analogen Beitrag erfassen")
    kept_for_next = ("channel", "event", "received_at")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page}

    def get_initial(self):
        return {name: value for name in self.kept_for_next if (value := self.request.GET.get(name))}

    def form_valid(self, form):
        try:
            comment = answers.record_analog_comment(
                **form.service_target(), recorded_by=self.request.user, data=form.service_data()
            )
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Beitrag zu %(target)s erfasst.") % {"target": comment.target_label})
        if SAVE_AND_ADD in self.request.POST:
            keep = {name: self.request.POST.get(name, "") for name in self.kept_for_next}
            query = urlencode({k: v for k, v in keep.items() if v})
            return redirect(reverse("plan-answers:analog", args=[self.page.pk]) + (f"?{query}" if query else ""))
        return redirect(list_url(self.page.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(draft=self.page, back_url=list_url(self.page.pk), **kwargs)


class PlanAnswersViewSet(RuleMenuMixin, ViewSet):
    """The Abwägung in the "Beteiligung" menu, for staff."""

    icon = "doc-full"
    menu_label = _("Abwägung Planentwurf")
    menu_hook = CONSULTATION_MENU_HOOK
    menu_order = 45
    menu_rule = permissions.can_answer_comments

    def get_urlpatterns(self):
        return [
            path("", DraftsIndexView.as_view(), name="index"),
            path("<int:page_id>/", AnswerListView.as_view(), name="list"),
            path("<int:page_id>/abwaegen/<int:comment_id>/", AnswerView.as_view(), name="answer"),
            path("<int:page_id>/analog/", AnalogCommentView.as_view(), name="analog"),
        ]


def page_header_button(page, user):
    """The "Abwägung" button in a plan draft's admin header (None for other pages and for non-staff)."""
    if page.specific_class is not PlanDraftPage or not page.pk or not permissions.can_answer_comments(user):
        return None
    return HeaderButton(_("Abwägung"), url=list_url(page.pk), icon_name="doc-full", priority=40)
