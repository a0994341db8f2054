"""The funds in the staff workspace: budget, committed and remaining, computed in the list's query."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from lip.admin_forms_support import ServiceSaveMixin
from lip.exports import LipExportMixin
from lip.formfields import CleanFormMixin

from ..models import Fund
from ..templatetags.ideas_tags import euro
from . import selectors, services


def money_column(name: str, label, *, sort_key: str | None = None) -> Column:
    return Column(name, label=label, accessor=lambda obj: euro(getattr(obj, name)), sort_key=sort_key or name)


class FundForm(CleanFormMixin, WagtailAdminModelForm):
    class Meta:
        model = Fund
        fields = ["name", "year", "budget", "description"]


class FundSaveMixin(ServiceSaveMixin):
    log_action = "wagtail.edit"

    def save_instance(self):
        fund = services.fund_save(fund=self.form.instance, user=self.request.user)
        log(instance=fund, action=self.log_action, user=self.request.user)
        return fund


class FundCreateView(FundSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class FundEditView(FundSaveMixin, generic.EditView):
    pass


class FundDeleteView(generic.DeleteView):
    """A fund that finances a competition or an award stays: it is the record of where the money came from."""

    def form_valid(self, form):
        if self.object.competitions.exists() or self.object.awards.exists():
            messages.error(
                self.request,
                gettext("Dieser Fonds finanziert bereits Wettbewerbe oder Förderungen und kann nicht gelöscht werden."),
            )
            return redirect(reverse(self.edit_url_name, args=(self.object.pk,)))
        return super().form_valid(form)


class FundIndexView(LipExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.funds_with_totals()


class FundViewSet(ModelViewSet):
    model = Fund
    icon = "decimal"
    menu_label = _("Fonds")
    copy_view_enabled = False
    index_view_class = FundIndexView
    add_view_class = FundCreateView
    edit_view_class = FundEditView
    delete_view_class = FundDeleteView
    list_display = [
        "name",
        "year",
        money_column("budget", _("Budget")),
        money_column("committed", _("bewilligt")),
        money_column("remaining", _("verfügbar")),
        Column("award_count", label=_("Förderungen"), sort_key="award_count"),
    ]
    list_export = ["name", "year", "budget", "committed", "remaining", "award_count"]
    export_headings = {"committed": _("bewilligt"), "remaining": _("verfügbar"), "award_count": _("Förderungen")}
    ordering = ["-year"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("year"), FieldPanel("budget"), FieldPanel("description")],
        base_form_class=FundForm,
    )
