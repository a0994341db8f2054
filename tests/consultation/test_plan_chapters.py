"""District integration councils' statements on a whole chapter of the plan draft (issue 19): the chapter's rows kept
up to date by publication, its page and statement form (role × phase), counters, moderation, edit/delete/report,
the Abwägung, the Abwägungstabelle (rows, PDF, XLSX), the statistics, the privacy export and the page's query budget.
"""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from consultation import counters, privacy
from consultation import services as consultation_services
from consultation.models import (
    AnswerOutcome,
    Comment,
    CommentAnswer,
    CommentState,
    PhaseType,
    PlanChapter,
    PlanParagraph,
)
from consultation.moderation import queue
from consultation.moderation import services as moderation
from consultation.plan import answers, services
from consultation.plan.table import consideration_rows
from lip.roles import Role
from monitoring.consideration import services as consideration
from monitoring.statistics.figures import participation_statistics
from tests import factories
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters, text_review_schedule
from tests.helpers import matrix
from tests.monitoring import pdfs

from .factories import ConsultationPageFactory
from .moderation_support import mails_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counters_agree")]


def chapters(page) -> list[PlanChapter]:
    return list(PlanChapter.objects.filter(page=page).order_by("number"))


def url_of(chapter: PlanChapter, action: str = "") -> str:
    return chapter.get_absolute_url() + (f"{action}/" if action else "")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def chapter_statement(chapter, author, text="Der Beirat nimmt zum Kapitel Stellung.", **fields) -> Comment:
    """A published statement on `chapter`, stored directly with its counter moved (as `paragraph_comment`)."""
    comment = Comment.objects.create(
        chapter=chapter, author=author, text=text, statement_district=author.council_district, **fields
    )
    if comment.state == CommentState.PUBLISHED and not comment.deleted_at:
        counters.move_comment_counters(comment, +1)
    return comment


def statement_count(chapter) -> int:
    chapter.refresh_from_db()
    return chapter.statement_count


# --- The chapters' rows ------------------------------------------------------------------------------------------


def test_publication_keeps_chapters_by_block_id_renames_and_removes_them(plan):
    language, work = chapters(plan)
    assert [(c.number, c.title) for c in (language, work)] == [(1, "Sprachförderung"), (2, "Arbeitsmarktintegration")]
    first = PlanParagraph.objects.filter(page=plan).order_by("position").first()
    publish_chapters(plan, [((str(work.key), "Arbeit und Ausbildung"), [(str(first.key), first.text)])])
    language.refresh_from_db()
    work.refresh_from_db()
    assert (work.number, work.title, work.removed_in) == (1, "Arbeit und Ausbildung", None)
    assert language.removed_in.number == 2
    assert PlanChapter.objects.filter(page=plan).count() == 2  # no new row for the kept chapter


def test_the_migration_gives_drafts_published_before_it_their_chapters(plan):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("consultation.migrations.0009_plan_chapter_statements")
    expected = [(str(c.key), c.number, c.title, c.first_version_id) for c in chapters(plan)]
    PlanChapter.objects.all().delete()
    migration.chapters_of_published_drafts(apps, None)
    assert [(str(c.key), c.number, c.title, c.first_version_id) for c in chapters(plan)] == expected


# --- The chapter's page and its statement form, role × phase -------------------------------------------------------

ROLES = ["anonymous", "participant", "council", "moderator"]
PHASES = [PhaseType.INFORMATION, PhaseType.TEXT_REVIEW, PhaseType.EVALUATION]


def person(role: str, district):
    if role == "anonymous":
        return None
    if role == "council":
        return factories.UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district)
    if role == "moderator":
        return factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)
    return factories.UserFactory()


@matrix(ROLES, PHASES)
def test_chapter_statement_form_and_post_follow_role_and_phase(case, consultation_index, client_for, district):
    role, phase = case
    page = make_plan(phase=phase)
    chapter = chapters(page)[0]
    client = client_for(person(role, district))
    allowed = role == "council" and phase == PhaseType.TEXT_REVIEW

    html = text_of(client.get(url_of(chapter)))
    assert ('name="stellungnahme-text"' in html) is allowed
    assert ("Stellungnahme des Integrationsbeirats Linden-Limmer" in html) is (role == "council")
    response = client.post(url_of(chapter, "stellungnahme"), {"stellungnahme-text": "Der Beirat empfiehlt das."})

    if allowed:
        assert response.status_code == 302
        statement = Comment.objects.get(chapter=chapter)
        assert statement.statement_district == district and statement.paragraph_id is None
        assert response["Location"].endswith(f"#kommentar-{statement.pk}")
        assert statement_count(chapter) == 1
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not Comment.objects.exists()


