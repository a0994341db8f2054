"""Admin create and edit views whose writes go through a service.

A service refuses with a `ValidationError`; the admin shows it on the form (on the field it names, else on top) and
rolls the transaction back, instead of answering with a 500. Shared by the apps' Wagtail admin views:

    class FundSaveMixin(ServiceSaveMixin):
        def save_instance(self):
            return services.fund_save(fund=self.form.instance, user=self.request.user)
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction


def show_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form: on the field it names if the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
    else:
        form.add_error(None, error)


class ServiceSaveMixin:
    """Wagtail create and edit views whose `save_instance` calls a service: refusals become form errors, not a 500."""

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except ValidationError as error:
            show_validation_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response
