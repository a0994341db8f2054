"""Blocked people in the Wagtail admin: the list, blocking and unblocking with a reason."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from lip.access import RuleRequiredMixin
from lip.admin_forms_support import show_validation_error

from .. import permissions
from . import services
from .decision_views import local_url
from .forms import ReasonForm
from .queue_views import ModeratorsHistoryView, read_only_urlpatterns

# --- Blocked people ------------------------------------------------------------------------------------------


class PersonDecisionView(RuleRequiredMixin, WagtailAdminTemplateMixin, FormView):
    access_rule = permissions.can_moderate
    template_name = "consultation/moderation/person_decision.html"
    block = True
    index_url_name = ""
    header_icon = "user"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = get_object_or_404(get_user_model(), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Person sperren") if self.block else _("Sperre aufheben")

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Gesperrte Personen")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.person)},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        predicate = permissions.can_block if self.block else permissions.can_unblock
        decision = predicate(request.user, self.person)
        if not decision:
            messages.error(request, decision.reason)
            return redirect(self.get_back_url())
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self) -> str:
        back = self.request.POST.get("next") or self.request.GET.get("next") or ""
        return local_url(back) or reverse(self.index_url_name)

    def get_form_class(self):
        return ReasonForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": self.block}

    def form_valid(self, form):
        service = services.user_block if self.block else services.user_unblock
        try:
            service(user=self.person, moderator=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal) or _("Das ist nicht möglich."))
            return redirect(self.get_back_url())
        if self.block:
            messages.success(
                self.request, _("%(person)s ist gesperrt und wurde per E-Mail informiert.") % {"person": self.person}
            )
        else:
            messages.success(self.request, _("Die Sperre von %(person)s ist aufgehoben.") % {"person": self.person})
        return redirect(self.get_back_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, block=self.block, back_url=self.get_back_url(), **kwargs)


class BlockedPeopleIndexView(RuleRequiredMixin, generic.IndexView):
    access_rule = permissions.can_moderate
    page_title = _("Gesperrte Personen")
    any_permission_required = ["view", "change"]
    history_url_name = None

    def get_base_queryset(self):
        return get_user_model().objects.filter(blocked_at__isnull=False).select_related("blocked_by")

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "person",
                label=_("Person"),
                accessor=lambda person: f"{person} <{person.email}>",
                get_url=lambda person: reverse(self.history_url_name, args=[person.pk]),
            ),
            DateColumn("blocked_at", label=_("gesperrt am"), sort_key="blocked_at"),
            Column("blocked_by", label=_("gesperrt von")),
            Column(
                "blocked_reason", label=_("Grund"), accessor=lambda person: truncatechars(person.blocked_reason, 80)
            ),
        ]

    def get_list_more_buttons(self, instance):
        return [
            Button(
                _("Sperre aufheben"),
                url=reverse("moderation-people:unblock", args=[instance.pk]),
                icon_name="lock-open",
                priority=10,
            ),
            Button(
                _("Verlauf"), url=reverse(self.history_url_name, args=[instance.pk]), icon_name="history", priority=20
            ),
        ]


class BlockedPeopleViewSet(ModelViewSet):
    model = get_user_model()
    icon = "user"
    menu_label = _("Gesperrte Personen")
    index_view_class = BlockedPeopleIndexView
    history_view_class = ModeratorsHistoryView
    copy_view_enabled = False
    search_fields = ["email", "display_name"]
    search_backend_name = None
    ordering = ["-blocked_at"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        index = self.get_url_name("index")
        return [
            *read_only_urlpatterns(self),
            path("block/<int:pk>/", PersonDecisionView.as_view(block=True, index_url_name=index), name="block"),
            path("unblock/<int:pk>/", PersonDecisionView.as_view(block=False, index_url_name=index), name="unblock"),
        ]

    def register_admin_url_finder(self):
        """People keep their address in Wagtail's user management."""

    def register_permissions(self):
        """The user permissions are registered by Wagtail's user management."""