def test_chapter_page_shows_paragraphs_with_counts_and_statements_with_answers(client, plan, council_member):
    chapter = chapters(plan)[0]
    first = PlanParagraph.objects.filter(page=plan).order_by("position").first()
    paragraph_comment(first, factories.UserFactory())
    statement = chapter_statement(chapter, council_member)
    CommentAnswer.objects.create(comment=statement, outcome=AnswerOutcome.NOTED, reasoning="Wird geprüft.")
    html = text_of(client.get(url_of(chapter)))
    assert "<h1" in html and "Sprachförderung" in html
    assert first.get_absolute_url() in html and "Absatz 1.1" in html and "1 Kommentar" in html
    assert "Arbeitsmarktintegration" not in html  # another chapter's paragraphs
    assert "Der Beirat nimmt zum Kapitel Stellung." in html
    assert f'href="#kommentar-{statement.pk}"' in html  # the statements' links at the top
    assert "Antwort der Verwaltung" in html and "Wird geprüft." in html
    assert 'name="stellungnahme-text"' not in html


def test_overview_links_each_chapter_with_its_statements(client, plan, council_member):
    language, work = chapters(plan)
    statement = chapter_statement(work, council_member)
    html = text_of(client.get(plan.url))
    assert "Stellungnahmen zum Kapitel 1 (0)" in html and "Stellungnahmen zum Kapitel 2 (1)" in html
    assert url_of(language) in html
    assert f"{url_of(work)}#kommentar-{statement.pk}" in html


def test_chapter_statement_carries_no_rewording_and_empty_text_is_refused(client_for, plan, council_member):
    chapter = chapters(plan)[0]
    client = client_for(council_member)
    response = client.post(url_of(chapter, "stellungnahme"), {"stellungnahme-text": "  "})
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine Stellungnahme." in response.content.decode()
    assert 'name="stellungnahme-proposed_text"' not in response.content.decode()
    client.post(url_of(chapter, "stellungnahme"), {"stellungnahme-text": "Ja.", "stellungnahme-proposed_text": "X"})
    assert Comment.objects.get(chapter=chapter).proposed_text == ""


def test_unknown_malformed_and_foreign_chapter_keys_are_404_and_get_on_the_post_is_405(client, plan):
    other = make_plan(title="Anderer Entwurf")
    chapter = chapters(plan)[0]
    base = plan.url
    assert client.get(f"{base}kapitel/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(f"{base}kapitel/nicht-da/").status_code == 404
    assert client.get(f"{base}kapitel/{chapters(other)[0].key}/").status_code == 404
    assert client.get(url_of(chapter, "stellungnahme")).status_code == 405


def test_removed_chapter_stays_readable_but_closed(client_for, plan, council_member):
    language, work = chapters(plan)
    statement = chapter_statement(work, council_member)
    first = PlanParagraph.objects.filter(page=plan).order_by("position").first()
    publish_chapters(plan, [((str(language.key), language.title), [(str(first.key), first.text)])])
    client = client_for(council_member)
    html = text_of(client.get(url_of(work)))
    assert "nicht mehr im Entwurf enthalten" in html and statement.text in html
    assert 'name="stellungnahme-text"' not in html
    assert client.post(url_of(work, "stellungnahme"), {"stellungnahme-text": "Noch."}).status_code == 403


def test_the_service_checks_the_permission_again(plan, user):
    with pytest.raises(PermissionDenied):
        services.chapter_statement_create(chapter=chapters(plan)[0], author=user, text="Ich bin kein Beirat.")


def test_a_chapter_takes_only_statements(plan, user):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(chapter=chapters(plan)[0], author=user, text="Ein Kommentar.")


# --- Counters, edit, delete, report, moderation ------------------------------------------------------------------


def test_counters_equal_rows_after_create_hide_restore_and_delete(
    client_for, plan, council_member, moderator, django_capture_on_commit_callbacks
):
    chapter = chapters(plan)[0]
    statement = services.chapter_statement_create(chapter=chapter, author=council_member, text="Stellungnahme.")
    assert statement_count(chapter) == 1 and counters.mismatches() == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=statement, moderator=moderator, reason="Beleidigend.")
    assert statement_count(chapter) == 0 and counters.mismatches() == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_restore(item=statement, moderator=moderator)
    assert statement_count(chapter) == 1 and counters.mismatches() == []
    statement.refresh_from_db()
    consultation_services.comment_delete(comment=statement, user=council_member)
    assert statement_count(chapter) == 0 and counters.mismatches() == []


