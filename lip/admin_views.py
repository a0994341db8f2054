"""Wagtail admin viewsets for the shared vocabulary. Registered in `wagtail_hooks.py`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import services
from .exports import LipExportMixin
from .formfields import CleanFormMixin
from .models import District, Membership, Organisation, Topic
from .privacy.admin import UserDeleteView, UserEditView

# --- People ----------------------------------------------------------------------

_USER_FIELDS = ["display_name", "preferred_language", "council_district"]


class _PlatformUserFields(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The platform shows a display name; first and last name are optional.
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False


class PlatformUserEditForm(_PlatformUserFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(_USER_FIELDS)


class PlatformUserCreationForm(_PlatformUserFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(_USER_FIELDS)


class UserViewSet(WagtailUserViewSet):
    # Wagtail's user templates list their fields one by one; these add the platform's fields to them.
    create_template_name = "lip/admin/user_create.html"
    edit_template_name = "lip/admin/user_edit.html"

    delete_view_class = UserDeleteView  # a tombstone through the account deletion service, not a row deletion
    edit_view_class = UserEditView  # a deleted account cannot be edited back to life

    def get_form_class(self, for_update=False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm


# --- Organisations ---------------------------------------------------------------


class OrganisationFilterSet(WagtailFilterSet):
    verified = django_filters.BooleanFilter(
        label=_("bestätigt"), field_name="verified_at", lookup_expr="isnull", exclude=True
    )
    needs_representative = django_filters.BooleanFilter(
        label=_("ohne Vertretung"), field_name="needs_representative_since", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Organisation
        fields = ["type", "district"]


class OrganisationAdminForm(CleanFormMixin, WagtailAdminModelForm):
    verified = forms.BooleanField(
        label=_("Bestätigt"),
        required=False,
        help_text=_("Nur bestätigte Organisationen zeigen ein Abzeichen und können vertreten werden."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verified"].initial = bool(self.instance.pk and self.instance.is_verified)


class OrganisationEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        wants_verified = self.form.cleaned_data.get("verified")
        if wants_verified and not instance.is_verified:
            services.organisation_verify(organisation=instance, verified_by=self.request.user)
        elif not wants_verified and instance.is_verified:
            services.organisation_unverify(organisation=instance, user=self.request.user)
        return instance


class OrganisationCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("verified"):
            services.organisation_verify(organisation=instance, verified_by=self.request.user)
        return instance


class OrganisationIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("district")


class MembershipIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organisation")


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    edit_handler = ObjectList(
        # "verified" is not a model field: the edit and create views turn it into a verification by the services.
        [*Organisation.panels, FieldPanel("verified")],
        base_form_class=OrganisationAdminForm,
    )
    list_display = [
        "name",
        Column("type", label=_("Art"), accessor="get_type_display"),
        "district",
        BooleanColumn("is_verified", label=_("bestätigt")),
        "needs_representative_since",
        "created_at",
    ]
    list_export = ["name", "type", "district", "website", "verified_at", "created_at"]
    search_fields = ["name"]
    search_backend_name = None  # a database query: the search backend cannot sort its results by name on SQLite
    filterset_class = OrganisationFilterSet
    ordering = ["name"]
    edit_view_class = OrganisationEditView
    add_view_class = OrganisationCreateView
    inspect_view_enabled = True
    index_view_class = OrganisationIndexView


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Mitgliedschaften")
    form_fields = ["user", "organisation", "role", "status"]
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__display_name", "organisation__name"]
    index_view_class = MembershipIndexView


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Organisationen")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet("organisations"), MembershipViewSet("memberships"))


# --- Reference data --------------------------------------------------------------


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Stadtbezirke")
    list_display = ["number", "name"]
    ordering = ["number"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Handlungsfelder")
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
