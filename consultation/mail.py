"""Sending the consultation's e-mails, rendered in the recipient's language.

Used by `notifications` (responses, council digests) and `moderation.mail` (reports, decisions), which send each
message at most once through `lip.mail.once`.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lip.mail import site_url


def send(*, template: str, recipient, context: dict) -> None:
    """Render `consultation/email/<template>_subject.txt` and `_body.txt` in the recipient's language and send."""
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {"recipient": recipient, "profile_url": site_url(reverse("lip:profile")), **context}
        subject = " ".join(render_to_string(f"consultation/email/{template}_subject.txt", context).split())
        body = render_to_string(f"consultation/email/{template}_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[recipient.email]).send()
