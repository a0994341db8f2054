"""Issue 13, item 6: links in e-mails follow the address the site is served on (`make run PORT=8101`)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def dry_run(*args: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    result = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_passes_the_served_address_as_site_url():
    output = dry_run("PORT=8101")

    assert "SITE_URL=http://127.0.0.1:8101 .venv/bin/python manage.py runserver 127.0.0.1:8101" in output


def test_make_run_keeps_a_site_url_that_is_set():
    output = dry_run("PORT=8101", SITE_URL="https://beteiligung.hannover.example")

    assert "SITE_URL=https://beteiligung.hannover.example .venv/bin/python manage.py runserver" in output


def test_the_link_base_of_e_mails_is_read_from_site_url():
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environment |= {"SITE_URL": "http://127.0.0.1:8101", "DJANGO_SETTINGS_MODULE": "lip.settings.base"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "http://127.0.0.1:8101"
