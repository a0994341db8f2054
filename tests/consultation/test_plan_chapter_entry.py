"""Staff enter a district integration council's statement on a whole chapter of the plan draft (issue 19): the
analog entry in the admin offers the chapters beside the paragraphs, only for a council's statement; the entry counts
and shows like an online statement; the version comparison lists chapter statements that led to a change under
their chapter ("Zum ganzen Kapitel")."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from consultation.models import AnswerOutcome, Channel, Comment, CommentAnswer, PlanChapter, PlanParagraph
from consultation.plan import answers
from consultation.plan.table import consideration_rows
from lip.roles import Role
from tests import factories
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters
from tests.consultation.test_plan_history import QUERY_BUDGET
from tests.helpers import assert_constant_page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counters_agree")]

STATEMENT = "Der Beirat fordert mehr Ausbildungsplätze für Geflüchtete."
NOT_A_STATEMENT = "Zu einem ganzen Kapitel werden nur Stellungnahmen eines Integrationsbeirats erfasst."
NO_REWORDING = "Ein Formulierungsvorschlag gilt einem Absatz."


def chapters(page) -> list[PlanChapter]:
    return list(PlanChapter.objects.filter(page=page).order_by("number"))


def paragraphs(page) -> list[PlanParagraph]:
    return list(PlanParagraph.objects.filter(page=page).order_by("position"))


def analog_url(page) -> str:
    return reverse("plan-answers:analog", args=[page.pk])


def history_url(page) -> str:
    return page.url + page.reverse_subpage("versions")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def chapter_value(chapter: PlanChapter) -> str:
    return f"kapitel-{chapter.pk}"


def statement_post(chapter, district, **fields) -> dict:
    return {
        "target": chapter_value(chapter),
        "channel": Channel.COUNCIL_MEETING,
        "statement_district": district.pk,
        "text": STATEMENT,
        **fields,
    }


def statement_count(chapter) -> int:
    chapter.refresh_from_db()
    return chapter.statement_count


# --- The admin entry ---------------------------------------------------------------------------------------------


def test_the_form_offers_each_chapter_as_a_whole_before_its_paragraphs(staff, plan):
    html = text_of(staff.get(analog_url(plan)))
    work = chapters(plan)[1]
    assert '<optgroup label="2. Arbeitsmarktintegration">' in html
    whole = html.index(f'value="{chapter_value(work)}"')
    assert html.index("Kapitel 2 (insgesamt)") > whole
    assert html.index("Kapitel 1 (insgesamt)") < html.index("1.1 – Alle Kinder") < whole < html.index("2.1 – ")


def test_staff_enter_a_council_statement_on_a_whole_chapter(staff, plan, district, moderator):
    work = chapters(plan)[1]

    response = staff.post(analog_url(plan), statement_post(work, district))

    assert response.status_code == 302
    assert response["Location"] == reverse("plan-answers:list", args=[plan.pk])
    statement = Comment.objects.get()
    assert (statement.chapter, statement.paragraph, statement.statement_district) == (work, None, district)
    assert (statement.channel, statement.recorded_by, statement.author) == (Channel.COUNCIL_MEETING, moderator, None)
    assert statement.version == plan.versions.get()
    assert statement_count(work) == 1
    listing = text_of(staff.get(response["Location"]))
    assert "Beitrag zu Kapitel 2 erfasst." in listing
    assert "Kapitel 2 (insgesamt)" in listing and STATEMENT in listing


def test_the_entered_statement_shows_on_the_chapter_page_and_in_the_table(staff, client, plan, district):
    work = chapters(plan)[1]
    staff.post(analog_url(plan), statement_post(work, district))
    statement = Comment.objects.get()

    html = text_of(client.get(work.get_absolute_url()))
    assert STATEMENT in html and f'id="kommentar-{statement.pk}"' in html
    assert "Stellungnahme des Integrationsbeirats Linden-Limmer" in html
    rows = consideration_rows(plan)["rows"]
    assert [(r["paragraph"]["label"], r["kind"], r["who"]) for r in rows] == [
        ("Kapitel 2 (insgesamt)", "statement", "Integrationsbeirat Linden-Limmer")
    ]


@pytest.mark.parametrize("role", ["participant", "council", "admin_without_rights"])
def test_only_staff_enter_chapter_statements(role, client_for, plan, district, admin_without_rights):
    person = {
        "participant": factories.UserFactory(),
        "council": factories.UserFactory(council_district=district, roles=[Role.PARTICIPANT, Role.COUNCIL]),
        "admin_without_rights": admin_without_rights,
    }[role]
    client = client_for(person)
    work = chapters(plan)[1]

    for response in (client.get(analog_url(plan)), client.post(analog_url(plan), statement_post(work, district))):
        if role == "admin_without_rights":  # Wagtail answers PermissionDenied with a redirect to its dashboard
            assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        else:
            assert response.status_code == 302 and "login" in response["Location"]
    assert not Comment.objects.exists()
    assert statement_count(work) == 0


@pytest.mark.parametrize(
    "target",
    ["", "kapitel-", "kapitel-abc", "kapitel-99999999999999999999999", "9" * 23, "-1", "foreign", "removed"],
)
def test_a_bad_target_is_a_form_error_and_saves_nothing(staff, plan, district, target):
    if target == "foreign":
        target = chapter_value(chapters(make_plan(title="Anderer Entwurf", slug="anderer-entwurf"))[0])
    elif target == "removed":
        language, work = chapters(plan)
        first = paragraphs(plan)[0]
        publish_chapters(plan, [((str(language.key), language.title), [(str(first.key), first.text)])])
        target = chapter_value(work)

    response = staff.post(analog_url(plan), {**statement_post(chapters(plan)[0], district), "target": target})

    assert response.status_code == 400
    html = text_of(response)
    assert "Es wurde nichts gespeichert" in html
    assert 'href="#id_target">Absatz oder Kapitel:' in html
    assert not Comment.objects.exists()


def test_a_chapter_takes_no_contribution_that_is_not_a_council_statement(staff, plan, district):
    work = chapters(plan)[1]
    data = statement_post(work, district, statement_district="", author_name="Frau M.")

    response = staff.post(analog_url(plan), data)

    assert response.status_code == 400
    html = text_of(response)
    assert NOT_A_STATEMENT in html
    assert 'href="#id_statement_district">Stellungnahme des Integrationsbeirats:' in html  # the summary leads to it
    assert 'aria-invalid="true" id="id_statement_district"' in html
    assert not Comment.objects.exists() and statement_count(work) == 0


def test_a_chapter_statement_proposes_no_wording(staff, plan, district):
    work = chapters(plan)[1]

    response = staff.post(analog_url(plan), statement_post(work, district, proposed_text="Ein neuer Text."))

    assert response.status_code == 400
    assert NO_REWORDING in text_of(response) and NOT_A_STATEMENT not in text_of(response)
    assert not Comment.objects.exists()


def test_a_paragraph_still_takes_a_plain_analog_comment(staff, plan):
    first = paragraphs(plan)[0]
    response = staff.post(analog_url(plan), {"target": first.pk, "channel": Channel.PAPER, "text": "Mehr Kitas."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.paragraph, comment.chapter, comment.statement_district) == (first, None, None)
    first.refresh_from_db()
    assert first.comment_count == 1


# --- The service checks again ------------------------------------------------------------------------------------


def test_the_service_refuses_a_chapter_contribution_that_is_not_a_statement_without_an_integrity_error(plan, moderator):
    work = chapters(plan)[1]
    data = {"channel": Channel.PAPER, "text": "Ein Brief.", "proposed_text": "Neu."}
    with pytest.raises(ValidationError) as refused:
        answers.record_analog_comment(chapter=work, recorded_by=moderator, data=data)
    assert set(refused.value.message_dict) == {"statement_district", "proposed_text"}
    assert NOT_A_STATEMENT in refused.value.message_dict["statement_district"][0]
    assert not Comment.objects.exists()


def test_the_service_checks_staff_rights_and_takes_exactly_one_target(plan, user, moderator, district):
    work = chapters(plan)[1]
    data = {"channel": Channel.COUNCIL_MEETING, "text": STATEMENT, "statement_district": district}
    with pytest.raises(PermissionDenied):
        answers.record_analog_comment(chapter=work, recorded_by=user, data=data)
    with pytest.raises(TypeError):
        answers.record_analog_comment(chapter=work, paragraph=paragraphs(plan)[0], recorded_by=moderator, data=data)
    statement = answers.record_analog_comment(chapter=work, recorded_by=moderator, data=data)
    assert statement.chapter == work and statement_count(work) == 1


def test_the_service_refuses_a_removed_chapter(plan, moderator, district):
    language, work = chapters(plan)
    first = paragraphs(plan)[0]
    publish_chapters(plan, [((str(language.key), language.title), [(str(first.key), first.text)])])
    data = {"channel": Channel.COUNCIL_MEETING, "text": STATEMENT, "statement_district": district}
    with pytest.raises(ValidationError, match="Dieses Kapitel ist in der aktuellen Fassung nicht mehr enthalten"):
        answers.record_analog_comment(chapter=work, recorded_by=moderator, data=data)


# --- The version comparison --------------------------------------------------------------------------------------


def statement_on(chapter, moderator, district, outcome=AnswerOutcome.ADOPTED, text=STATEMENT) -> Comment:
    statement = answers.record_analog_comment(
        chapter=chapter,
        recorded_by=moderator,
        data={"channel": Channel.COUNCIL_MEETING, "text": text, "statement_district": district},
    )
    answers.answer_comment(comment=statement, user=moderator, outcome=outcome, reasoning=f"Abgewogen: {text}")
    return statement


def test_the_version_page_lists_chapter_statements_under_their_chapter(client, plan, moderator, district):
    language, work = chapters(plan)
    adopted = statement_on(work, moderator, district)
    noted = statement_on(work, moderator, district, AnswerOutcome.NOTED, "Zur Kenntnis.")
    first, second, third = paragraphs(plan)
    publish_chapters(
        plan,
        [
            ((str(language.key), language.title), [(str(first.key), first.text), (str(second.key), second.text)]),
            ((str(work.key), work.title), [(str(third.key), third.text), "Ausbildungsplätze für Geflüchtete."]),
        ],
    )

    html = text_of(client.get(history_url(plan)))

    link = f'href="{work.get_absolute_url()}#kommentar-{adopted.pk}"'
    assert link in html and f"#kommentar-{noted.pk}" not in html
    assert "Zum ganzen Kapitel" in html
    assert "Stellungnahme des Integrationsbeirats Linden-Limmer</a>" in html
    assert "Abgewogen: " + STATEMENT in html and "in Fassung 2" in html
    assert html.index("2. Arbeitsmarktintegration") < html.index("Zum ganzen Kapitel") < html.index(link)
    assert html.index(link) < html.index("Absatz 2.2")


def test_statements_on_a_chapter_the_newer_version_dropped_stay_listed(client, plan, moderator, district):
    language, work = chapters(plan)
    statement = statement_on(work, moderator, district, AnswerOutcome.PARTLY, "Kapitel streichen.")
    first, second, _third = paragraphs(plan)
    publish_chapters(
        plan, [((str(language.key), language.title), [(str(first.key), first.text), (str(second.key), second.text)])]
    )

    html = text_of(client.get(history_url(plan)))

    assert "Zu Kapiteln, die in Fassung 2 nicht mehr enthalten sind" in html
    assert "Kapitel 2 (<span" in html and f"#kommentar-{statement.pk}" in html
    assert "teilweise übernommen" in html


def test_version_page_queries_do_not_grow_with_chapter_statements(
    client, consultation_index, moderator, district, django_assert_max_num_queries
):
    page = make_plan(chapters=[(f"Kapitel {n}", [f"Absatz {n}."]) for n in range(1, 31)])
    state = {"round": 0}

    def build(n: int) -> None:
        state["round"] += 1
        rows = chapters(page)
        current = {p.chapter_number: p for p in paragraphs(page) if not p.is_removed}
        for chapter in rows[:n]:
            statement_on(chapter, moderator, district, text=f"Stellungnahme {chapter.number}")
            paragraph_comment(current[chapter.number], factories.UserFactory())
        publish_chapters(
            page,
            [
                ((str(c.key), c.title), [(str(current[c.number].key), f"{current[c.number].text} {state['round']}")])
                for c in rows
            ],
        )

    assert_constant_page_queries(client, history_url(page), build, sizes=(3, 25), contains="Zum ganzen Kapitel")
    with django_assert_max_num_queries(QUERY_BUDGET):  # the chapter statements come with the paragraphs' answers
        assert client.get(history_url(page)).status_code == 200
    assert CommentAnswer.objects.filter(comment__chapter__isnull=False, resulting_version__isnull=False).count() == 28
