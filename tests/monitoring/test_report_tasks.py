"""The report's two PDFs are rendered by Celery tasks of their own (a chord: paper and annex, then the issue), which
hand each other only the names of temporary files; the report is issued with both PDFs or not at all, and no
temporary file remains either way. Eager here (no broker): the chord runs in-process; the real worker is in
tests/lip/test_celery_roundtrip.py."""

from pathlib import Path

import pytest
from wagtail.documents import get_document_model

from monitoring import tasks
from monitoring.models import Report, ReportSection, ReportStatus
from monitoring.reports import generation, pdf

from . import pdfs


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def leftovers(media: Path) -> list[Path]:
    folder = media / generation.RUNS_FOLDER
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_the_generation_task_renders_paper_and_annex_as_tasks_of_their_own(home_page, clock, issue, media, monkeypatch):
    rendered = []
    original = tasks.render_report_part.run

    def spy(run_id, attempt, part):
        rendered.append(part)
        return original(run_id, attempt, part)

    monkeypatch.setattr(tasks.render_report_part, "run", spy)

    run = issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX])

    assert run.status == ReportStatus.DONE, run.error
    assert sorted(rendered) == ["annex", "paper"]
    report = run.report
    assert "Anlage 1 zur Informationsdrucksache Nr. 0001/2026" in pdfs.text(pdfs.read(report, annex=True))
    assert report.page_count >= 1 and report.annex_page_count >= 1
    assert leftovers(media) == []


def test_a_render_task_returns_a_file_name_and_the_issue_deletes_the_file(home_page, clock, run_request, media):
    run = generation.run_prepare(run_id=run_request(sections=[ReportSection.MEASURES]).pk)

    paper = tasks.render_report_part.apply(args=[run.pk, run.attempts, "paper"]).get()
    annex = tasks.render_report_part.apply(args=[run.pk, run.attempts, "annex"]).get()

    assert annex is None  # no annex section: no annex file
    assert paper["part"] == "paper" and paper["name"].startswith(f"monitoring/runs/{run.pk}/")
    assert (media / paper["name"]).read_bytes().startswith(b"%PDF")
    report_id = tasks.issue_report.apply(args=[[paper, annex], run.pk, run.attempts]).get()
    report = Report.objects.get(pk=report_id)
    assert report.annex_document is None and pdfs.read(report).startswith(b"%PDF")
    assert leftovers(media) == []


def test_a_failing_annex_task_leaves_no_report_document_or_temporary_file(home_page, clock, issue, media, monkeypatch):
    def broken(snapshot):
        raise RuntimeError("Anlage kaputt")

    monkeypatch.setattr(pdf, "render_annex", broken)

    run = issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX])

    assert run.status == ReportStatus.FAILED and "RuntimeError: Anlage kaputt" in run.error
    assert not Report.objects.exists() and not get_document_model().objects.exists()
    assert leftovers(media) == []  # the paper was rendered first; its file is gone


def test_a_transient_render_error_is_retried(home_page, clock, run_request, media, monkeypatch):
    calls = []
    original = pdf.render_paper

    def flaky(snapshot):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("Speicher kurz nicht erreichbar")
        return original(snapshot)

    monkeypatch.setattr(pdf, "render_paper", flaky)
    run = generation.run_prepare(run_id=run_request(sections=[ReportSection.MEASURES]).pk)

    # throw=False: Celery runs the retry at once, as a worker would after the back-off.
    paper = tasks.render_report_part.apply(args=[run.pk, run.attempts, "paper"], throw=False).get()

    assert len(calls) == 2 and (media / paper["name"]).read_bytes().startswith(b"%PDF")
    run.refresh_from_db()
    assert run.status == ReportStatus.RUNNING


def test_without_a_worker_a_transient_error_fails_the_run_with_its_message(home_page, clock, issue, media, monkeypatch):
    def broken(snapshot):
        raise OSError("Speicher nicht erreichbar")

    monkeypatch.setattr(pdf, "render_paper", broken)

    run = issue(sections=[ReportSection.MEASURES])

    assert run.status == ReportStatus.FAILED and run.error == "OSError: Speicher nicht erreichbar"
    assert not Report.objects.exists() and leftovers(media) == []


def test_a_failing_issue_leaves_no_report_document_or_temporary_file(home_page, clock, issue, media, monkeypatch):
    def broken_create(**kwargs):
        raise RuntimeError("Datenbank voll")

    monkeypatch.setattr(Report.objects, "create", broken_create)

    run = issue(sections=[ReportSection.MEASURES, ReportSection.ANNEX])

    assert run.status == ReportStatus.FAILED and "Datenbank voll" in run.error
    assert not get_document_model().objects.exists()
    assert leftovers(media) == []


def test_the_parts_of_a_run_that_failed_meanwhile_are_not_issued(home_page, clock, run_request, media):
    run = generation.run_prepare(run_id=run_request(sections=[ReportSection.MEASURES]).pk)
    paper = tasks.render_report_part.apply(args=[run.pk, run.attempts, "paper"]).get()
    generation.run_part_failed(run_id=run.pk, attempt=run.attempts, exc=RuntimeError("Anlage kaputt"))

    assert tasks.issue_report.apply(args=[[paper, None], run.pk, run.attempts]).get() is None

    run.refresh_from_db()
    assert run.status == ReportStatus.FAILED and not Report.objects.exists()
    assert leftovers(media) == []
