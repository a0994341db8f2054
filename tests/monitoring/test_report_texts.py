"""The administration's own words in a report (introduction, assessments per chapter, conclusion), the review by a
second person before a report is issued, and who signs it (issue 18, items 1 and 2)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Site

from lip.roles import Role
from monitoring.models import ReportRun, ReportSection, ReportSettings, ReportStatus, SignatureFormula
from monitoring.reports import generation, pdf, review, services
from tests import factories
from tests.helpers import assert_constant_queries

from . import pdfs
from .conftest import BODIES, Q1

INTRODUCTION = (
    "Die Beteiligung am Lokalen Integrationsplan ist im ersten Quartal deutlich gewachsen.\n\nZweiter Absatz."
)
ASSESSMENT = "Die Maßnahmen kommen voran; beim Sprachkursangebot hakt es noch."
CONCLUSION = "Die Verwaltung empfiehlt, das Monitoring fortzuführen."


def flat(text: str) -> str:
    """PDF text with its line breaks (and the hyphenation at them) undone, for comparing sentences."""
    return re.sub(r"\s+", " ", text.replace("-\n", ""))


@pytest.fixture
def draft(request_draft):
    """A draft report on Q1 2026 for the council bodies (two chapters: quick to render)."""
    return request_draft(sections=[ReportSection.MEASURES, ReportSection.IDEAS])


@pytest.fixture
def signer_settings(home_page):
    site = Site.objects.get(is_default_site=True)
    return ReportSettings.objects.update_or_create(
        site=site,
        defaults={
            "department": "Dezernat III – Soziales und Integration",
            "office": "50.6 Sachgebiet Integration",
            "place": "Hannover",
            "signer_formula": SignatureFormula.IN_VERTRETUNG,
            "signer_name": "Erika Beispiel",
            "signer_function": "Stadträtin",
        },
    )[0]


def write_texts(run, user):
    return review.run_texts_save(
        run=run,
        user=user,
        introduction=INTRODUCTION,
        assessments={ReportSection.MEASURES: ASSESSMENT, ReportSection.ANNEX: "nicht in diesem Bericht"},
        conclusion=CONCLUSION,
    )


def issue_reviewed(run, *, staff, reviewer, capture):
    review.run_submit(run=run, user=staff)
    with capture(execute=True):
        review.run_approve(run=run, user=reviewer)
    run.refresh_from_db()
    return run


def test_the_texts_and_the_signer_are_in_the_issued_pdf(
    home_page, clock, staff, reviewer, draft, signer_settings, django_capture_on_commit_callbacks
):
    write_texts(draft, staff)

    run = issue_reviewed(draft, staff=staff, reviewer=reviewer, capture=django_capture_on_commit_callbacks)

    assert run.status == ReportStatus.DONE, run.error
    text = flat(pdfs.text(pdfs.read(run.report)))
    assert "Einleitung" in text and flat(INTRODUCTION) in text
    assert "Bewertung der Verwaltung" in text and ASSESSMENT in text
    assert "Fazit" in text and CONCLUSION in text
    assert "In Vertretung Erika Beispiel Stadträtin Dezernat III – Soziales und Integration" in text
    assert text.count("Dezernat III – Soziales und Integration") >= 2  # the cover names the department too
    assert "Dez. III" not in text
    texts = run.report.snapshot["texts"]
    assert texts["assessments"] == {ReportSection.MEASURES: ASSESSMENT}  # only chapters the report has
    assert run.report.snapshot["signature"]["name"] == "Erika Beispiel"


def test_without_settings_the_department_is_the_default_and_nothing_else_is_signed(
    home_page, clock, staff, reviewer, draft, django_capture_on_commit_callbacks
):
    run = issue_reviewed(draft, staff=staff, reviewer=reviewer, capture=django_capture_on_commit_callbacks)

    text = flat(pdfs.text(pdfs.read(run.report)))
    assert "Dezernat III – Sachgebiet Integration" in text
    assert "Im Auftrag" in text
    assert "Einleitung" not in text and "Fazit" not in text  # no empty headings


def test_the_texts_are_frozen_once_the_report_is_issued(
    home_page, clock, staff, reviewer, draft, signer_settings, django_capture_on_commit_callbacks
):
    write_texts(draft, staff)
    run = issue_reviewed(draft, staff=staff, reviewer=reviewer, capture=django_capture_on_commit_callbacks)
    report = run.report
    issued_pdf = pdfs.read(report)

    with pytest.raises(PermissionDenied):
        review.run_texts_save(run=run, user=staff, introduction="Nachträglich geändert.")
    # Even behind the services' back, the run's texts and the setting are not the report's.
    ReportRun.objects.filter(pk=run.pk).update(introduction="Nachträglich geändert.", conclusion="Anderes Fazit.")
    ReportSettings.objects.filter(pk=signer_settings.pk).update(signer_name="Jemand Anderes")
    with django_capture_on_commit_callbacks(execute=True):
        generation.run_execute(run_id=run.pk)

    report.refresh_from_db()
    assert pdfs.read(report) == issued_pdf
    assert report.snapshot["texts"]["introduction"] == INTRODUCTION
    html = pdf.render_report_html(report.snapshot)
    assert "Nachträglich" not in html and "Jemand Anderes" not in html and "Erika Beispiel" in html


def test_a_run_in_review_cannot_be_edited(staff, draft):
    review.run_submit(run=draft, user=staff)

    with pytest.raises(PermissionDenied):
        write_texts(draft, staff)
    with pytest.raises(PermissionDenied):
        review.run_submit(run=draft, user=staff)


def test_the_submitter_cannot_approve_their_own_draft(staff, reviewer, draft, django_capture_on_commit_callbacks):
    review.run_submit(run=draft, user=staff)

    with pytest.raises(PermissionDenied, match="zweite Person"):
        review.run_approve(run=draft, user=staff)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.IN_REVIEW and draft.approved_by is None

    with django_capture_on_commit_callbacks(execute=False):
        review.run_approve(run=draft, user=reviewer)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.QUEUED and draft.approved_by == reviewer and draft.submitted_by == staff


def test_a_draft_is_not_generated_before_approval(home_page, clock, draft):
    assert generation.run_execute(run_id=draft.pk) is None

    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and draft.number == "" and draft.snapshot is None


def test_returned_to_draft_the_texts_can_be_changed_and_submitted_again(staff, reviewer, draft):
    review.run_submit(run=draft, user=staff)
    review.run_return(run=draft, user=reviewer)

    write_texts(draft, staff)
    review.run_submit(run=draft, user=reviewer)  # now the colleague submits: the first person may approve

    draft.refresh_from_db()
    assert draft.status == ReportStatus.IN_REVIEW and draft.submitted_by == reviewer
    assert review.run_approve(run=draft, user=staff).status == ReportStatus.QUEUED


# --- In the admin ----------------------------------------------------------------------------------------------------


def test_the_admin_flow_draft_texts_review_issue(
    client, home_page, clock, staff, reviewer, draft, signer_settings, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    texts_url = reverse("monitoring-runs:texts", args=[draft.pk])

    page = client.get(texts_url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Bewertung: Maßnahmen und ihr Fortschritt" in content and "Bewertung: Anlage" not in content
    response = client.post(
        texts_url,
        {
            "introduction": INTRODUCTION,
            "assessment_measures": ASSESSMENT,
            "conclusion": CONCLUSION,
            "signer_formula": "",
            "signer_name": "",
            "signer_function": "",
            "submit": "1",
        },
    )
    assert response.status_code == 302 and response.url == reverse("monitoring-runs:submit", args=[draft.pk])
    client.post(reverse("monitoring-runs:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.IN_REVIEW and draft.conclusion == CONCLUSION

    # the submitter is refused, with the reason, and nothing changes
    approve_url = reverse("monitoring-runs:approve", args=[draft.pk])
    assert "zweite Person" in client.get(approve_url).content.decode()
    refused = client.post(approve_url)
    assert refused.status_code == 302
    assert any("zweite Person" in str(m) for m in get_messages(refused.wsgi_request))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.IN_REVIEW

    client.force_login(reviewer)
    listing = client.get(reverse("monitoring-runs:index")).content.decode()
    assert "Prüfen und freigeben" in listing and "in Prüfung" in listing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve_url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DONE and draft.approved_by == reviewer
    assert CONCLUSION in flat(pdfs.text(pdfs.read(draft.report)))


@pytest.mark.parametrize("step", ["texts", "submit", "approve", "return", "preview"])
def test_people_who_are_not_staff_are_refused(client, council_reader, admin_without_rights, staff, draft, step):
    review.run_submit(run=draft, user=staff) if step in ("approve", "return") else None
    url = reverse(f"monitoring-runs:{step}", args=[draft.pk])
    before = ReportRun.objects.values().get(pk=draft.pk)

    for person in (admin_without_rights, council_reader):
        # Wagtail's admin answers a refusal with a redirect (to its dashboard, or to the login), never the page.
        client.force_login(person)
        for response in (client.get(url), client.post(url, {"introduction": "x"})):
            assert response.status_code in (302, 403)
            assert response.status_code == 403 or not response["Location"].startswith(url)

    assert ReportRun.objects.values().get(pk=draft.pk) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"signer_formula": "xx"},
        {"introduction": "a" * 20001},
        {"introduction": "Null\x00Byte"},
        {"assessment_measures": ["eins", "zwei"]},
    ],
)
def test_bad_input_on_the_texts_page_is_a_form_error(client, staff, draft, fields):
    client.force_login(staff)

    response = client.post(reverse("monitoring-runs:texts", args=[draft.pk]), {"conclusion": "gut", **fields})

    assert response.status_code in (302, 400)
    draft.refresh_from_db()
    if response.status_code == 400:
        assert draft.conclusion == ""


def test_the_texts_page_of_a_run_in_review_saves_nothing(client, staff, draft):
    review.run_submit(run=draft, user=staff)
    client.force_login(staff)

    response = client.post(reverse("monitoring-runs:texts", args=[draft.pk]), {"introduction": "neu"})

    assert response.status_code == 400 and "Nur Entwürfe" in response.content.decode()
    draft.refresh_from_db()
    assert draft.introduction == ""


def test_unknown_runs_are_404(client, staff):
    client.force_login(staff)

    for step in ("texts", "submit", "approve", "return", "preview"):
        assert client.get(reverse(f"monitoring-runs:{step}", args=[999999])).status_code == 404


def test_the_preview_is_a_pdf_marked_entwurf(client, home_page, clock, staff, draft):
    write_texts(draft, staff)
    client.force_login(staff)

    response = client.get(reverse("monitoring-runs:preview", args=[draft.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(pdfs.text(response.content))
    assert "ENTWURF" in text and ASSESSMENT in text
    draft.refresh_from_db()
    assert draft.number == "" and draft.snapshot is None and draft.status == ReportStatus.DRAFT


def test_a_schedule_may_name_another_signer(
    home_page, clock, staff, signer_settings, django_capture_on_commit_callbacks
):
    from monitoring.models import ReportPeriod, ReportSchedule

    schedule = services.schedule_save(
        schedule=ReportSchedule(
            title="Quartalsbericht",
            audiences=BODIES,
            period=ReportPeriod.QUARTERLY,
            sections=[ReportSection.MEASURES],
            signer_name="Max Muster",
            signer_function="Leitung Sachgebiet Integration",
            signer_formula=SignatureFormula.IM_AUFTRAG,
        ),
        user=staff,
    )
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = services.run_for_schedule(schedule=schedule)

    from monitoring.reports.texts import signature_snapshot

    signature = signature_snapshot(run)
    assert (signature["formula"], signature["name"], signature["function"]) == (
        "Im Auftrag",
        "Max Muster",
        "Leitung Sachgebiet Integration",
    )
    assert signature["department"] == "Dezernat III – Soziales und Integration"


def test_the_run_listing_costs_the_same_queries_for_few_and_many_drafts(client, staff, reviewer):
    client.force_login(reviewer)

    def build(n):
        while ReportRun.objects.count() < n:
            run = services.run_request(
                user=staff,
                title=f"Bericht {ReportRun.objects.count()}",
                audiences=BODIES,
                sections=[ReportSection.MEASURES],
                period_start=Q1[0],
                period_end=Q1[1],
            )
            if ReportRun.objects.count() % 2:
                review.run_submit(run=run, user=staff)

    url = reverse("monitoring-runs:index")
    client.get(url)
    assert_constant_queries(build, lambda: client.get(url), sizes=(3, 9))


def test_administration_edits_who_signs_in_the_site_settings(client, home_page, db):
    admin = factories.UserFactory(roles=[Role.ADMINISTRATOR])
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["monitoring", "reportsettings", site.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "department": "Dezernat III – Soziales und Integration",
            "office": "",
            "place": "Hannover",
            "signer_formula": SignatureFormula.IM_AUFTRAG,
            "signer_name": "Max Muster",
            "signer_function": "Sachgebietsleitung",
        },
    )

    assert page.status_code == 200 and "Dezernat III – Sachgebiet Integration" in page.content.decode()
    assert response.status_code == 302
    assert ReportSettings.for_site(site).signer_name == "Max Muster"
