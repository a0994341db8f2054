"""The Abwägungstabelle of a plan draft (issue 19): rows, issuing (snapshot, Celery, PDF), XLSX, immutability,
downloads and the query budget of the rows selector."""

import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from consultation.models import AnswerOutcome, Channel, CommentAnswer, CommentState, PlanParagraph
from consultation.plan.table import consideration_rows
from lip.roles import Role
from monitoring.consideration import services
from monitoring.models import ConsiderationTable, TableState
from monitoring.models.consideration import TableImmutableError
from tests import factories
from tests.consultation.factories import ConsultationPageFactory, EventFactory
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters, text_review_schedule
from tests.monitoring import pdfs

pytestmark = pytest.mark.django_db

PRIVATE_NAME = "Hans Privatmann"


@pytest.fixture
def draft(home_page, district, organisation):
    """A draft with a comment (answered, adopted, led to version 2), an amendment of an organisation (answered
    partly), a statement of the Integrationsbeirat Linden-Limmer (not answered), an analog comment from a workshop
    (name of a private person given), and what the table must leave out: a hidden, a deleted and a pending comment
    and a reply."""
    consultation = ConsultationPageFactory(parent=home_page, phases=text_review_schedule())
    page = make_plan(consultation)
    first, second, third = PlanParagraph.objects.filter(page=page).order_by("position")
    person = factories.UserFactory(display_name="Maria Musterfrau")
    comment = paragraph_comment(first, person, "Auch Eltern sollten Kurse bekommen.")
    CommentAnswer.objects.create(comment=comment, outcome=AnswerOutcome.ADOPTED, reasoning="Wird ergänzt.")
    amendment = paragraph_comment(
        first, person, "Bitte klarer.", organisation=organisation, proposed_text="Alle Kinder und Eltern …"
    )
    CommentAnswer.objects.create(comment=amendment, outcome=AnswerOutcome.PARTLY, reasoning="Zum Teil übernommen.")
    page = publish_chapters(
        page,
        [
            (
                "Sprachförderung",
                [(str(first.key), "Kinder und ihre Eltern erhalten Sprachförderung."), (str(second.key), second.text)],
            ),
            ("Arbeitsmarktintegration", [(str(third.key), third.text)]),
        ],
    )
    paragraph_comment(third, person, "Der Beirat begrüßt das Ziel.", statement_district=district)
    event = EventFactory(consultation=consultation, title="Workshop Sprache")
    paragraph_comment(
        second,
        None,
        "Mehr Abendkurse.",
        channel=Channel.EVENT,
        event=event,
        author_name=PRIVATE_NAME,
        recorded_by=person,
    )
    paragraph_comment(second, person, "Ausgeblendet.", state=CommentState.HIDDEN)
    paragraph_comment(second, person, "Wartet.", state=CommentState.PENDING)
    from django.utils import timezone

    paragraph_comment(second, person, "Gelöscht.", deleted_at=timezone.now())
    paragraph_comment(first, person, "Eine Antwort.", parent=comment)
    return page


@pytest.fixture
def staff(db):
    return factories.UserFactory(roles=[Role.MODERATOR])


