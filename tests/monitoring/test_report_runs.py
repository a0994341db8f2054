"""Report runs and schedules: a Celery task generates the report (idempotent); a schedule owns a django-celery-beat
task that issues the report for the period just ended, once; staff issue reports on demand for any period; council
members are e-mailed once a report is issued."""

import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from wagtail.documents import get_document_model

from lip.roles import Role
from monitoring import tasks
from monitoring.models import Audience, Report, ReportPeriod, ReportRun, ReportSchedule, ReportSection, ReportStatus
from monitoring.reports import generation, services
from tests import factories

from .conftest import BODIES, Q1, approve, post_run_form


@pytest.fixture
def schedule(staff, council_reader):
    return services.schedule_save(
        schedule=ReportSchedule(
            title="Monitoring LIP 4.0 – Quartalsbericht",
            audiences=BODIES,
            period=ReportPeriod.QUARTERLY,
            sections=[ReportSection.PARTICIPATION, ReportSection.MEASURES],
            extra_recipients="geschaeftsstelle@rat.example",
        ),
        user=staff,
        recipients=[council_reader],
    )


def test_the_generation_task_is_idempotent(home_page, clock, issue):
    run = issue(sections=[ReportSection.MEASURES])
    report = run.report
    documents = get_document_model().objects.count()

    assert tasks.generate_report.delay(run.pk).get() == report.pk
    assert generation.run_execute(run_id=run.pk) == report

    run.refresh_from_db()
    assert run.attempts == 1 and run.status == ReportStatus.DONE
    assert Report.objects.count() == 1 and get_document_model().objects.count() == documents


def test_council_members_are_emailed_once_with_the_pdf(home_page, clock, issue, council_reader):
    run = issue(sections=[ReportSection.MEASURES], extra_recipients="geschaeftsstelle@rat.example")

    assert sorted(m.to[0] for m in mail.outbox) == ["geschaeftsstelle@rat.example", council_reader.email]
    message = next(m for m in mail.outbox if m.to == [council_reader.email])
    assert "Nr. 0001/2026" in message.subject
    assert f"/monitoring/berichte/{run.report.pk}/" in message.body
    ((name, content, mimetype),) = message.attachments
    assert (
        name == "Informationsdrucksache-0001-2026.pdf" and mimetype == "application/pdf" and content.startswith(b"%PDF")
    )

    assert tasks.notify_report_issued.delay(run.report.pk).get() == 0
    assert len(mail.outbox) == 2


def test_the_e_mail_carries_the_paper_and_its_annex(home_page, clock, issue, council_reader):
    run = issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX])

    (message,) = mail.outbox
    names = [name for name, _content, _mimetype in message.attachments]
    assert names == ["Informationsdrucksache-0001-2026.pdf", "Informationsdrucksache-0001-2026-Anlage-1.pdf"]
    assert message.attachments[1][1] == run.report.annex_document.file.open("rb").read()
    assert "Den Bericht und seine Anlage 1 finden Sie im Anhang" in message.body


def test_a_period_that_ends_before_it_starts_is_refused(staff, run_request):
    with pytest.raises(ValidationError) as refusal:
        run_request(period_start=date(2026, 3, 31), period_end=date(2026, 1, 1))

    assert "endet vor seinem Beginn" in refusal.value.message_dict["period_end"][0]
    assert not ReportRun.objects.exists()


def test_a_period_that_ends_before_it_starts_is_a_form_error(client, staff):
    client.force_login(staff)

    response = post_run_form(client, period_start="2026-03-31", period_end="2026-01-01")

    assert response.status_code == 400
    assert "Der Zeitraum endet vor seinem Beginn." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_district_body_needs_its_district_and_recipients_must_be_council_members(staff, run_request):
    with pytest.raises(ValidationError) as refusal:
        run_request(audiences=[Audience.DISTRICT_COUNCIL], recipients=[factories.UserFactory()])

    assert set(refusal.value.message_dict) == {"district", "recipients"}


