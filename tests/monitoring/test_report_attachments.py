"""An issued Abwägungstabelle attached to a council paper (issue 19): chosen with the report's texts, frozen in its
snapshot, counted and listed as an „Anlage“ in the PDF, linked from the report's page."""

import pytest
from django.urls import reverse

from monitoring.consideration import services as table_services
from monitoring.models import ReportSection, ReportStatus
from monitoring.reports import review
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.plan_support import make_plan, text_review_schedule

from . import pdfs
from .test_report_texts import flat, issue_reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(home_page, staff, django_capture_on_commit_callbacks):
    page = make_plan(ConsultationPageFactory(parent=home_page, phases=text_review_schedule()), title="Entwurf LIP 4.0")
    with django_capture_on_commit_callbacks(execute=True):
        table = table_services.table_issue(page=page, user=staff)
    table.refresh_from_db()
    return table


@pytest.fixture
def draft(request_draft):
    return request_draft(sections=[ReportSection.MEASURES, ReportSection.ANNEX])


@pytest.fixture
def issue_with_table(home_page, clock, staff, reviewer, draft, table, django_capture_on_commit_callbacks):
    """`issue_with_table(**texts)`: the draft's texts saved with the table as an attachment, then the draft reviewed
    and issued; returns the run."""

    def _issue(**texts):
        review.run_texts_save(run=draft, user=staff, attachments=[table], **texts)
        return issue_reviewed(draft, staff=staff, reviewer=reviewer, capture=django_capture_on_commit_callbacks)

    return _issue


def test_an_issued_table_goes_with_the_report_as_its_second_annex(issue_with_table, table):
    run = issue_with_table(introduction="Mit Abwägungstabelle.")

    assert run.status == ReportStatus.DONE, run.error
    frozen = run.report.snapshot["attachments"]
    assert [(a["number"], a["title"]) for a in frozen] == [(table.pk, table.title)]
    text = flat(pdfs.text(pdfs.read(run.report)))
    assert "Anzahl der Anlagen 2" in text
    assert f"Anlage 2: {table.title} (Abwägungstabelle Nr. {table.pk}, gesonderte Datei)" in text


def test_the_texts_form_offers_only_finished_tables_and_keeps_the_choice(
    client, staff, draft, table, django_capture_on_commit_callbacks
):
    from monitoring.models import TableState

    pending = type(table).objects.create(
        page=table.page, version=table.version, title="Noch nicht fertig", snapshot=table.snapshot
    )
    assert pending.state == TableState.PENDING
    client.force_login(staff)
    url = reverse("monitoring-runs:texts", args=[draft.pk])
    html = client.get(url).content.decode()
    assert table.title in html and "Noch nicht fertig" not in html

    forged = client.post(url, {"introduction": "x", "conclusion": "", "attachments": [str(pending.pk)]})
    assert forged.status_code == 400  # not a choice: nothing stored
    assert not draft.attachments.exists()

    client.post(url, {"introduction": "x", "conclusion": "", "attachments": [str(table.pk)]})
    assert list(draft.attachments.all()) == [table]
    client.post(url, {"introduction": "x", "conclusion": ""})
    assert not draft.attachments.exists()  # unticked: removed again


def test_the_report_page_links_the_attached_table(client, issue_with_table, table, council_reader):
    run = issue_with_table()
    client.force_login(council_reader)
    html = client.get(reverse("monitoring:report_detail", args=[run.report.pk])).content.decode()
    assert reverse("monitoring:consideration_pdf", args=[table.pk]) in html
