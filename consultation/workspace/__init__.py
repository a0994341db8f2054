"""The staff workspace in the Wagtail admin: events, analog proposals, the proposal list, analog tallies.

Wired in `wagtail_hooks.py` through `group.ConsultationGroup`. Who may open a view is Wagtail's model permission (the
Moderation group has them, see `apps.MODERATOR_PERMISSIONS`) and, for entering analog contributions,
`permissions.can_record_analog`; every write goes through `consultation.services`, which check again and keep the
counters right. A `ValidationError` from a service is shown on the form, and the transaction is rolled back
(`lip.admin_forms_support.ServiceSaveMixin`). `page_form` is the consultation page editor's form.
"""