def test_a_stored_counter_that_differs_from_its_rows_is_reported(plan, council_member):
    chapter = chapters(plan)[0]
    chapter_statement(chapter, council_member)
    PlanChapter.objects.filter(pk=chapter.pk).update(statement_count=5)
    assert counters.mismatches() == [f"PlanChapter {chapter.pk} (1): statement_count = 5, rows = 1"]
    PlanChapter.objects.filter(pk=chapter.pk).update(statement_count=1)


def test_author_edits_deletes_and_others_report_a_chapter_statement(client_for, plan, council_member, user):
    chapter = chapters(plan)[0]
    statement = chapter_statement(chapter, council_member)
    action = f"{plan.url}kommentare/{statement.pk}/"
    author = client_for(council_member)
    assert "Ihre Stellungnahme zu Kapitel 1" in text_of(author.get(action + "bearbeiten/"))
    response = author.post(action + "bearbeiten/", {"text": "Geändert."})
    assert response.status_code == 302 and response["Location"].startswith(url_of(chapter))
    statement.refresh_from_db()
    assert statement.text == "Geändert."

    reporter = client_for(user)
    assert "Sie melden die Stellungnahme von" in text_of(reporter.get(action + "melden/"))
    assert reporter.post(action + "melden/", {"reason": "offensive", "text": ""}).status_code == 302
    assert statement.reports.count() == 1

    author = client_for(council_member)
    assert "Nein, zurück zum Kapitel" in text_of(author.get(action + "loeschen/"))
    assert author.post(action + "loeschen/").status_code == 302
    assert statement_count(chapter) == 0


def test_moderation_shows_links_and_mails_the_chapter(
    plan, council_member, moderator, client_for, django_capture_on_commit_callbacks
):
    council_member.email = "beirat@example.org"
    council_member.save()
    chapter = chapters(plan)[1]
    statement = chapter_statement(chapter, council_member)
    item = queue.comment_queue().get(pk=statement.pk)
    assert queue.target_label(item) == "Kapitel 2 · Entwurf LIP 4.0"
    assert queue.public_path(item) == chapter.get_absolute_url() + f"#kommentar-{statement.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=statement, moderator=moderator, reason="Werbung.")
    notice = mails_to("beirat@example.org")[-1]
    assert "Kapitel 2 · Entwurf LIP 4.0" in notice.subject
    assert chapter.get_absolute_url() + f"#kommentar-{statement.pk}" in notice.body

    admin = client_for(moderator)
    detail = text_of(admin.get(reverse("moderation-comments:inspect", args=[statement.pk])))
    assert "zu Kapitel 2 · Entwurf LIP 4.0" in detail and "Arbeitsmarktintegration" in detail
    consultation = plan.get_parent()
    listing = admin.get(reverse("moderation-comments:index"), {"consultation": consultation.pk})
    assert listing.status_code == 200 and statement.text[:30] in text_of(listing)


# --- The Abwägung, the table, the statistics, the privacy export ---------------------------------------------------


@pytest.fixture
def weighed(home_page, council_member, moderator):
    """A draft with a comment on paragraph 2.1 and a statement on chapter 2, answered before version 2."""
    consultation = ConsultationPageFactory(parent=home_page, phases=text_review_schedule())
    page = make_plan(consultation)
    language, work = chapters(page)
    third = PlanParagraph.objects.get(page=page, label="2.1")
    paragraph_comment(third, factories.UserFactory(), "Ein Kommentar zu 2.1.")
    statement = chapter_statement(work, council_member, "Das Kapitel braucht mehr Frauenförderung.")
    answers.answer_comment(
        comment=statement, user=moderator, outcome=AnswerOutcome.PARTLY, reasoning="Ein Absatz kommt dazu."
    )
    paragraphs = PlanParagraph.objects.filter(page=page).order_by("position")
    publish_chapters(
        page,
        [
            ((str(language.key), language.title), [(str(p.key), p.text) for p in paragraphs if p.chapter_number == 1]),
            ((str(work.key), work.title), [(str(third.key), third.text), "Frauen werden besonders gefördert."]),
        ],
    )
    return page


