"""Reports that arrive at the same moment are counted one after the other: the threshold hides the item exactly once,
and one person's parallel reports store one row. Threads on PostgreSQL (see test_concurrency.py)."""

from collections import Counter

from wagtail.models import ModelLogEntry

from consultation.models import Comment, CommentState, ContentReport
from consultation.moderation import services as moderation
from consultation.moderation.services import LogAction
from lip.models import User
from tests.factories import UserFactory
from tests.helpers import POSTGRES_THREADS

from .factories import CommentFactory
from .test_concurrency import run_together

pytestmark = POSTGRES_THREADS


def report(comment_pk: int, user_pk: int):
    def task():
        comment = Comment.objects.select_related("proposal").get(pk=comment_pk)
        return moderation.report_create(reporter=User.objects.get(pk=user_pk), item=comment, reason="spam")

    return task


def test_ten_reports_at_once_hide_the_comment_exactly_once(settings):
    settings.LIP_REPORT_THRESHOLD = 3
    comment = CommentFactory()
    people = [UserFactory() for _ in range(10)]

    outcomes = run_together([report(comment.pk, person.pk) for person in people])

    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert outcomes == Counter({"ok": 3, "PermissionDenied": 7}), (
        "after the third, the comment is hidden: no more reports"
    )
    assert ContentReport.objects.filter(comment=comment).count() == 3
    assert ModelLogEntry.objects.filter(action=LogAction.AUTO_HIDE, object_id=str(comment.pk)).count() == 1
    comment.proposal.refresh_from_db()
    assert comment.proposal.comment_count == 0


def test_one_person_reporting_ten_times_at_once_stores_one_report():
    comment = CommentFactory()
    person = UserFactory()

    outcomes = run_together([report(comment.pk, person.pk) for _ in range(10)])

    assert outcomes == Counter({"ok": 1, "PermissionDenied": 9})
    assert ContentReport.objects.filter(comment=comment).count() == 1
