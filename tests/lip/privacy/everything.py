"""A person with at least one of everything the platform stores about people, for the export and erase tests."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation.models import Comment, ContentReport, Proposal, ReportReason
from ideas.models import (
    Application,
    ApplicationAttachment,
    ApplicationState,
    AudienceVote,
    ConflictOfInterest,
    JuryAssignment,
    ProgressReport,
    ProgressState,
)
from lip.models import District, Membership, MembershipRole, MembershipStatus, Organisation
from lip.roles import Role
from monitoring.models import ReportSchedule
from tests import factories
from tests.consultation import factories as consultation_factories
from tests.ideas import factories as idea_factories

PROPOSAL_PDF = b"%PDF-1.4\n% Vorschlag\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APPLICATION_PDF = b"%PDF-1.4\n% Antrag\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Everything:
    person: Any
    organisation: Organisation
    proposal: Proposal
    org_proposal: Proposal
    comment: Comment
    statement: Comment
    vote: Any
    report: ContentReport
    application: Application
    attachment: ApplicationAttachment
    scored_application: Application
    competition: Any
    open_competition: Any
    audience_vote: AudienceVote
    schedule: ReportSchedule


def _log(instance, action: str, reason: str, moderator) -> ModelLogEntry:
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        action=action,
        label=str(instance)[:100],
        user=moderator,
        data={"reason": reason},
        timestamp=timezone.now(),
    )


def build() -> Everything:
    district = District.objects.get(slug="linden-limmer")
    person = factories.UserFactory(
        email="ayse.demir@example.org",
        display_name="Ayşe Demir",
        first_name="Ayşe",
        last_name="Demir",
        roles=[Role.PARTICIPANT, Role.COUNCIL, Role.JURY],
        council_district=district,
        notify_digest=False,
    )
    moderator = factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)
    organisation = factories.OrganisationFactory(name="Elternverein Linden", created_by=person)
    Membership.objects.create(
        user=person, organisation=organisation, role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE
    )

    consultation = consultation_factories.ConsultationPageFactory()
    proposal = consultation_factories.ProposalFactory(
        consultation=consultation, author=person, title="Sprachcafé am Abend", tags=["Sprachcafé"]
    )
    proposal.attachment.save("Skizze Sprachcafé.pdf", ContentFile(PROPOSAL_PDF))
    org_proposal = consultation_factories.ProposalFactory(
        consultation=consultation, author=person, organisation=organisation, title="Elterncafé"
    )
    other = consultation_factories.ProposalFactory(consultation=consultation, title="Fremder Vorschlag")
    comment = consultation_factories.CommentFactory(proposal=other, author=person, text="Gute Idee, =SUMME(A1)")
    statement = consultation_factories.CommentFactory(
        proposal=other, author=person, text="Der Beirat unterstützt das.", statement_district=district
    )
    vote = consultation_factories.VoteFactory(proposal=other, user=person)
    report = ContentReport.objects.create(proposal=other, reporter=person, reason=ReportReason.SPAM, text="Werbung")
    _log(comment, "consultation.moderation.hide", "Enthält eine Telefonnummer.", moderator)
    _log(person, "lip.user.block", "Wiederholt beleidigend.", moderator)

    competition = idea_factories.CompetitionPageFactory()
    application = idea_factories.ApplicationFactory(
        competition=competition, organisation=organisation, created_by=person, state=ApplicationState.SUBMITTED
    )
    attachment = ApplicationAttachment(application=application, name="Kostenplan.pdf")
    attachment.file.save("Kostenplan.pdf", ContentFile(APPLICATION_PDF))
    ProgressReport.objects.create(
        application=application, state=ProgressState.RUNNING, text="Läuft gut.", created_by=person
    )
    # The person is a juror too: one competition scored (assignment stays), one not yet (open assignment).
    scored_application = idea_factories.ApplicationFactory(competition=competition, state=ApplicationState.ELIGIBLE)
    JuryAssignment.objects.create(competition=competition, juror=person)
    idea_factories.score_all(scored_application, person, [5, 4, 3, 2, 1])
    conflicted = idea_factories.ApplicationFactory(competition=competition, state=ApplicationState.ELIGIBLE)
    ConflictOfInterest.objects.create(application=conflicted, juror=person, note="Mein Bruder ist im Verein.")
    open_competition = idea_factories.CompetitionPageFactory()
    JuryAssignment.objects.create(competition=open_competition, juror=person)
    audience_vote = AudienceVote.objects.create(application=scored_application, user=person, competition=competition)
    Application.objects.filter(pk=scored_application.pk).update(audience_votes=F("audience_votes") + 1)

    schedule = ReportSchedule.objects.create(title="Quartalsbericht Linden", district=district)
    schedule.recipients.add(person)

    return Everything(
        person=person,
        organisation=organisation,
        proposal=proposal,
        org_proposal=org_proposal,
        comment=comment,
        statement=statement,
        vote=vote,
        report=report,
        application=application,
        attachment=attachment,
        scored_application=scored_application,
        competition=competition,
        open_competition=open_competition,
        audience_vote=audience_vote,
        schedule=schedule,
    )
