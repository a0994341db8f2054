"""The public version history of a plan draft (consultation/plan/history.py): which versions exist, and what changed
between two of them, paragraph by paragraph, with the comments that led to the changes."""

import pytest

from consultation.models import AnswerOutcome, CommentAnswer, CommentState, PlanParagraph
from consultation.plan.history import ADDED, REMOVED, UNCHANGED, compare
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers import assert_constant_page_queries

pytestmark = pytest.mark.django_db

CHAPTERS = [
    ("Sprachförderung", ["Alle Kinder erhalten Sprachförderung.", "Kurse für Erwachsene.", "Sprachcafés in Linden."]),
    ("Arbeitsmarktintegration", ["Abschlüsse werden schneller anerkannt.", "Eine Lotsenstelle hilft."]),
    ("Wohnen und Leben", ["Eigene Wohnungen statt Unterkünfte.", "Treffpunkte in allen Stadtbezirken."]),
]
QUERY_BUDGET = 11  # 8 for routing (site, pages, view restrictions), versions, two texts, answers


def history_url(page, query: str = "") -> str:
    return page.url + page.reverse_subpage("versions") + query


def paragraphs(page) -> list[PlanParagraph]:
    return list(PlanParagraph.objects.filter(page=page).order_by("position"))


def answered(paragraph, outcome=AnswerOutcome.ADOPTED, **fields):
    comment = paragraph_comment(paragraph, UserFactory(), **fields)
    CommentAnswer.objects.create(comment=comment, outcome=outcome, reasoning=f"Begründung zu {comment.text}")
    return comment


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def revised(consultation_index):
    """Version 1 of CHAPTERS; version 2: 1.1 changed after an adopted amendment, 1.2 removed, a paragraph added at
    the head of chapter 2 (whose paragraphs are renumbered), chapter 3 unchanged."""
    page = make_plan(chapters=CHAPTERS)
    first, _removed, third, fourth, fifth, sixth, seventh = paragraphs(page)
    amendment = answered(
        first,
        text="Früher anfangen.",
        proposed_text="Alle Kinder erhalten früh Sprachförderung.",
        organisation=OrganisationFactory(name="Kulturverein Linden"),
    )
    rejected = answered(first, AnswerOutcome.NOT_ADOPTED, text="Streichen!")
    hidden = answered(first, text="Ausgeblendet.", state=CommentState.HIDDEN)
    page = publish_chapters(
        page,
        [
            (
                "Sprachförderung",
                [(str(first.key), "Alle Kinder erhalten früh Sprachförderung."), (str(third.key), third.text)],
            ),
            (
                "Arbeitsmarktintegration",
                ["Neu: Beratung im Jobcenter.", (str(fourth.key), fourth.text), (str(fifth.key), fifth.text)],
            ),
            ("Wohnen und Leben", [(str(sixth.key), sixth.text), (str(seventh.key), seventh.text)]),
        ],
        note="Nach der Beteiligung überarbeitet",
    )
    return page, amendment, rejected, hidden


def test_history_shows_what_changed_and_the_comment_that_led_to_it(client, revised):
    page, amendment, rejected, hidden = revised

    response = client.get(history_url(page))

    assert response.status_code == 200
    html = body(response)
    assert "Änderungen von Fassung 1 zu Fassung 2" in html
    assert "Nach der Beteiligung überarbeitet" in html
    assert '<ins><span class="visually-hidden">eingefügt: </span>früh </ins>' in html
    assert '<del><span class="visually-hidden">gelöscht: </span>Kurse für Erwachsene.</del>' in html
    assert '<ins><span class="visually-hidden">eingefügt: </span>Neu: Beratung im Jobcenter.</ins>' in html
    assert "vorher Absatz 2.1" in html
    assert "2 Absätze unverändert" in html
    assert f"{amendment.paragraph.get_absolute_url()}#kommentar-{amendment.pk}" in html
    assert "Kulturverein Linden" in html and "übernommen" in html
    assert f"#kommentar-{rejected.pk}" not in html, "only adopted and partly adopted answers shaped the text"
    assert f"#kommentar-{hidden.pk}" not in html, "a hidden comment is not shown"


