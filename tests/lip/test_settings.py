"""The settings modules, each loaded in a fresh interpreter with a clean environment.

A subprocess keeps the environment of the CI (DATABASE_URL, CELERY_BROKER_URL, ...) and the
already configured settings of the test run out of what is being checked.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def clean_env(**variables: str) -> dict[str, str]:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if key in os.environ}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(variables)
    return env


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=clean_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_values(module: str, *names: str, **variables: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE=module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_check(**variables: str) -> subprocess.CompletedProcess:
    return run(["manage.py", "check"], DJANGO_SETTINGS_MODULE="lip.settings.production", **variables)


def test_production_refuses_to_start_without_secret_key():
    result = production_check(ALLOWED_HOSTS="lip.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_an_empty_secret_key():
    result = production_check(SECRET_KEY="", ALLOWED_HOSTS="lip.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = production_check(SECRET_KEY=secrets.token_urlsafe(48))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings():
    secret_key = secrets.token_urlsafe(48)
    assert len(secret_key) == 64
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="lip.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="lip.example",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout, output
    assert "WARNING" not in output.upper(), output


def test_production_settings_are_strict():
    values = settings_values(
        "lip.settings.production",
        "DEBUG",
        "ALLOWED_HOSTS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="lip.example, www.lip.example",
    )
    assert values == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["lip.example", "www.lip.example"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
    }


def test_base_defaults_need_no_configuration():
    values = settings_values(
        "lip.settings.base",
        "DATABASES",
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        "EMAIL_BACKEND",
        "CACHES",
    )
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"] == str(REPO_ROOT / "var" / "db.sqlite3")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["CELERY_BROKER_URL"] == ""
    assert values["CELERY_RESULT_BACKEND"] is None
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_base_with_a_broker_sends_tasks_to_it_and_keeps_results_there():
    broker = "redis://127.0.0.1:6379/15"
    values = settings_values(
        "lip.settings.base",
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        CELERY_BROKER_URL=broker,
    )
    assert values == {
        "CELERY_TASK_ALWAYS_EAGER": False,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
    }


def test_database_url_selects_postgresql():
    values = settings_values("lip.settings.base", "DATABASES", DATABASE_URL="postgres://lip:secret@db.example:5432/lip")
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"], database["USER"]) == (
        "lip",
        "db.example",
        5432,
        "lip",
    )


def test_production_keeps_database_connections_60_seconds_and_checks_them():
    production = {"SECRET_KEY": secrets.token_urlsafe(48), "ALLOWED_HOSTS": "lip.example"}

    database = settings_values("lip.settings.production", "DATABASES", **production)["DATABASES"]["default"]
    closing = settings_values("lip.settings.production", "DATABASES", DATABASE_CONN_MAX_AGE="0", **production)
    empty = settings_values("lip.settings.production", "DATABASES", DATABASE_CONN_MAX_AGE="", **production)

    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)
    assert closing["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert empty["DATABASES"]["default"]["CONN_MAX_AGE"] == 60  # as .env.example leaves it


def test_tests_and_development_open_a_connection_per_request():
    for module in ("lip.settings.base", "lip.settings.test"):
        database = settings_values(module, "DATABASES")["DATABASES"]["default"]
        assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, True)
