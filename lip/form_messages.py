"""Django's own form messages, marked again so that the project's catalogue (lip/locale, the highest priority) keeps
Django's wording for them.

Django REST framework (installed for the open-data API) ships translations of a few of the same English messages,
and an installed app's catalogue outranks Django's own: the registration form would say "Gib eine gültige E-Mail
Adresse an." instead of Django's "Bitte gültige E-Mail-Adresse eingeben.", in the du-form the site never uses. Each
catalogue holds Django's translation of these messages (tests/test_translations.py checks that they win).
"""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = (
    gettext_noop("Enter a valid IPv4 or IPv6 address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    gettext_noop("Value must be valid JSON."),
)
