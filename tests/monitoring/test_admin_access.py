"""The monitoring workspace in the Wagtail admin is for staff only; runs and reports cannot be edited or deleted
there (an issued report is immutable)."""

import pytest
from django.urls import reverse

from lip.roles import Role
from monitoring.models import ReportSection
from tests import factories
from tests.helpers import admin_home

INDEX_URLS = [
    "monitoring-measures:index",
    "monitoring-measures:add",
    "monitoring-indicators:index",
    "monitoring-indicators:import",
    "monitoring-values:index",
    "monitoring-values:add",
    "monitoring-schedules:index",
    "monitoring-schedules:add",
    "monitoring-runs:index",
    "monitoring-runs:add",
    "monitoring-reports:index",
    "monitoring_statistics:dashboard",
]


@pytest.mark.parametrize("url_name", INDEX_URLS)
def test_staff_open_the_workspace(client_for, staff, url_name):
    assert client_for(staff).get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", INDEX_URLS)
@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.COUNCIL_MEMBER, Role.JURY, Role.COUNCIL])
def test_everyone_else_is_refused(client_for, db, url_name, role):
    response = client_for(factories.UserFactory(roles=[role])).get(reverse(url_name))

    assert response.status_code in (302, 403)
    assert response.status_code == 403 or not response["Location"].startswith(reverse(url_name))


@pytest.mark.parametrize("url_name", INDEX_URLS)
def test_admin_users_without_the_monitoring_permissions_are_refused(client_for, admin_without_rights, url_name):
    response = client_for(admin_without_rights).get(reverse(url_name))

    assert response.status_code in (302, 403)


def test_the_menu_shows_the_workspace_to_staff(client_for, staff):
    html = admin_home(client_for(staff))

    assert "Monitoring" in html and "Beteiligungsstatistik" in html


def test_runs_and_reports_cannot_be_edited_or_deleted_even_by_a_superuser(client_for, home_page, clock, issue):
    run = issue(sections=[ReportSection.MEASURES])
    admin = factories.UserFactory(is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR])
    client = client_for(admin)

    for url in (
        reverse("monitoring-runs:edit", args=[run.pk]),
        reverse("monitoring-runs:delete", args=[run.pk]),
        reverse("monitoring-reports:edit", args=[run.report.pk]),
        reverse("monitoring-reports:delete", args=[run.report.pk]),
        reverse("monitoring-reports:add"),
    ):
        assert client.post(url).status_code in (302, 403), url
    run.report.refresh_from_db()
    assert run.report.title == "Monitoring LIP 4.0 – Quartalsbericht"


def test_the_statistics_export_as_csv(client_for, staff):
    response = client_for(staff).get(reverse("monitoring_statistics:breakdown", args=["bezirke"]) + "?export=csv")

    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # for German Excel: UTF-8 with BOM, semicolons
    content = raw.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header, *rows = content.strip().splitlines()
    assert header == (
        "Stadtbezirk;Vorschläge online;Vorschläge analog;Kommentare;Stimmen online;Stimmen analog;"
        "Kommentare zum Planentwurf online;Kommentare zum Planentwurf analog;"
        "Antwortbögen in Umfragen online;Antwortbögen in Umfragen analog"
    )
    assert rows[0].startswith("Mitte;0;0") and rows[-1].startswith("stadtweit;")


def test_the_statistics_reports_show_a_chart_and_the_table(client_for, staff):
    html = client_for(staff).get(reverse("monitoring_statistics:breakdown", args=["handlungsfelder"])).content.decode()

    assert "<svg" in html and "Beteiligung nach Handlungsfeld" in html and "Sprachförderung" in html
