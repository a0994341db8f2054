"""Query budgets of the plan draft's public pages: the overview of a draft with 200 paragraphs and 2,000 comments
(and 200 statements on its chapter) and a paragraph page with 200 contributions cost as many queries as with 20;
the chapter page's budget is in test_plan_chapters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation.models import AnswerOutcome, Channel, Comment, CommentAnswer, PlanChapter, PlanParagraph
from tests.consultation.factories import EventFactory
from tests.consultation.plan_support import make_plan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def paragraphs(page):
    return list(PlanParagraph.objects.filter(page=page).order_by("position"))


def url_of(paragraph):
    return paragraph.get_absolute_url()


def _draft_with(paragraph_count: int, comments_per_paragraph: int, author, district):
    page = make_plan(chapters=[("Kapitel A", [f"Absatz Nummer {n} mit Text." for n in range(paragraph_count)])])
    version = page.versions.get()
    rows = paragraphs(page)
    Comment.objects.bulk_create(
        [
            Comment(paragraph=p, author=author, text=f"Kommentar {n}", version=version, proposed_text="Neu." * (n % 2))
            for p in rows
            for n in range(comments_per_paragraph)
        ]
    )
    PlanParagraph.objects.filter(page=page).update(
        comment_count=comments_per_paragraph, amendment_count=comments_per_paragraph // 2
    )
    chapter = PlanChapter.objects.get(page=page)
    Comment.objects.bulk_create(
        [
            Comment(chapter=chapter, author=author, text=f"Stellungnahme {n}", statement_district=district)
            for n in range(paragraph_count)
        ]
    )
    PlanChapter.objects.filter(pk=chapter.pk).update(statement_count=paragraph_count)
    return page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_overview_queries_do_not_grow_with_paragraphs_and_comments(
    client_for, consultation_index, user, district, django_assert_max_num_queries
):
    author = UserFactory()
    small, large = _draft_with(20, 10, author, district), _draft_with(200, 10, author, district)
    client = client_for(user)
    client.get(small.url)  # warm up the session and site caches
    assert _queries(client, small.url) == _queries(client, large.url)
    with django_assert_max_num_queries(15):  # 13 + the chapters' rows and their statements
        content = client.get(large.url).content.decode()
    assert "Absatz Nummer 199" in content
    assert "Stellungnahmen zum Kapitel 1 (200)" in content


def test_paragraph_page_queries_do_not_grow_with_comments(
    client_for, consultation_index, user, organisation, district, django_assert_max_num_queries
):
    page = make_plan(chapters=[("Kapitel A", ["Eins.", "Zwei.", "Drei."])])
    version = page.versions.get()
    few, many, _third = paragraphs(page)
    event = EventFactory(consultation=page.get_parent().specific)
    council = UserFactory(council_district=district)
    others = [UserFactory() for _ in range(10)]
    for paragraph, count in ((few, 20), (many, 200)):
        comments = Comment.objects.bulk_create(
            [
                Comment(
                    paragraph=paragraph,
                    author=None if n % 7 == 0 else council if n % 5 == 0 else user if n % 3 == 0 else others[n % 10],
                    text=f"Beitrag {n}",
                    version=version,
                    proposed_text=f"Neu {n}." if n % 2 else "",
                    organisation=organisation if n % 4 == 0 and n % 5 and n % 7 else None,
                    statement_district=district if n % 5 == 0 and n % 7 else None,
                    channel=Channel.PAPER if n % 7 == 0 else Channel.ONLINE,
                    event=event if n % 7 == 0 else None,
                )
                for n in range(count)
            ]
        )
        CommentAnswer.objects.bulk_create(
            [
                CommentAnswer(comment=c, outcome=AnswerOutcome.ADOPTED, reasoning="Ja.", resulting_version=version)
                for c in comments[::3]
            ]
        )
    client = client_for(user)
    client.get(url_of(few))
    assert _queries(client, url_of(few)) == _queries(client, url_of(many))
    with django_assert_max_num_queries(19):  # 18 + the chapter it stands in
        assert "Beitrag 199" in client.get(url_of(many)).content.decode()
