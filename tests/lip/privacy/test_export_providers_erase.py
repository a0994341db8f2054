"""The apps' erase hooks (issue 15): what the account deletion does with a person's contributions, votes, jury work,
reports and report subscriptions. The hooks are called directly; the tombstoning of the User row is tested with the
deletion service (test_deletion*.py)."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from consultation.models import Comment, ContentReport, Proposal, Vote
from ideas.models import (
    Application,
    ApplicationAttachment,
    ApplicationState,
    Assessment,
    AudienceVote,
    ConflictOfInterest,
    JuryAssignment,
)
from lip.management.commands.check_counters import counter_mismatches
from lip.privacy.registry import erase_personal_data, providers
from monitoring.models import ReportRun, ReportStatus
from tests.consultation import factories as consultation_factories
from tests.ideas import factories as idea_factories

from . import everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return everything.build()


def _public_totals() -> dict:
    return {
        "proposals": {
            p.pk: (p.online_votes, p.analog_votes, p.comment_count, p.statement_count) for p in Proposal.objects.all()
        },
        "audience": dict(Application.objects.values_list("pk", "audience_votes")),
    }


def test_every_app_with_personal_data_registers_a_provider():
    assert [p.name for p in providers()] == ["konto", "beteiligung", "ideenwettbewerb", "monitoring"]
    assert [p.name for p in providers() if p.erase is not None] == ["beteiligung", "ideenwettbewerb", "monitoring"]


def test_public_contributions_stay_linked_to_the_person(data):
    erase_personal_data(data.person)

    assert set(Proposal.objects.filter(author=data.person)) == {data.proposal, data.org_proposal}
    assert set(Comment.objects.filter(author=data.person)) == {data.comment, data.statement}
    data.org_proposal.refresh_from_db()
    assert data.org_proposal.organisation == data.organisation  # an organisation's proposal stays the organisation's
    data.proposal.refresh_from_db()
    assert data.proposal.attachment  # a public contribution keeps its attachment


def test_a_name_typed_into_the_persons_proposal_is_blanked(data):
    Proposal.objects.filter(pk=data.proposal.pk).update(author_name="Ayşe Demir, Tel. 0511 123456")
    analog = consultation_factories.ProposalFactory(analog=True, author_name="Jemand anderes")

    erase_personal_data(data.person)

    assert Proposal.objects.get(pk=data.proposal.pk).author_name == ""
    assert Proposal.objects.get(pk=analog.pk).author_name == "Jemand anderes"  # someone else's proposal


def test_votes_stay_and_every_counter_and_total_is_unchanged(data):
    before = _public_totals()

    erase_personal_data(data.person)

    assert Vote.objects.filter(user=data.person).count() == 1
    assert AudienceVote.objects.filter(user=data.person).count() == 1
    assert _public_totals() == before
    assert counter_mismatches() == []


def test_open_jury_assignments_go_submitted_scores_and_conflicts_stay(data):
    scores = Assessment.objects.filter(juror=data.person).count()
    assert scores == 5

    erase_personal_data(data.person)

    assert list(JuryAssignment.objects.filter(juror=data.person).values_list("competition_id", flat=True)) == [
        data.competition.pk
    ]
    assert Assessment.objects.filter(juror=data.person).count() == scores
    assert ConflictOfInterest.objects.filter(juror=data.person).count() == 1


def test_reports_the_person_filed_stay(data):
    erase_personal_data(data.person)

    assert list(ContentReport.objects.filter(reporter=data.person)) == [data.report]


def test_an_organisations_application_draft_stays_the_organisations(data):
    draft = idea_factories.ApplicationFactory(
        competition=data.competition, organisation=data.organisation, created_by=data.person
    )
    assert draft.state == ApplicationState.DRAFT
    attachment = ApplicationAttachment(application=draft, name="Entwurf.pdf")
    attachment.file.save("Entwurf.pdf", ContentFile(everything.APPLICATION_PDF))

    erase_personal_data(data.person)

    draft.refresh_from_db()
    assert (draft.organisation, draft.created_by, draft.state) == (data.organisation, data.person, "draft")
    assert draft.attachments.get().file.storage.exists(attachment.file.name)
    data.application.refresh_from_db()
    assert data.application.attachments.get().file  # a submitted application keeps its files


def test_the_person_leaves_standing_orders_but_no_issued_report_changes(data):
    issued = ReportRun.objects.create(
        title="Quartalsbericht",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        status=ReportStatus.DONE,
        number="0001/2026",
    )
    issued.recipients.add(data.person)
    queued = ReportRun.objects.create(title="Nächster", period_start=date(2026, 4, 1), period_end=date(2026, 6, 30))
    queued.recipients.add(data.person)

    erase_personal_data(data.person)

    assert not data.schedule.recipients.exists()
    assert not queued.recipients.exists()
    assert list(issued.recipients.all()) == [data.person]


def test_erasing_twice_changes_nothing_more(data):
    erase_personal_data(data.person)
    before = _public_totals()
    erase_personal_data(data.person)
    assert _public_totals() == before
    assert counter_mismatches() == []
