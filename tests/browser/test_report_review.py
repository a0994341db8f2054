"""Issue 18 in the browser: a report is drafted with the administration's texts, submitted, approved by a second
person and issued, as staff click through it in the admin; the pages of that flow are axe-clean in their main area.
"""

import io
import re

import pypdf
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import AXE_SCRIPT, WCAG_A_AA, describe_violations

INTRODUCTION = "Dieser Bericht zeigt, wie die Beteiligung am LIP 4.0 im ersten Halbjahr verlaufen ist."
CONCLUSION = "Die Verwaltung empfiehlt, die Sprachcafés in weiteren Stadtbezirken anzubieten."


def _main_violations(page) -> list[str]:
    """axe's WCAG A/AA findings in the admin's main area: the page this project builds, not Wagtail's frame."""
    # Wagtail's messages fade in: measure their contrast once they have.
    page.wait_for_timeout(1000)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(
        "options => axe.run({include: [['main']]}, options)",
        {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]},
    )
    return describe_violations(page.url, result["violations"])


def _assert_axe_clean(page) -> None:
    found = _main_violations(page)
    assert not found, "\n".join(found)


def _pdf_text(page, url: str) -> str:
    response = page.request.get(url)
    assert response.status == 200, url
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.body())).pages)


def test_a_report_is_drafted_reviewed_by_a_second_person_and_issued(open_page, server):
    title = "Halbjahresbericht Beteiligung (Browser-Test)"
    editor = open_page("/admin/monitoring-runs/new/", user=demo.ADMIN)
    editor.get_by_label("Betreff").fill(title)
    editor.get_by_label(re.compile("Internationaler Ausschuss")).check()
    for section in editor.locator("input[name=sections]").all():
        section.check()
    editor.get_by_label("Zeitraum von").fill("2026-01-01")
    editor.get_by_label("Zeitraum bis").fill("2026-06-30")
    editor.get_by_label("Betreff").click()  # away from the date field: its picker closes
    expect(editor.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    editor.get_by_role("button", name=re.compile("Entwurf anlegen|Erstellen|Speichern")).first.click()

    expect(editor.get_by_role("heading", name="Texte des Berichts")).to_be_visible()
    _assert_axe_clean(editor)
    run_id = int(re.search(r"/monitoring-runs/(\d+)/texte/", editor.url)[1])
    editor.get_by_label("Einleitung").fill(INTRODUCTION)
    editor.get_by_label("Fazit").fill(CONCLUSION)
    editor.get_by_role("button", name="Speichern und zur Prüfung vorlegen").click()
    expect(editor.get_by_role("heading", name="Zur Prüfung vorlegen")).to_be_visible()
    _assert_axe_clean(editor)
    expect(editor.get_by_text(INTRODUCTION)).to_be_visible()
    editor.get_by_role("button", name="Zur Prüfung vorlegen").click()
    expect(editor.get_by_text("Eine zweite Person muss ihn freigeben")).to_be_visible()

    # The one who submitted it may not approve it.
    editor.goto(server.url + f"/admin/monitoring-runs/{run_id}/freigeben/")
    expect(editor.get_by_role("button", name="Freigeben und Bericht erstellen")).to_have_count(0)

    reviewer = open_page(f"/admin/monitoring-runs/{run_id}/freigeben/", user=demo.MODERATOR)
    expect(reviewer.get_by_text(INTRODUCTION)).to_be_visible()
    _assert_axe_clean(reviewer)
    # Celery runs eagerly on this server: the click returns once the report is rendered (slow on a busy machine).
    reviewer.get_by_role("button", name="Freigeben und Bericht erstellen").click(timeout=180_000)
    expect(reviewer.get_by_text("Der Bericht ist freigegeben")).to_be_visible()

    # The report is issued by now, with the texts frozen in its PDF.
    output = server.manage(
        "shell",
        "--no-imports",
        "-c",
        f"from monitoring.models import ReportRun; r = ReportRun.objects.get(pk={run_id}); "
        "print(r.status, r.report.pk)",
    )
    status, report_id = output.strip().splitlines()[-1].split()
    assert status == "done"
    text = _pdf_text(reviewer, f"/monitoring/berichte/{report_id}/pdf/")
    flat = " ".join(text.split())
    assert INTRODUCTION in flat and CONCLUSION in flat