@pytest.fixture
def issued(draft, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        table = services.table_issue(page=draft, user=staff)
    table.refresh_from_db()
    return table


def _pdf_text(table) -> str:
    with table.pdf.open("rb") as handle:
        return " ".join(pdfs.text(handle.read()).split()).replace("- ", "-")  # words broken at a hyphen


def test_rows_list_published_contributions_by_paragraph_with_who_outcome_and_resulting_text(draft):
    table = consideration_rows(draft)
    assert table["version"] == 2
    rows = table["rows"]
    assert [(r["paragraph"]["label"], r["kind"]) for r in rows] == [
        ("1.1", "comment"),
        ("1.1", "amendment"),
        ("1.2", "comment"),
        ("2.1", "statement"),
    ]
    comment, amendment, analog, statement = rows
    assert comment["who"] == "Einzelperson" and comment["channel"] == "online"
    assert comment["answer"]["outcome_label"] == "übernommen" and comment["answer"]["reasoning"] == "Wird ergänzt."
    assert comment["resulting_version"] == 2
    assert comment["resulting_text"] == "Kinder und ihre Eltern erhalten Sprachförderung."
    assert amendment["who"] != "Einzelperson" and amendment["proposed_text"] == "Alle Kinder und Eltern …"
    assert analog["who"] == "Einzelperson" and analog["analog"] and "Workshop Sprache" in analog["event"]
    assert analog["answer"] is None and analog["resulting_text"] == "Kurse für Erwachsene."
    assert statement["kind_label"] == "Stellungnahme des Integrationsbeirats Linden-Limmer"
    assert statement["who"] == "Integrationsbeirat Linden-Limmer"
    assert PRIVATE_NAME not in str(rows) and "Maria" not in str(rows)


def test_issuing_freezes_the_rows_and_renders_a_pdf_with_rows_outcome_reasoning_and_resulting_text(issued, draft):
    assert issued.state == TableState.READY and issued.page_count >= 1
    assert issued.version.number == 2 and issued.row_count == 4
    text = _pdf_text(issued)
    for expected in (
        "Abwägungstabelle zum Entwurf LIP 4.0",
        "Landeshauptstadt Hannover",
        "4 Beiträge: 2 Kommentare, 1 Änderungsvorschlag und 1 Stellungnahme",
        "Stellungnahme des Integrationsbeirats Linden-Limmer",
        "Einzelperson",
        "übernommen",
        "Wird ergänzt.",
        "Zum Teil übernommen.",
        "noch nicht abgewogen",
        "Kinder und ihre Eltern erhalten Sprachförderung.",
        "Workshop Sprache",
        "Seite 1 von",
    ):
        assert expected in text, expected
    assert PRIVATE_NAME not in text and "Maria Musterfrau" not in text
    assert "Ausgeblendet." not in text and "Gelöscht." not in text and "Eine Antwort." not in text


def test_the_xlsx_is_read_back_from_the_same_snapshot(issued, client_for, staff):
    response = client_for(staff).get(reverse("monitoring:consideration_xlsx", args=[issued.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nr.", "Kapitel", "Absatz", "Art")
    assert len(rows) == 5
    assert rows[1][2] == "1.1" and rows[1][10] == "übernommen" and rows[1][11] == "Wird ergänzt."
    assert rows[1][13] == "Kinder und ihre Eltern erhalten Sprachförderung."
    assert rows[3][10] == "noch nicht abgewogen"


def test_an_issued_table_does_not_change_with_later_answers_and_refuses_edits(issued, draft, staff):
    statement = draft.paragraphs.get(label="2.1").comments.get()
    CommentAnswer.objects.create(comment=statement, outcome=AnswerOutcome.NOTED, reasoning="Später beantwortet.")
    before = issued.snapshot
    issued.refresh_from_db()
    assert issued.snapshot == before
    assert "Später beantwortet." not in _pdf_text(issued)
    issued.snapshot = {**issued.snapshot, "rows": []}
    with pytest.raises(TableImmutableError):
        issued.save()
    with pytest.raises(TableImmutableError):
        ConsiderationTable.objects.get(pk=issued.pk).delete()
    # a new table shows the new answer
    assert "Später beantwortet." in str(services.table_snapshot(draft, None)["rows"])


def test_downloads_are_permission_checked(issued, client_for, staff, user):
    pdf_url = reverse("monitoring:consideration_pdf", args=[issued.pk])
    xlsx_url = reverse("monitoring:consideration_xlsx", args=[issued.pk])
    anonymous = client_for(None)
    assert anonymous.get(pdf_url).status_code == 200  # an issued table is a public document of the council paper
    response = anonymous.get(xlsx_url)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    participant = client_for(user)
    assert participant.get(pdf_url).status_code == 200
    assert participant.get(xlsx_url).status_code == 403
    staff_client = client_for(staff)
    response = staff_client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert staff_client.get(xlsx_url).status_code == 200
    assert staff_client.get(reverse("monitoring:consideration_pdf", args=[issued.pk + 999])).status_code == 404


def test_a_pending_table_is_hidden_from_the_public_and_a_changed_pdf_is_not_served(issued, client_for, staff, user):
    pdf_url = reverse("monitoring:consideration_pdf", args=[issued.pk])
    ConsiderationTable.objects.filter(pk=issued.pk).update(pdf_sha256="0" * 64)
    assert client_for(user).get(pdf_url).status_code == 409
    ConsiderationTable.objects.filter(pk=issued.pk).update(state=TableState.PENDING)
    assert client_for(user).get(pdf_url).status_code == 404
    assert client_for(None).get(pdf_url).status_code == 404


def test_participants_cannot_issue_a_table(draft, user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.table_issue(page=draft, user=user)
    assert not ConsiderationTable.objects.exists()


def test_render_is_idempotent_and_a_failure_marks_the_table_failed(issued, draft, staff, monkeypatch):
    assert services.table_render(table_id=issued.pk).pdf.name == issued.pdf.name
    table = ConsiderationTable.objects.create(
        page=draft, title="x", snapshot={"meta": {}, "rows": []}, snapshot_sha256="", issued_by=staff
    )
    with pytest.raises(KeyError):
        services.table_render(table_id=table.pk)
    table.refresh_from_db()
    assert table.state == TableState.FAILED and "KeyError" in table.error


def test_the_rows_selector_reads_in_a_constant_number_of_queries(draft, django_assert_max_num_queries, district):
    with django_assert_max_num_queries(2):
        assert len(consideration_rows(draft)["rows"]) == 4
    paragraph = draft.paragraphs.get(label="1.2")
    for n in range(20):
        comment = paragraph_comment(
            paragraph, None, f"Noch ein Kommentar {n}.", statement_district=district if n % 3 == 0 else None
        )
        if n % 2:
            CommentAnswer.objects.create(comment=comment, outcome=AnswerOutcome.NOTED, reasoning="Gelesen.")
    with django_assert_max_num_queries(2):
        assert len(consideration_rows(draft)["rows"]) == 24


def test_admin_lists_and_issues_tables(draft, issued, client_for, staff, user):
    client = client_for(staff)
    index = client.get(reverse("monitoring-consideration:index"))
    assert index.status_code == 200 and issued.title in index.content.decode()
    assert client.get(reverse("monitoring-consideration:inspect", args=[issued.pk])).status_code == 200
    assert client.get(reverse("monitoring-consideration:edit", args=[issued.pk])).status_code in (302, 403)  # refused
    response = client.get(reverse("monitoring-consideration:add"))
    assert response.status_code == 200
    response = client.post(reverse("monitoring-consideration:add"), {"page": "999999"})
    assert response.status_code == 400
    response = client.post(reverse("monitoring-consideration:add"), {"page": draft.pk})
    assert response.status_code == 302
    assert ConsiderationTable.objects.count() == 2
    # a participant (signed in, no admin access) is refused the list and the issue form
    other = client_for(user)
    assert other.get(reverse("monitoring-consideration:index")).status_code in (302, 403)
    assert other.post(reverse("monitoring-consideration:add"), {"page": draft.pk}).status_code in (302, 403)
    assert ConsiderationTable.objects.count() == 2


def test_statistics_count_draft_comments_apart_online_and_analog(draft, district, client):
    from monitoring.statistics.figures import participation_statistics
    from tests.consultation.factories import CommentFactory, ProposalFactory

    consultation = draft.get_parent().specific
    assert participation_statistics().participants_online == 1  # the (online) author of the draft comments
    proposal = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=proposal)
    figures = participation_statistics()
    total = figures.total
    assert total.comments == 1  # the comment on the proposal, as before
    # on the draft (published, not deleted, replies too): 3 online (one a reply), 1 analog
    assert (total.draft_comments_online, total.draft_comments_analog) == (4, 1)
    assert row_of(figures.by_consultation, str(consultation.pk)).draft_comments == 5
    assert row_of(figures.by_district, str(district.pk)).draft_comments_online == 1  # the statement
    assert row_of(figures.by_channel, Channel.EVENT).draft_comments_analog == 1
    linden = participation_statistics(district=district).total
    assert (linden.draft_comments_online, linden.draft_comments_analog, linden.comments) == (1, 0, 0)
    html = client.get(reverse("monitoring:statistics")).content.decode()
    assert "Kommentare zum Planentwurf" in html


def row_of(rows, key):
    return next(r for r in rows if r.key == key)


def test_admin_list_and_downloads_cost_a_constant_number_of_queries(
    issued, draft, client_for, staff, django_assert_max_num_queries
):
    from tests.helpers import assert_constant_queries

    def build(n):
        for _ in range(ConsiderationTable.objects.count(), n):
            ConsiderationTable.objects.create(
                page=draft, version=issued.version, title="Kopie", snapshot=issued.snapshot, snapshot_sha256=""
            )

    client = client_for(staff)
    index = reverse("monitoring-consideration:index")
    client.get(index)
    count = assert_constant_queries(build, lambda: client.get(index), sizes=(2, 8))
    assert count <= 25
    for url in (
        reverse("monitoring:consideration_pdf", args=[issued.pk]),
        reverse("monitoring:consideration_xlsx", args=[issued.pk]),
    ):
        client.get(url)
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
