"""The demo gives the moderation queue something to work through, without hiding anything or e-mailing anyone."""

import io

from django.core import mail
from django.core.management import call_command

from consultation.models import CommentState, ConsultationPage, ContentReport, ModerationMode, ProposalState
from consultation.moderation import queue as moderation_queue


def test_the_demo_has_reports_below_the_threshold_in_a_post_moderated_consultation(db):
    call_command("seed_demo", stdout=io.StringIO())

    page = ConsultationPage.objects.get(slug="lip-4-0-ihre-vorschlaege")
    assert page.moderation_mode == ModerationMode.POST
    reports = ContentReport.objects.select_related("proposal", "comment")
    assert reports.filter(comment__isnull=False).count() == 1
    assert reports.filter(proposal__isnull=False).count() == 1
    assert all((r.proposal or r.comment).state in (ProposalState.PUBLISHED, CommentState.PUBLISHED) for r in reports)
    assert moderation_queue.waiting_count() > 0
    assert not [m for m in mail.outbox if "Meldung" in m.subject]
