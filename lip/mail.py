"""What every app's e-mail needs: absolute links, sending each message at most once, and the retry policy of mail tasks.

Each sending is guarded by a key in the shared cache (Redis in production), set before and removed again if the mail
server fails, so that a retried or repeated task sends nobody the same message twice.
"""

from collections.abc import Callable
from smtplib import SMTPException

from django.conf import settings
from django.core.cache import cache

ONCE_TIMEOUT = 60 * 60 * 24 * 14  # longer than all retries of a mail task together

# Celery options of a task that sends e-mail: a mail server that fails (SMTP error, network error) makes the task
# retry with an increasing delay.
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


def site_url(path: str) -> str:
    """`path` on the public site, as an absolute address for an e-mail (an absolute address stays as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


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
