"""Settings for the test suite: the defaults plus speed and isolation."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# MEDIA_ROOT is pointed at a per-session temporary directory by tests/conftest.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The broker round-trip test switches eager mode off for itself; all other tests run tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
ACCOUNT_RATE_LIMITS = False
WAGTAILADMIN_BASE_URL = "http://testserver"
# Staff tests sign in with force_login; tests/lip/test_mfa.py switches the second-factor requirement on.
LIP_STAFF_MFA_REQUIRED = False
# Registration tests post the form directly; tests/lip/test_botcheck.py switches the bot check on.
LIP_BOTCHECK_ENABLED = False
# The page cache would carry pages from one test into the next; tests/lip/test_page_cache.py and the apps' page
# cache tests switch it on for themselves (and start from an empty cache).
LIP_PAGE_CACHE = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"}}  # tests/api lowers it
