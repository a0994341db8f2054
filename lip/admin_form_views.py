"""Form pages of the Wagtail admin that are not a model's create or edit view (request a report, issue a table,
import values): one base for their guard, their place in the breadcrumbs and their answer to a refused form."""

from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import RuleRequiredMixin


class AdminFormView(RuleRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """A form page below one of the admin's listings (`index_url_name`, shown as `index_label` in the breadcrumbs;
    none for a form of its own), open to those whom `access_rule` lets in. The template gets the form's `media` (the
    scripts of its widgets). A form shown again with its errors answers 400."""

    index_url_name: str | None = None
    index_label: str = ""

    def get_breadcrumbs_items(self):
        listing = [{"url": reverse(self.index_url_name), "label": self.index_label}] if self.index_url_name else []
        return [
            *self.breadcrumbs_items,
            *listing,
            *self.get_object_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_object_breadcrumbs(self) -> list[dict]:
        """The object the form is about, between the listing and the form in the breadcrumbs (none by default)."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