def test_removed_paragraphs_stay_at_their_old_place():
    old = [
        {
            "title": "A",
            "paragraphs": [{"key": "a", "label": "1.1", "text": "x"}, {"key": "b", "label": "1.2", "text": "y"}],
        },
        {
            "title": "B",
            "paragraphs": [{"key": "c", "label": "2.1", "text": "z"}, {"key": "d", "label": "2.2", "text": "w"}],
        },
    ]
    new = [
        {"title": "A", "paragraphs": [{"key": "b", "label": "1.1", "text": "y"}]},
        {
            "title": "B",
            "paragraphs": [{"key": "d", "label": "2.1", "text": "w"}, {"key": "e", "label": "2.2", "text": "v"}],
        },
    ]

    chapters = compare(old, new)

    rows = [
        [(row.kind, row.key) for block in chapter.blocks for row in getattr(block, "rows", [block])]
        for chapter in chapters
    ]
    assert rows == [
        [(REMOVED, "a"), ("renumbered", "b")],
        [(REMOVED, "c"), ("renumbered", "d"), (ADDED, "e")],
    ]
    assert compare(old, old)[0].blocks[0].folded
    assert [row.kind for row in compare(old, old)[0].blocks[0].rows] == [UNCHANGED, UNCHANGED]


def test_a_draft_with_one_version_says_so(client, consultation_index):
    page = make_plan(chapters=CHAPTERS)

    response = client.get(history_url(page))

    assert response.status_code == 200
    assert "Bisher gibt es nur diese eine Fassung." in body(response)
    assert "Änderungen von Fassung" not in body(response)
    assert 'name="von"' not in body(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?von=7", "Diese Fassung gibt es nicht."),
        ("?von=abc&bis=2", "Diese Fassung gibt es nicht."),
        ("?von=2&bis=1", "Bitte wählen Sie als ältere Fassung eine frühere als die neuere."),
        ("?von=2&bis=2", "Bitte wählen Sie als ältere Fassung eine frühere als die neuere."),
        ("?bis=-1", "Diese Fassung gibt es nicht."),
    ],
)
def test_bad_version_numbers_get_the_forms_message(client, revised, query, message):
    page, *_ = revised

    response = client.get(history_url(page, query))

    assert response.status_code == 400
    assert message in body(response)
    assert "Bitte korrigieren Sie die folgenden Angaben:" in body(response)
    assert "Änderungen von Fassung" not in body(response)


def test_comparing_across_versions_collects_the_answers_of_every_version_between(client, revised):
    page, amendment, _rejected, _hidden = revised
    first = PlanParagraph.objects.get(pk=amendment.paragraph_id)
    later = answered(first, AnswerOutcome.PARTLY, text="Und Eltern einbeziehen.")
    chapters = [
        (c, [(str(p.key), p.text) for p in paragraphs(page) if p.chapter_title == c and not p.is_removed])
        for c, _ in CHAPTERS
    ]
    chapters[0][1][0] = (str(first.key), first.text + " Eltern werden einbezogen.")
    page = publish_chapters(page, chapters)

    latest = body(client.get(history_url(page)))
    whole = body(client.get(history_url(page, "?von=1&bis=3")))

    assert "Änderungen von Fassung 2 zu Fassung 3" in latest
    assert f"#kommentar-{later.pk}" in latest and f"#kommentar-{amendment.pk}" not in latest
    assert "Änderungen von Fassung 1 zu Fassung 3" in whole
    assert f"#kommentar-{later.pk}" in whole and f"#kommentar-{amendment.pk}" in whole
    assert "teilweise übernommen" in whole


def test_history_answers_only_get_and_head(client, revised):
    page, *_ = revised

    assert client.post(history_url(page)).status_code == 405


def test_history_queries_do_not_grow_with_paragraphs_and_answers(
    client, consultation_index, django_assert_max_num_queries
):
    page = make_plan(chapters=[("Sprachförderung", [f"Absatz {n}." for n in range(60)])])
    url = history_url(page)
    version = {"texts": [(str(p.key), p.text) for p in paragraphs(page)]}

    def build(n: int) -> None:
        texts = version["texts"]
        current = {str(p.key): p for p in paragraphs(page)}
        for key, _text in texts[:n]:
            answered(current[key], proposed_text="Geändert.", text=f"Vorschlag {key}")
        texts = [(key, f"{text} Geändert.") for key, text in texts[:n]] + texts[n:] + [f"Neu {i}." for i in range(n)]
        published = publish_chapters(page, [("Sprachförderung", texts)])
        version["texts"] = [(str(p.key), p.text) for p in paragraphs(published) if not p.is_removed]

    assert_constant_page_queries(client, url, build, sizes=(5, 40), contains="Änderungsvorschlag")
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code == 200
