"""Settings for the LIP platform.

Everything is read from the environment; with no variables set the platform runs
on an SQLite file, runs Celery tasks eagerly in-process, prints e-mail to the
console and keeps media on the local disk. `.env.example` documents every
variable. `lip.settings.production` adds what a public deployment requires.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-only-for-local-use")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "lip",
    "home",
    "consultation",
    "ideas",
    "monitoring",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "lip.apps.LipWagtailUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lip.security_headers.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # only /api/v1/, read-only (CORS_* below)
    "lip.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lip.pagecache.middleware.UpdatePageCacheMiddleware",  # stores pages; outside the session, to drop Vary: Cookie
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lip.security_headers.PrivateCacheMiddleware",
    "lip.middleware.LocaleMiddleware",
    "lip.pagecache.middleware.FetchFromPageCacheMiddleware",  # serves stored pages; keyed on the language chosen above
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lip.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lip.urls"
WSGI_APPLICATION = "lip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------------

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE") or "0"),
        # A reused connection is tested (SELECT 1) once per request before its first query: a database restart or a
        # dropped connection costs one reconnect instead of a failed request. Production keeps connections 60 s.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two requests write together.
    # BEGIN IMMEDIATE: writers queue up instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Django's RedisCache with short socket timeouts and a fallback to local memory while Redis is down (lip/cache.py).
    CACHES = {"default": {"BACKEND": "lip.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it to exist, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2.5 * 1024 * 1024

# --- Files -----------------------------------------------------------------------
# Uploads and generated PDFs are private: no URL under MEDIA_URL serves them (only the public CMS images under
# images/ and original_images/). Views check permission and hand the file over with `lip.files.serve_private_file`:
# "django" streams it, "nginx" answers with X-Accel-Redirect to LIP_SENDFILE_URL (an `internal` nginx location
# aliased to MEDIA_ROOT), "xsendfile" with X-Sendfile (Apache). See README, "Production".
LIP_SENDFILE_BACKEND = os.environ.get("LIP_SENDFILE_BACKEND", "django")
if LIP_SENDFILE_BACKEND not in ("django", "nginx", "xsendfile"):
    raise ImproperlyConfigured("LIP_SENDFILE_BACKEND must be one of: django, nginx, xsendfile.")
LIP_SENDFILE_URL = os.environ.get("LIP_SENDFILE_URL", "/protected/")
# Wagtail's document view (/dokumente/<id>/<name>) hands its files over the same way.
SENDFILE_BACKEND = "lip.files"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Accounts --------------------------------------------------------------------

AUTH_USER_MODEL = "lip.User"
# Django's and allauth's backends, loading the signed-in person with their e-mail confirmation and whether they hold
# any permission in one query (lip/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "lip.auth_backends.ModelBackend",
    "lip.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "lip.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
# The issue asks for a clear message when an address is already registered.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[LIP Hannover] "
ACCOUNT_ADAPTER = "lip.adapters.AccountAdapter"
# Rate limits (allauth's format "amount/period/scope"). They key on the client address that
# ALLAUTH_TRUSTED_PROXY_COUNT below finds, so that the visitors behind one proxy do not share one limit.
# - login: every login POST from one address; a workshop of 30 people at one venue signs in within a minute.
# - login_failed: wrong passwords from one address (all accounts), and for one account from all addresses.
#   The per-account limit only stops guessing spread over many addresses; a hammered account is free again
#   five minutes after the last counted guess. allauth also counts wrong second-factor codes here, per person.
# - login_failed_from_address: wrong passwords for one account from one address (lip.adapters.AccountAdapter).
#   One attacker's address runs out of guesses long before the per-account limit, so the owner, signing in
#   from anywhere else, is never locked out by a single attacker.
# - reset_password: at most three reset e-mails per address and half hour, whoever asks.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "40/m/ip,10/5m/key",
    "login_failed_from_address": "5/5m/key",
    "signup": "40/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,3/30m/key",
    "reset_password_from_key": "20/m/ip",
    # the password of a password-protected CMS page (lip.views.page_password)
    "page_password": "10/m/ip",
    # the voluntary questionnaire about the person, for visitors who are not signed in (monitoring.reach.views)
    "reach_profile": "20/h/ip",
    # anonymous answers to a survey that allows them (consultation.surveys.services)
    "survey_answer_anonymous": "10/h/ip",
}
# Behind a reverse proxy (or a chain of them), the number of proxies under the city's control: the client's
# address is then the one they put into X-Forwarded-For. 0 (the default) ignores X-Forwarded-For, which any
# client can forge, and uses the connecting address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Second factor: an authenticator app (TOTP) with recovery codes. Staff (anyone with access to the Wagtail
# admin, staff or superusers, and jury members) must set it up before they can use the site signed in
# (lip.middleware.StaffMFAMiddleware); participants may opt in on their profile page.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "LIP Hannover"
LIP_STAFF_MFA_REQUIRED = env_bool("LIP_STAFF_MFA_REQUIRED", True)

# Bot check on registration (lip.botcheck): a form submitted faster than this after it was shown is refused,
# and one shown longer ago than LIP_BOTCHECK_MAX_AGE seconds must be sent again.
LIP_BOTCHECK_ENABLED = True
LIP_SIGNUP_MIN_SECONDS = int(os.environ.get("LIP_SIGNUP_MIN_SECONDS", "3"))
LIP_BOTCHECK_MAX_AGE = 2 * 60 * 60

# --- Internationalisation --------------------------------------------------------

LANGUAGE_CODE = "de"
# German first; the languages most spoken by Hannover's migrant communities after it. Arabic and Farsi are
# written right to left (Django's LANGUAGES_BIDI; base.html sets dir="rtl").
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
]
LOCALE_PATHS = [BASE_DIR / "lip" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lip_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Wagtail ---------------------------------------------------------------------

WAGTAIL_SITE_NAME = "LIP 4.0 Hannover"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# One way in: the admin, private pages and password resets all use allauth's pages (see lip/urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Passwords and addresses change through allauth, which verifies a new address before it counts.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAILEMBEDS_FINDERS = []  # no third-party requests, not even from the admin's embed previews
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the admin shows its default avatar instead of asking gravatar.com
# Wagtail decodes every uploaded image in full to make renditions: about 4 bytes per pixel plus copies. Its default
# of 128 million pixels let one 121-megapixel PNG hold a worker for 11 s and 1.2 GB. 40 million pixels still take any
# camera photo a city editor uploads (7000 × 5000 = 35 million; a 24-megapixel camera makes 6000 × 4000) and bound
# the memory of one upload to a few hundred MB.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LIP Hannover <beteiligung@lip-hannover.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Celery ----------------------------------------------------------------------

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
# Without a broker, tasks run in-process so that the zero-configuration setup works.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Writes never talk to the broker directly: they store their tasks in the outbox (lip/outbox), which sends them after
# the commit and, if the broker was down, every minute from here (beat syncs this entry into its database schedule).
# Beat needs the broker too: `manage.py outbox_drain` from cron is the fallback. `expires`: drains that piled up
# while no worker ran are dropped instead of all running one after the other.
CELERY_BEAT_SCHEDULE = {
    "lip-outbox-drain": {"task": "lip.tasks.outbox_drain", "schedule": 60.0, "options": {"expires": 55}},
    # Daily at 03:30: unconfirmed registrations and expired data exports go (lip/privacy/retention.py).
    "lip-privacy-retention": {"task": "lip.tasks.privacy_retention", "schedule": crontab(hour=3, minute=30)},
    # Nightly at 02:15: new CSV and JSON snapshots of the open datasets (lip/api/opendata/snapshots.py).
    "lip-opendata-snapshot": {"task": "lip.api.tasks.opendata_snapshot", "schedule": crontab(hour=2, minute=15)},
}

# --- Security defaults that hold everywhere --------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # Django's default, stated here because we rely on it
# Content-Security-Policy (django-csp, lip.security_headers.ContentSecurityPolicyMiddleware): the public templates
# have no inline script or style, so nothing inline runs and nothing is loaded from another host. The Wagtail
# admin gets 'unsafe-inline' for scripts and styles on top (lip.security_headers.ADMIN_CSP_UPDATE, with the reasons).
# img-src allows data: for the QR code of the authenticator app (allauth renders it as a data: SVG image).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logged IP addresses are shortened (IPv4 to /24, IPv6 to /48, lip.privacy.ip_logging): the logs never hold a full
# address. The rate limits keep full addresses only in the cache, under keys that expire with their period (at most
# an hour: ACCOUNT_RATE_LIMITS above).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"truncate_ip": {"()": "lip.privacy.ip_logging.TruncateIPAddresses"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["truncate_ip"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Platform --------------------------------------------------------------------

LIP_VERBOSE_NAME = _("Lokaler Integrationsplan Hannover")
# A proposal or comment is hidden pending review once this many different people have reported it and no
# moderator has dealt with those reports yet (consultation.moderation.report_create).
LIP_REPORT_THRESHOLD = 3
# Registrations whose e-mail address was never confirmed are removed after this many days (lip/privacy/retention.py).
LIP_UNVERIFIED_SIGNUP_DAYS = int(os.environ.get("LIP_UNVERIFIED_SIGNUP_DAYS", "14"))
# How long the city usually takes to verify a newly registered organisation, in working days: told to applicants
# before they start ("Was Sie brauchen" on the competition page and the application form).
LIP_ORGANISATION_VERIFICATION_DAYS = int(os.environ.get("LIP_ORGANISATION_VERIFICATION_DAYS", "3"))
# Public pages for anonymous visitors from the default cache (lip/pagecache): at most this many seconds old (time-driven
# changes such as a phase that starts cap it sooner; writes make pages stale at once); shared proxies may keep them
# LIP_PAGE_CACHE_PROXY_SECONDS (s-maxage; browsers ask every time). Without REDIS_URL the cache is per process (README).
LIP_PAGE_CACHE = env_bool("LIP_PAGE_CACHE", True)
LIP_PAGE_CACHE_SECONDS = int(os.environ.get("LIP_PAGE_CACHE_SECONDS", "600"))
LIP_PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("LIP_PAGE_CACHE_PROXY_SECONDS", "60"))
# The release being served (e.g. the commit id, set by the deployment): part of every page-cache key, so that pages and
# parts rendered by the previous release's templates are not served after an update.
LIP_RELEASE = os.environ.get("LIP_RELEASE", "")


# --- Open-data API (issue 21, lip/api/) -------------------------------------------------------------------------
# Read-only and anonymous by construction: no authentication class, so no session, no CSRF and nothing personal;
# every viewset is a ReadOnlyModelViewSet over public, published rows (each app's `api/` package).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "lip.api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("LIP_API_RATE", "120/min")},
    "DEFAULT_SCHEMA_CLASS": "lip.api.schema.OpenDataAutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LIP 4.0 Hannover – Offene Daten",
    "DESCRIPTION": (
        "Read-only open data of the participation process for the Lokaler Integrationsplan of the "
        "Landeshauptstadt Hannover: consultations, proposals, comments, council statements, events, funded "
        "projects, measures, indicators and reports. Anonymised by construction."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our own host (drf-spectacular-sidecar): no third-party requests. No ReDoc (lip/api/urls.py).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: Swagger UI would send the schema to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ResponseStateEnum": "consultation.models.ResponseState",
        "EventKindEnum": "consultation.models.EventKind",
        "PhaseTypeEnum": "consultation.models.PhaseType",
        "ChannelEnum": "consultation.models.Channel",
    },
    # Only /api/v1/: Wagtail's admin API is DRF too and would otherwise be described here.
    "PREPROCESSING_HOOKS": ["lip.api.schema.only_open_data_api"],
    "COMPONENT_SPLIT_REQUEST": True,
}
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
