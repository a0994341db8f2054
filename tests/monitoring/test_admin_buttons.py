"""The buttons in the headers of the report admin lead to the object's own views (`lip.admin_buttons`), and only
those the person may use are shown: the PDFs of a report, its annex if it has one, the release while it is not
public; „Jetzt erstellen“ on a schedule for those who may issue reports."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from monitoring.models import ReportPeriod, ReportSchedule, ReportSection
from monitoring.reports import services
from tests import factories

from .conftest import BODIES


def links(page: str, *urls: str) -> list[bool]:
    return [f'href="{url}"' in page for url in urls]


def planner_who_may_not_issue():
    """Someone in the admin who may change report schedules, but not issue reports."""
    person = factories.UserFactory()
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="monitoring", codename__in=["view_reportschedule", "change_reportschedule"]
        ),
    )
    return person


@pytest.fixture
def report(home_page, clock, issue):
    return issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX]).report


def test_an_unreleased_report_offers_its_paper_its_annex_and_the_release(client_for, staff, report):
    page = client_for(staff).get(reverse("monitoring-reports:inspect", args=[report.pk])).content.decode()

    urls = ("monitoring:report_pdf", "monitoring:report_annex_pdf", "monitoring-reports:release")
    assert links(page, *(reverse(name, args=[report.pk]) for name in urls)) == [True, True, True]
    assert "PDF öffnen" in page and "Anlage 1 öffnen" in page and "Öffentlich freigeben" in page


def test_a_released_report_without_annex_offers_only_its_paper(client_for, staff, home_page, clock, issue):
    report = issue(sections=[ReportSection.MEASURES]).report
    report.released_at = timezone.now()
    report.save(update_fields=["released_at"])

    page = client_for(staff).get(reverse("monitoring-reports:inspect", args=[report.pk])).content.decode()

    urls = ("monitoring:report_pdf", "monitoring:report_annex_pdf", "monitoring-reports:release")
    assert links(page, *(reverse(name, args=[report.pk]) for name in urls)) == [True, False, False]


@pytest.mark.parametrize(("may_issue", "shown"), [(True, True), (False, False)])
def test_a_schedule_offers_to_issue_its_report_now_to_those_who_may(client_for, staff, may_issue, shown):
    schedule = services.schedule_save(
        schedule=ReportSchedule(
            title="Quartalsbericht", audiences=BODIES, period=ReportPeriod.QUARTERLY, sections=[ReportSection.MEASURES]
        ),
        user=staff,
        recipients=[],
    )
    planner = staff if may_issue else planner_who_may_not_issue()

    response = client_for(planner).get(reverse("monitoring-schedules:edit", args=[schedule.pk]))

    assert response.status_code == 200
    assert links(response.content.decode(), reverse("monitoring-schedules:issue", args=[schedule.pk])) == [shown]
