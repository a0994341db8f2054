"""Settings for the live server the browser tests start (tests/browser/conftest.py).

The site as `make run` shows it, with DEBUG off, plus what a test run needs: the database, media and e-mail in the
run's temporary directory (DATABASE_URL, MEDIA_ROOT, STATIC_ROOT and LIP_EMAIL_DIR are set by the fixture),
e-mails written to files so that a test can read them, Celery tasks in-process, no rate limits and fast password
hashing. Static files are served by WhiteNoise straight from the apps' static folders (no collectstatic).
"""

import os

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_RATE_LIMITS = False
LIP_STAFF_MFA_REQUIRED = False
# The bot check stays on (its hidden fields travel with the real form), but a test browser types faster than a person.
LIP_SIGNUP_MIN_SECONDS = 0

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("LIP_EMAIL_DIR", str(BASE_DIR / "var" / "browser-mail"))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The tests change data from other processes (seed_demo, move_to_phase), which cannot reach the server's local cache.
LIP_PAGE_CACHE = False
CELERY_BROKER_URL = ""
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = True

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