def test_the_answer_to_a_chapter_statement_leads_to_the_next_version(weighed):
    answer = CommentAnswer.objects.get(comment__chapter__isnull=False)
    assert answer.resulting_version.number == 2
    assert answers.unanswered_counts([weighed]) == {weighed.pk: 1}
    rows = list(answers.draft_contributions(weighed))
    assert [r.target_label for r in rows] == ["Kapitel 2", "Absatz 2.1"]


def test_the_abwaegung_list_shows_the_chapter_statement(weighed, client_for, moderator):
    html = text_of(client_for(moderator).get(reverse("plan-answers:list", args=[weighed.pk])))
    assert "Kapitel 2 (insgesamt)" in html and "Integrationsbeirat Linden-Limmer" in html


def test_table_rows_list_a_chapters_statements_before_its_paragraphs(weighed):
    rows = consideration_rows(weighed)["rows"]
    assert [r["paragraph"]["label"] for r in rows] == ["Kapitel 2 (insgesamt)", "2.1"]
    statement = rows[0]
    assert statement["paragraph"]["whole_chapter"] is True
    assert statement["paragraph"]["chapter_title"] == "Arbeitsmarktintegration"
    assert statement["kind"] == "statement" and statement["who"] == "Integrationsbeirat Linden-Limmer"
    assert statement["answer"]["outcome_label"] == "teilweise übernommen"
    assert (statement["resulting_version"], statement["resulting_text"]) == (2, "")


def test_the_table_pdf_and_xlsx_hold_the_chapter_statement(
    weighed, moderator, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        table = consideration.table_issue(page=weighed, user=moderator)
    table.refresh_from_db()
    with table.pdf.open("rb") as handle:
        text = " ".join(pdfs.text(handle.read()).split())
    assert "Kapitel 2 (insgesamt)" in text
    assert "Das Kapitel braucht mehr Frauenförderung." in text and "Ein Absatz kommt dazu." in text
    assert "Stellungnahme zum ganzen Kapitel" in text
    assert text.index("Kapitel 2 (insgesamt)") < text.index("Ein Kommentar zu 2.1.")

    response = client_for(moderator).get(reverse("monitoring:consideration_xlsx", args=[table.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:4] == (
        "2 Arbeitsmarktintegration",
        "Kapitel 2 (insgesamt)",
        "Stellungnahme des Integrationsbeirats Linden-Limmer",
    )
    assert rows[2][2] == "2.1"


def test_statistics_and_privacy_export_count_the_chapter_statement(weighed, council_member, district):
    total = participation_statistics().total
    assert (total.draft_comments_online, total.draft_comments_analog) == (2, 0)
    linden = participation_statistics(district=district).total
    assert linden.draft_comments_online == 1
    exported = privacy.export(council_member).tables["stellungnahmen"]
    assert [(row["kapitel"], row["absatz"], row["planentwurf"]) for row in exported] == [
        ("2 Arbeitsmarktintegration", None, "Entwurf LIP 4.0")
    ]
    assert exported[0]["abwaegung"].startswith("teilweise übernommen")


# --- Query budget ------------------------------------------------------------------------------------------------


def test_chapter_page_queries_do_not_grow_with_paragraphs_and_statements(
    consultation_index, client_for, user, district, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def build(paragraph_count: int):
        page = make_plan(chapters=[("Kapitel A", [f"Absatz {n}." for n in range(paragraph_count)])])
        chapter = chapters(page)[0]
        council = [factories.UserFactory(roles=[Role.COUNCIL], council_district=district) for _ in range(3)]
        statements = Comment.objects.bulk_create(
            [
                Comment(chapter=chapter, author=council[n % 3], text=f"Stellungnahme {n}", statement_district=district)
                for n in range(paragraph_count)
            ]
        )
        CommentAnswer.objects.bulk_create(
            [CommentAnswer(comment=c, outcome=AnswerOutcome.NOTED, reasoning="Ja.") for c in statements[::2]]
        )
        PlanChapter.objects.filter(pk=chapter.pk).update(statement_count=paragraph_count)
        return url_of(chapter)

    small, large = build(20), build(200)
    client = client_for(user)
    client.get(small)  # warm up the session and site caches

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    assert queries(small) == queries(large)
    with django_assert_max_num_queries(15):
        html = client.get(large).content.decode()
    assert "Stellungnahme 199" in html and "Absatz 1.200" in html