def test_staff_issue_a_report_for_any_period_in_the_admin(
    client, staff, council_reader, home_page, clock, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_run_form(
            client,
            title="Sonderbericht Sprachförderung",
            audiences=[Audience.INTEGRATION_COUNCIL],
            district=factories.District.objects.get(slug="linden-limmer").pk,
            period_start="2025-07-01",
            period_end="2025-12-31",
            recipients=[council_reader.pk],
        )

    # The form makes a draft (texts, then review by a second person: `review`); submitted by staff and approved by
    # a colleague in the admin, it is generated.
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.DRAFT and run.requested_by == staff
    assert response.url == reverse("monitoring-runs:texts", args=[run.pk])
    client.post(reverse("monitoring-runs:submit", args=[run.pk]))
    client.force_login(factories.UserFactory(roles=[Role.MODERATOR]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring-runs:approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ReportStatus.DONE
    assert run.report.snapshot["meta"]["bodies"] == ["In den Integrationsbeirat Linden-Limmer"]
    listing = client.get(reverse("monitoring-runs:index")).content.decode()
    assert "fertig" in listing


def test_a_schedule_owns_its_beat_task(schedule, staff):
    task = PeriodicTask.objects.get(pk=schedule.periodic_task_id)

    assert task.task == "monitoring.tasks.issue_scheduled_report"
    assert json.loads(task.kwargs) == {"schedule_id": schedule.pk}
    assert task.enabled
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year) == ("0", "6", "5", "1,4,7,10")
    assert str(crontab.timezone) == "Europe/Berlin"

    schedule.period = ReportPeriod.YEARLY
    schedule.enabled = False
    services.schedule_save(schedule=schedule, user=staff)

    task.refresh_from_db()
    assert PeriodicTask.objects.filter(task="monitoring.tasks.issue_scheduled_report").count() == 1
    assert task.crontab.month_of_year == "1" and not task.enabled


def test_the_beat_task_issues_the_report_for_the_period_just_ended_once(
    schedule, home_page, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.issue_scheduled_report.delay(schedule.pk)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.issue_scheduled_report.delay(schedule.pk)  # beat fired twice

    # The schedule makes a draft once and tells the report editors; once reviewed by a second person it is issued.
    run = ReportRun.objects.get()
    assert (run.period_start, run.period_end) == Q1
    assert run.status == ReportStatus.DRAFT
    assert list(run.recipients.all()) == list(schedule.recipients.all())
    assert any("Berichtsentwurf" in m.subject and m.to == [schedule.created_by.email] for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        approve(run, submitter=schedule.created_by)
    run.refresh_from_db()
    assert run.status == ReportStatus.DONE and run.report.snapshot["meta"]["period"]["label"] == "1. Quartal 2026"


def test_a_disabled_schedule_issues_nothing(schedule, clock):
    ReportSchedule.objects.filter(pk=schedule.pk).update(enabled=False)

    assert tasks.issue_scheduled_report.delay(schedule.pk).get() is None
    assert not ReportRun.objects.exists()


def test_jetzt_erstellen_in_the_admin(client, staff, schedule, home_page, clock, django_capture_on_commit_callbacks):
    client.force_login(staff)
    url = reverse("monitoring-schedules:issue", args=[schedule.pk])

    confirm = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert confirm.status_code == 200 and "1. Quartal 2026" in confirm.content.decode()
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.DRAFT  # a draft, reviewed before it is issued (`review`)
    assert response.url == reverse("monitoring-runs:texts", args=[run.pk])


def test_a_failed_run_is_retried_from_the_admin(
    client, staff, home_page, clock, issue, monkeypatch, django_capture_on_commit_callbacks
):
    from monitoring.reports import pdf

    monkeypatch.setattr(pdf, "render_paper", lambda snapshot: (_ for _ in ()).throw(OSError("Datenträger voll")))
    run = issue(sections=[ReportSection.MEASURES])
    assert run.status == ReportStatus.FAILED
    client.force_login(staff)
    assert "Datenträger voll" in client.get(reverse("monitoring-runs:index")).content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring-runs:retry", args=[run.pk]))

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ReportStatus.DONE and run.attempts == 2 and run.error == ""
    assert Report.objects.get().run == run


def test_a_run_that_never_started_can_be_started_again_after_a_while(
    staff, home_page, clock, run_request, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    run = run_request(sections=[ReportSection.MEASURES])  # the broker never got it: no on_commit executed
    with pytest.raises(ValidationError):
        services.run_retry(run=run, user=staff)  # just queued: give the worker its time

    ReportRun.objects.filter(pk=run.pk).update(requested_at=clock - timedelta(hours=1))
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.run_retry(run=run, user=staff)

    run.refresh_from_db()
    assert run.status == ReportStatus.DONE
