"""Sending the consultation's e-mails: rendered in the recipient's language, each one sent at most once.

Used by `notifications` (responses, council digests) and `moderation.mail` (reports, decisions). Each sending is
guarded by a key in the shared cache (Redis in production), set before and removed again if the mail server fails, so
that a retried or repeated task sends nobody the same message twice.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

ONCE_TIMEOUT = 60 * 60 * 24 * 14  # longer than all retries of a mail task together


def site_url(path: str) -> str:
    """`path` on the public site, as an absolute address for an e-mail (an absolute address stays as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(*, template: str, recipient, context: dict) -> None:
    """Render `consultation/email/<template>_subject.txt` and `_body.txt` in the recipient's language and send."""
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {"recipient": recipient, "profile_url": site_url(reverse("lip:profile")), **context}
        subject = " ".join(render_to_string(f"consultation/email/{template}_subject.txt", context).split())
        body = render_to_string(f"consultation/email/{template}_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[recipient.email]).send()


def once(key: str, send: Callable[[], None]) -> bool:
    """Run `send` unless it already ran for `key`. A failed send frees the key again, for the task's retry."""
    if not cache.add(key, True, timeout=ONCE_TIMEOUT):
        return False
    try:
        send()
    except BaseException:
        cache.delete(key)
        raise
    return True
