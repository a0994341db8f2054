"""The writes of a consultation (consultation/services.py): what they store, what they refuse, and the counters."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from consultation import services
from consultation.models import (
    AnalogTally,
    Channel,
    Comment,
    PhaseType,
    Proposal,
    ProposalState,
    ReferenceCounter,
    Vote,
)
from consultation.services import VoteRefused
from lip.models import MembershipRole
from lip.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, representative_of

from .factories import (
    CommentFactory,
    ConsultationPageFactory,
    EventFactory,
    ProposalFactory,
    VoteFactory,
    district,
    topic,
)

pytestmark = pytest.mark.usefixtures("counters_agree")  # every scenario leaves counters equal to rows

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=BERLIN)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ORGANISATION_REFUSED = "Sie können nur für bestätigte Organisationen handeln, die Sie vertreten."
ALREADY_VOTED = "Sie unterstützen diesen Vorschlag bereits."
CLOSED_PROPOSAL = "Zu diesem Vorschlag ist keine Beteiligung mehr möglich."


@pytest.fixture
def clock():
    """Time frozen on 15 March 2026, noon in Hannover; `clock.shift(timedelta)` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def consultation(db, clock):
    """A consultation in its submission phase."""
    return ConsultationPageFactory(phases=PhaseType.SUBMISSION)


@pytest.fixture
def discussion(db, clock):
    return ConsultationPageFactory(phases=PhaseType.DISCUSSION)


@pytest.fixture
def voting(db, clock):
    """A consultation in its voting phase, without a vote budget."""
    return ConsultationPageFactory(phases=PhaseType.VOTING)


@pytest.fixture
def person(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    return UserFactory(roles=[Role.MODERATOR], is_staff=True)


@pytest.fixture
def council_member(db):
    return UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district("linden-limmer"))


def proposal_data(**overrides) -> dict:
    data = {
        "title": "Sprachcafés in allen Stadtteilbibliotheken",
        "text": "Jede Stadtteilbibliothek bietet einmal pro Woche ein Sprachcafé an.\n\nMit Kinderbetreuung.",
        "topic": topic(),
        "district": district("linden-limmer"),
        "tags": ["Kita", "Sprachcafé"],
    }
    data.update(overrides)
    return data


def counters(proposal: Proposal) -> dict:
    proposal.refresh_from_db()
    return {
        "online_votes": proposal.online_votes,
        "analog_votes": proposal.analog_votes,
        "comment_count": proposal.comment_count,
        "statement_count": proposal.statement_count,
    }


# --- proposal_submit -------------------------------------------------------------


def test_submit_stores_an_online_proposal_by_the_author(consultation, person):
    proposal = services.proposal_submit(consultation=consultation, author=person, data=proposal_data())

    stored = Proposal.objects.get()
    assert stored.pk == proposal.pk
    assert (stored.author, stored.channel, stored.state) == (person, Channel.ONLINE, ProposalState.PUBLISHED)
    assert stored.title == "Sprachcafés in allen Stadtteilbibliotheken"
    assert stored.district.slug == "linden-limmer"
    assert sorted(stored.tags.names()) == ["Kita", "Sprachcafé"]
    assert stored.organisation is None


def test_submitted_proposals_get_increasing_references_of_the_year(consultation, person):
    references = [
        services.proposal_submit(consultation=consultation, author=person, data=proposal_data()).reference
        for _ in range(3)
    ]

    assert references == ["LIP-2026-0001", "LIP-2026-0002", "LIP-2026-0003"]


def test_reference_numbers_start_again_in_a_new_year(db, person):
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=BERLIN), tick=False):
        december = ConsultationPageFactory(phases=PhaseType.SUBMISSION)
        last_of_2026 = services.proposal_submit(consultation=december, author=person, data=proposal_data())
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN), tick=False):
        first_of_2027 = services.proposal_submit(consultation=december, author=person, data=proposal_data())

    assert (last_of_2026.reference, first_of_2027.reference) == ("LIP-2026-0001", "LIP-2027-0001")


def test_submit_on_behalf_of_a_verified_organisation_the_author_represents(consultation):
    organisation = OrganisationFactory(name="Kargah e.V.")
    representative = representative_of(organisation)

    proposal = services.proposal_submit(
        consultation=consultation, author=representative, data=proposal_data(organisation=organisation)
    )

    proposal.refresh_from_db()
    assert proposal.organisation == organisation
    assert proposal.author == representative
    assert proposal.display_author == "Kargah e.V."


@pytest.mark.parametrize("organisation_is", ["unverified", "not represented by the author"])
def test_submit_for_an_unverified_or_unrepresented_organisation_is_refused_and_stores_nothing(
    consultation, person, organisation_is
):
    if organisation_is == "unverified":
        organisation = OrganisationFactory(unverified=True)
        author = representative_of(organisation)
    else:
        organisation = OrganisationFactory()
        author = person

    with pytest.raises(ValidationError) as exc:
        services.proposal_submit(
            consultation=consultation, author=author, data=proposal_data(organisation=organisation)
        )

    assert exc.value.message_dict == {"organisation": [ORGANISATION_REFUSED]}
    assert not Proposal.objects.exists()


def test_plain_member_may_not_submit_for_the_organisation(consultation, person):
    organisation = OrganisationFactory()
    MembershipFactory(user=person, organisation=organisation, role=MembershipRole.MEMBER)

    with pytest.raises(ValidationError) as exc:
        services.proposal_submit(
            consultation=consultation, author=person, data=proposal_data(organisation=organisation)
        )

    assert "organisation" in exc.value.message_dict
    assert not Proposal.objects.exists()


def test_submit_outside_the_submission_phase_is_refused_and_stores_nothing(voting, person):
    with pytest.raises(PermissionDenied) as exc:
        services.proposal_submit(consultation=voting, author=person, data=proposal_data())

    assert str(exc.value) == "In der aktuellen Phase ist das nicht möglich."
    assert not Proposal.objects.exists()
    assert not ReferenceCounter.objects.filter(last__gt=0).exists()


def test_submit_before_the_submission_phase_names_its_start(db, clock, person):
    information = ConsultationPageFactory(phases=PhaseType.INFORMATION)

    with pytest.raises(PermissionDenied) as exc:
        services.proposal_submit(consultation=information, author=person, data=proposal_data())

    assert str(exc.value) == "Das ist ab 24. März 2026 12:00 möglich (Phase „Vorschläge einreichen“)."
    assert not Proposal.objects.exists()


def test_moderator_may_submit_outside_the_submission_phase(voting, moderator):
    proposal = services.proposal_submit(consultation=voting, author=moderator, data=proposal_data())

    assert Proposal.objects.get().pk == proposal.pk


@pytest.mark.parametrize(
    "author", [AnonymousUser, lambda: UserFactory(verified=False)], ids=["anonymous", "unverified"]
)
def test_submit_by_anonymous_or_unverified_people_is_refused_and_stores_nothing(consultation, author):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(consultation=consultation, author=author(), data=proposal_data())

    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "T" * 121), ("text", "x" * 5001), ("title", ""), ("text", "")],
    ids=["title-121", "text-5001", "title-empty", "text-empty"],
)
def test_submit_with_too_long_or_empty_fields_is_refused_and_stores_nothing(consultation, person, field, value):
    with pytest.raises(ValidationError) as exc:
        services.proposal_submit(consultation=consultation, author=person, data=proposal_data(**{field: value}))

    assert list(exc.value.message_dict) == [field]
    assert not Proposal.objects.exists()


def test_submit_accepts_the_longest_allowed_title_and_text(consultation, person):
    services.proposal_submit(
        consultation=consultation, author=person, data=proposal_data(title="T" * 120, text="x" * 5000)
    )

    stored = Proposal.objects.get()
    assert (len(stored.title), len(stored.text)) == (120, 5000)


def test_refused_submission_does_not_use_up_a_reference_number(consultation, person):
    with pytest.raises(ValidationError):
        services.proposal_submit(consultation=consultation, author=person, data=proposal_data(title="T" * 121))

    proposal = services.proposal_submit(consultation=consultation, author=person, data=proposal_data())

    assert proposal.reference == "LIP-2026-0001"


def test_html_in_a_proposal_is_stored_as_typed(consultation, person):
    text = '<script>alert("x")</script> Mehr <b>Sprachkurse</b>'

    services.proposal_submit(consultation=consultation, author=person, data=proposal_data(text=text))

    assert Proposal.objects.get().text == text


def test_submit_with_a_real_pdf_stores_the_attachment(consultation, person):
    upload = SimpleUploadedFile("antrag.pdf", PDF_BYTES, content_type="application/pdf")

    services.proposal_submit(consultation=consultation, author=person, data=proposal_data(attachment=upload))

    stored = Proposal.objects.get()
    assert stored.attachment.name.endswith(".pdf")
    assert stored.attachment.read() == PDF_BYTES


def test_submit_with_a_text_file_renamed_to_pdf_is_refused_and_stores_nothing(consultation, person):
    upload = SimpleUploadedFile("antrag.pdf", b"Kein PDF.\n" * 50, content_type="application/pdf")

    with pytest.raises(ValidationError) as exc:
        services.proposal_submit(consultation=consultation, author=person, data=proposal_data(attachment=upload))

    assert exc.value.message_dict == {
        "attachment": ["Erlaubt sind nur PDF-, JPEG- und PNG-Dateien. Diese Datei ist keine davon."]
    }
    assert not Proposal.objects.exists()


# --- proposal_update / proposal_withdraw ---------------------------------------------


def test_author_updates_own_proposal_during_submission(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person, tags=["Kita"])

    services.proposal_update(
        proposal=proposal, user=person, data={"title": "Abendkurse für Eltern", "district": None, "tags": ["Abend"]}
    )

    proposal.refresh_from_db()
    assert proposal.title == "Abendkurse für Eltern"
    assert proposal.district is None
    assert list(proposal.tags.names()) == ["Abend"]


def test_update_outside_the_submission_phase_is_refused_and_changes_nothing(discussion, person):
    proposal = ProposalFactory(consultation=discussion, author=person, title="Vorher")

    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, user=person, data={"title": "Nachher"})

    assert Proposal.objects.get().title == "Vorher"


def test_update_of_someone_elses_proposal_is_refused(consultation, person):
    proposal = ProposalFactory(consultation=consultation, title="Vorher")

    with pytest.raises(PermissionDenied) as exc:
        services.proposal_update(proposal=proposal, user=person, data={"title": "Nachher"})

    assert str(exc.value) == "Nur die Verfasserin oder der Verfasser kann den Vorschlag bearbeiten."
    assert Proposal.objects.get().title == "Vorher"


def test_update_with_too_long_title_is_refused_and_changes_nothing(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person, title="Vorher")

    with pytest.raises(ValidationError) as exc:
        services.proposal_update(proposal=proposal, user=person, data={"title": "T" * 121})

    assert list(exc.value.message_dict) == ["title"]
    assert Proposal.objects.get().title == "Vorher"


def test_update_to_an_organisation_one_does_not_represent_is_refused(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person)

    with pytest.raises(ValidationError) as exc:
        services.proposal_update(proposal=proposal, user=person, data={"organisation": OrganisationFactory()})

    assert exc.value.message_dict == {"organisation": [ORGANISATION_REFUSED]}
    assert Proposal.objects.get().organisation is None


def test_update_with_a_text_file_renamed_to_pdf_is_refused(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person)
    upload = SimpleUploadedFile("neu.pdf", b"Kein PDF.\n" * 50, content_type="application/pdf")

    with pytest.raises(ValidationError) as exc:
        services.proposal_update(proposal=proposal, user=person, data={"attachment": upload})

    assert list(exc.value.message_dict) == ["attachment"]
    assert not Proposal.objects.get().attachment


def test_moderator_may_update_a_proposal_in_any_phase(voting, moderator):
    proposal = ProposalFactory(consultation=voting, title="Vorher")

    services.proposal_update(proposal=proposal, user=moderator, data={"title": "Korrigiert"})

    assert Proposal.objects.get().title == "Korrigiert"


def test_author_withdraws_own_proposal(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person)  # issue 13: not in the voting phase

    services.proposal_withdraw(proposal=proposal, user=person)

    assert Proposal.objects.get().state == ProposalState.WITHDRAWN


def test_withdraw_of_someone_elses_proposal_is_refused(consultation, person):
    proposal = ProposalFactory(consultation=consultation)

    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(proposal=proposal, user=person)

    assert Proposal.objects.get().state == ProposalState.PUBLISHED


def test_withdrawing_twice_is_refused(consultation, person):
    proposal = ProposalFactory(consultation=consultation, author=person)
    services.proposal_withdraw(proposal=proposal, user=person)
    proposal.refresh_from_db()

    with pytest.raises(PermissionDenied) as exc:
        services.proposal_withdraw(proposal=proposal, user=person)

    assert str(exc.value) == "Der Vorschlag ist bereits zurückgezogen."


# --- proposal_record_analog ------------------------------------------------------


def test_staff_record_a_paper_proposal_with_who_recorded_it(voting, moderator):
    proposal = services.proposal_record_analog(
        consultation=voting,
        recorded_by=moderator,
        data=proposal_data(channel=Channel.PAPER, author_name="Familie Yılmaz"),
    )

    stored = Proposal.objects.get()
    assert stored.pk == proposal.pk
    assert (stored.channel, stored.recorded_by, stored.author) == (Channel.PAPER, moderator, None)
    assert stored.display_author == "Familie Yılmaz"
    assert stored.reference == "LIP-2026-0001"
    assert stored.is_analog


def test_staff_record_a_proposal_from_an_event_of_the_consultation(voting, moderator):
    event = EventFactory(consultation=voting)

    services.proposal_record_analog(
        consultation=voting, recorded_by=moderator, data=proposal_data(channel=Channel.EVENT, event=event)
    )

    assert Proposal.objects.get().event == event


def test_recorded_proposal_without_a_name_is_anonymous(voting, moderator):
    services.proposal_record_analog(
        consultation=voting, recorded_by=moderator, data=proposal_data(channel=Channel.PHONE)
    )

    assert Proposal.objects.get().display_author == "anonym"


def test_recording_with_the_online_channel_is_refused(voting, moderator):
    with pytest.raises(ValidationError) as exc:
        services.proposal_record_analog(
            consultation=voting, recorded_by=moderator, data=proposal_data(channel=Channel.ONLINE)
        )

    assert exc.value.message_dict == {"channel": ["Bitte wählen Sie einen analogen Weg."]}
    assert not Proposal.objects.exists()


def test_recording_with_an_event_of_another_consultation_is_refused(voting, moderator):
    foreign_event = EventFactory(consultation=ConsultationPageFactory())

    with pytest.raises(ValidationError) as exc:
        services.proposal_record_analog(
            consultation=voting, recorded_by=moderator, data=proposal_data(channel=Channel.EVENT, event=foreign_event)
        )

    assert exc.value.message_dict == {"event": ["Diese Veranstaltung gehört zu einer anderen Beteiligung."]}
    assert not Proposal.objects.exists()


def test_recording_from_an_event_channel_without_the_event_is_refused(voting, moderator):
    with pytest.raises(ValidationError) as exc:
        services.proposal_record_analog(
            consultation=voting, recorded_by=moderator, data=proposal_data(channel=Channel.COUNCIL_MEETING)
        )

    assert list(exc.value.message_dict) == ["event"]
    assert not Proposal.objects.exists()


def test_participants_may_not_record_analog_proposals(voting, person):
    with pytest.raises(PermissionDenied):
        services.proposal_record_analog(
            consultation=voting, recorded_by=person, data=proposal_data(channel=Channel.PAPER)
        )

    assert not Proposal.objects.exists()


# --- comments --------------------------------------------------------------------


def test_comment_is_stored_and_counted(discussion, person):
    proposal = ProposalFactory(consultation=discussion)

    comment = services.comment_create(proposal=proposal, author=person, text="  Gute Idee!  ")

    stored = Comment.objects.get()
    assert (stored.pk, stored.author, stored.text, stored.parent) == (comment.pk, person, "Gute Idee!", None)
    assert not stored.is_statement
    assert counters(proposal) == {"online_votes": 0, "analog_votes": 0, "comment_count": 1, "statement_count": 0}


def test_reply_is_attached_to_the_comment(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    top = CommentFactory(proposal=proposal)

    reply = services.comment_create(proposal=proposal, author=person, text="Stimmt.", parent=top)

    assert Comment.objects.get(pk=reply.pk).parent == top
    assert counters(proposal)["comment_count"] == 2


def test_reply_to_a_reply_is_attached_to_the_threads_top_comment(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    top = CommentFactory(proposal=proposal)
    reply = CommentFactory(proposal=proposal, parent=top)

    answer = services.comment_create(proposal=proposal, author=person, text="Und noch etwas.", parent=reply)

    assert Comment.objects.get(pk=answer.pk).parent_id == top.pk
    assert not Comment.objects.filter(parent=reply).exists()


def test_reply_to_a_comment_of_another_proposal_is_refused(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    elsewhere = CommentFactory(proposal=ProposalFactory(consultation=discussion))

    with pytest.raises(ValidationError) as exc:
        services.comment_create(proposal=proposal, author=person, text="Hallo", parent=elsewhere)

    assert exc.value.messages == ["Die Antwort gehört zu einem anderen Vorschlag."]
    assert not proposal.comments.exists()


def test_council_statement_carries_the_members_district_and_is_counted(discussion, council_member):
    proposal = ProposalFactory(consultation=discussion, district=district("linden-limmer"))

    comment = services.comment_create(
        proposal=proposal, author=council_member, text="Der Beirat unterstützt das.", as_statement=True
    )

    stored = Comment.objects.get(pk=comment.pk)
    assert stored.statement_district.slug == "linden-limmer"
    assert stored.is_statement
    assert counters(proposal) == {"online_votes": 0, "analog_votes": 0, "comment_count": 1, "statement_count": 1}


def test_statement_by_a_participant_is_refused_and_stores_nothing(discussion, person):
    proposal = ProposalFactory(consultation=discussion)

    with pytest.raises(PermissionDenied) as exc:
        services.comment_create(proposal=proposal, author=person, text="Offiziell!", as_statement=True)

    assert str(exc.value) == "Nur Mitglieder eines Integrationsbeirats können Stellungnahmen veröffentlichen."
    assert not Comment.objects.exists()
    assert counters(proposal)["statement_count"] == 0


def test_statement_on_a_proposal_of_another_district_is_refused(discussion, council_member):
    proposal = ProposalFactory(consultation=discussion, district=district("mitte"))

    with pytest.raises(PermissionDenied):
        services.comment_create(proposal=proposal, author=council_member, text="Offiziell!", as_statement=True)

    assert not Comment.objects.exists()


def test_ordinary_comment_by_a_council_member_is_no_statement(discussion, council_member):
    proposal = ProposalFactory(consultation=discussion, district=district("linden-limmer"))

    comment = services.comment_create(proposal=proposal, author=council_member, text="Privat gesagt: gut.")

    assert Comment.objects.get(pk=comment.pk).statement_district is None
    assert counters(proposal)["statement_count"] == 0


@pytest.mark.parametrize("text", ["x" * 2001, "   "], ids=["2001-chars", "blank"])
def test_too_long_or_blank_comment_is_refused_and_stores_nothing(discussion, person, text):
    proposal = ProposalFactory(consultation=discussion)

    with pytest.raises(ValidationError) as exc:
        services.comment_create(proposal=proposal, author=person, text=text)

    assert list(exc.value.message_dict) == ["text"]
    assert not Comment.objects.exists()
    assert counters(proposal)["comment_count"] == 0


def test_comment_outside_submission_and_discussion_is_refused(voting, person):
    proposal = ProposalFactory(consultation=voting)

    with pytest.raises(PermissionDenied):
        services.comment_create(proposal=proposal, author=person, text="Zu spät?")

    assert not Comment.objects.exists()


def test_comment_on_a_hidden_proposal_is_refused(discussion, person):
    proposal = ProposalFactory(consultation=discussion, hidden=True)

    with pytest.raises(PermissionDenied) as exc:
        services.comment_create(proposal=proposal, author=person, text="Hallo")

    assert str(exc.value) == CLOSED_PROPOSAL
    assert not Comment.objects.exists()


def test_author_edits_a_comment_within_15_minutes(discussion, person, clock):
    proposal = ProposalFactory(consultation=discussion)
    comment = services.comment_create(proposal=proposal, author=person, text="Erste Fassung")
    clock.shift(timedelta(minutes=14))

    services.comment_update(comment=comment, user=person, text="Zweite Fassung")

    stored = Comment.objects.get()
    assert stored.text == "Zweite Fassung"
    assert stored.edited_at == NOW + timedelta(minutes=14)


def test_comment_edit_after_15_minutes_is_refused_and_changes_nothing(discussion, person, clock):
    proposal = ProposalFactory(consultation=discussion)
    comment = services.comment_create(proposal=proposal, author=person, text="Erste Fassung")
    clock.shift(timedelta(minutes=16))

    with pytest.raises(PermissionDenied) as exc:
        services.comment_update(comment=comment, user=person, text="Zu spät")

    assert str(exc.value) == "Kommentare können nur in den ersten 15 Minuten bearbeitet werden."
    stored = Comment.objects.get()
    assert (stored.text, stored.edited_at) == ("Erste Fassung", None)


def test_comment_edit_by_someone_else_is_refused(discussion, person):
    comment = CommentFactory(proposal=ProposalFactory(consultation=discussion), text="Original")

    with pytest.raises(PermissionDenied):
        services.comment_update(comment=comment, user=person, text="Gefälscht")

    assert Comment.objects.get().text == "Original"


def test_comment_delete_is_soft_and_keeps_the_replies(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    top = services.comment_create(proposal=proposal, author=person, text="Meine Meinung")
    reply = CommentFactory(proposal=proposal, parent=top)

    services.comment_delete(comment=top, user=person)

    stored = Comment.objects.get(pk=top.pk)
    assert stored.text == ""
    assert stored.deleted_at == NOW
    assert stored.is_deleted
    assert list(stored.replies.all()) == [reply]
    assert counters(proposal)["comment_count"] == 1


def test_deleting_a_statement_decrements_the_statement_count(discussion, council_member):
    proposal = ProposalFactory(consultation=discussion, district=district("linden-limmer"))
    statement = services.comment_create(proposal=proposal, author=council_member, text="Beirat: ja.", as_statement=True)

    services.comment_delete(comment=statement, user=council_member)

    assert counters(proposal) == {"online_votes": 0, "analog_votes": 0, "comment_count": 0, "statement_count": 0}


def test_moderator_deletes_someone_elses_comment(discussion, moderator):
    proposal = ProposalFactory(consultation=discussion)
    comment = CommentFactory(proposal=proposal)

    services.comment_delete(comment=comment, user=moderator)

    assert Comment.objects.get().is_deleted
    assert counters(proposal)["comment_count"] == 0


def test_comment_delete_by_a_stranger_is_refused(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    comment = CommentFactory(proposal=proposal, text="Bleibt")

    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, user=person)

    assert Comment.objects.get().text == "Bleibt"
    assert counters(proposal)["comment_count"] == 1


def test_deleting_a_comment_twice_is_refused_and_counts_once(discussion, person):
    proposal = ProposalFactory(consultation=discussion)
    comment = services.comment_create(proposal=proposal, author=person, text="Weg damit")
    CommentFactory(proposal=proposal)
    services.comment_delete(comment=comment, user=person)
    comment.refresh_from_db()

    with pytest.raises(PermissionDenied) as exc:
        services.comment_delete(comment=comment, user=person)

    assert str(exc.value) == "Der Kommentar wurde bereits gelöscht."
    assert counters(proposal)["comment_count"] == 1


# --- votes -----------------------------------------------------------------------


def test_vote_is_stored_and_counted(voting, person):
    proposal = ProposalFactory(consultation=voting)

    vote = services.vote_cast(proposal=proposal, user=person)

    stored = Vote.objects.get()
    assert (stored.pk, stored.user, stored.proposal, stored.consultation_id) == (vote.pk, person, proposal, voting.pk)
    assert counters(proposal)["online_votes"] == 1


def test_second_vote_on_the_same_proposal_is_refused(voting, person):
    proposal = ProposalFactory(consultation=voting)
    services.vote_cast(proposal=proposal, user=person)

    with pytest.raises(VoteRefused) as exc:
        services.vote_cast(proposal=proposal, user=person)

    assert exc.value.messages == [ALREADY_VOTED]
    assert Vote.objects.count() == 1
    assert counters(proposal)["online_votes"] == 1


def test_database_refuses_a_second_vote_row(voting, person):
    proposal = ProposalFactory(consultation=voting, online_votes=1)  # the counter of the row created directly
    Vote.objects.create(proposal=proposal, user=person, consultation=voting)

    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(proposal=proposal, user=person, consultation=voting)

    assert Vote.objects.count() == 1


def test_vote_over_the_budget_is_refused(db, clock, person):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=2)
    first, second, third = ProposalFactory.create_batch(3, consultation=consultation)
    services.vote_cast(proposal=first, user=person)
    services.vote_cast(proposal=second, user=person)

    with pytest.raises(VoteRefused) as exc:
        services.vote_cast(proposal=third, user=person)

    assert exc.value.messages == [
        "Sie haben alle 2 Stimmen vergeben. Ziehen Sie eine Stimme zurück, um diesen Vorschlag zu unterstützen."
    ]
    assert Vote.objects.filter(user=person).count() == 2
    assert counters(third)["online_votes"] == 0


def test_votes_in_another_consultation_do_not_count_against_the_budget(db, clock, person):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=1)
    elsewhere = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=1)
    services.vote_cast(proposal=ProposalFactory(consultation=elsewhere), user=person)

    services.vote_cast(proposal=ProposalFactory(consultation=consultation), user=person)

    assert services.votes_used(user=person, consultation=consultation) == 1


def test_budget_zero_means_unlimited(voting, person):
    proposals = ProposalFactory.create_batch(7, consultation=voting)

    for proposal in proposals:
        services.vote_cast(proposal=proposal, user=person)

    assert Vote.objects.filter(user=person).count() == 7


@pytest.mark.parametrize("state", ["hidden", "withdrawn"])
def test_vote_on_a_hidden_or_withdrawn_proposal_is_refused(voting, person, state):
    proposal = ProposalFactory(consultation=voting, **{state: True})

    with pytest.raises(PermissionDenied) as exc:
        services.vote_cast(proposal=proposal, user=person)

    assert str(exc.value) == CLOSED_PROPOSAL
    assert not Vote.objects.exists()
    assert counters(proposal)["online_votes"] == 0


def test_vote_outside_the_voting_phase_is_refused(discussion, person):
    proposal = ProposalFactory(consultation=discussion)

    with pytest.raises(PermissionDenied) as exc:
        services.vote_cast(proposal=proposal, user=person)

    assert str(exc.value) == "Das ist ab 24. März 2026 12:00 möglich (Phase „Abstimmung“)."
    assert not Vote.objects.exists()


def test_vote_by_an_anonymous_person_is_refused(voting):
    proposal = ProposalFactory(consultation=voting)

    with pytest.raises(PermissionDenied) as exc:
        services.vote_cast(proposal=proposal, user=AnonymousUser())

    assert str(exc.value) == "Bitte melden Sie sich an, um mitzumachen."
    assert not Vote.objects.exists()


def test_withdrawing_a_vote_deletes_it_and_counts_down(voting, person):
    proposal = ProposalFactory(consultation=voting)
    VoteFactory(proposal=proposal)
    services.vote_cast(proposal=proposal, user=person)

    services.vote_withdraw(proposal=proposal, user=person)

    assert not Vote.objects.filter(user=person).exists()
    assert counters(proposal)["online_votes"] == 1


def test_withdrawing_a_vote_one_never_cast_is_refused(voting, person):
    proposal = ProposalFactory(consultation=voting)
    VoteFactory(proposal=proposal)

    with pytest.raises(VoteRefused) as exc:
        services.vote_withdraw(proposal=proposal, user=person)

    assert exc.value.messages == ["Sie unterstützen diesen Vorschlag nicht."]
    assert Vote.objects.count() == 1
    assert counters(proposal)["online_votes"] == 1


def test_withdrawn_vote_frees_the_budget(db, clock, person):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=1)
    first, second = ProposalFactory.create_batch(2, consultation=consultation)
    services.vote_cast(proposal=first, user=person)
    services.vote_withdraw(proposal=first, user=person)

    services.vote_cast(proposal=second, user=person)

    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [second.pk]


def test_vote_withdraw_after_the_voting_phase_is_refused(db, person, clock):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING)
    proposal = ProposalFactory(consultation=consultation)
    services.vote_cast(proposal=proposal, user=person)
    clock.shift(timedelta(days=10))

    with pytest.raises(PermissionDenied):
        services.vote_withdraw(proposal=proposal, user=person)

    assert Vote.objects.count() == 1
    assert counters(proposal)["online_votes"] == 1


# --- analog tallies --------------------------------------------------------------


def test_tally_is_recorded_and_added_to_the_analog_votes(voting, moderator):
    proposal = ProposalFactory(consultation=voting)
    event = EventFactory(consultation=voting)

    tally = services.tally_record(proposal=proposal, event=event, count=12, recorded_by=moderator)

    stored = AnalogTally.objects.get()
    assert (stored.pk, stored.count, stored.recorded_by, stored.event) == (tally.pk, 12, moderator, event)
    assert counters(proposal)["analog_votes"] == 12


def test_correcting_a_tally_moves_the_analog_votes_by_the_difference(voting, moderator):
    proposal = ProposalFactory(consultation=voting)
    workshop, info_stand = EventFactory.create_batch(2, consultation=voting)
    services.tally_record(proposal=proposal, event=workshop, count=12, recorded_by=moderator)
    services.tally_record(proposal=proposal, event=info_stand, count=5, recorded_by=moderator)

    services.tally_record(proposal=proposal, event=workshop, count=8, recorded_by=moderator)

    assert AnalogTally.objects.get(event=workshop).count == 8
    assert AnalogTally.objects.count() == 2
    assert counters(proposal)["analog_votes"] == 13


def test_negative_tally_is_refused_and_changes_nothing(voting, moderator):
    proposal = ProposalFactory(consultation=voting)
    event = EventFactory(consultation=voting)
    services.tally_record(proposal=proposal, event=event, count=4, recorded_by=moderator)

    with pytest.raises(ValidationError) as exc:
        services.tally_record(proposal=proposal, event=event, count=-1, recorded_by=moderator)

    assert exc.value.message_dict == {"count": ["Die Anzahl kann nicht negativ sein."]}
    assert AnalogTally.objects.get().count == 4
    assert counters(proposal)["analog_votes"] == 4


@pytest.mark.parametrize("state", ["hidden", "withdrawn"])
def test_tally_for_a_hidden_or_withdrawn_proposal_is_refused(voting, moderator, state):
    proposal = ProposalFactory(consultation=voting, **{state: True})

    with pytest.raises(ValidationError) as exc:
        services.tally_record(
            proposal=proposal, event=EventFactory(consultation=voting), count=3, recorded_by=moderator
        )

    assert exc.value.message_dict == {
        "proposal": ["Für ausgeblendete oder zurückgezogene Vorschläge werden keine Stimmen gezählt."]
    }
    assert not AnalogTally.objects.exists()


def test_tally_from_an_event_of_another_consultation_is_refused(voting, moderator):
    proposal = ProposalFactory(consultation=voting)
    foreign_event = EventFactory(consultation=ConsultationPageFactory())

    with pytest.raises(ValidationError) as exc:
        services.tally_record(proposal=proposal, event=foreign_event, count=3, recorded_by=moderator)

    assert list(exc.value.message_dict) == ["event"]
    assert not AnalogTally.objects.exists()


def test_participants_may_not_record_tallies(voting, person):
    proposal = ProposalFactory(consultation=voting)

    with pytest.raises(PermissionDenied):
        services.tally_record(proposal=proposal, event=EventFactory(consultation=voting), count=3, recorded_by=person)

    assert not AnalogTally.objects.exists()
    assert counters(proposal)["analog_votes"] == 0


def test_event_save_records_who_created_it(voting, moderator):
    event = EventFactory.build(consultation=voting)

    services.event_save(event=event, user=moderator, topics=[topic()])

    stored = voting.events.get()
    assert stored.created_by == moderator
    assert [t.slug for t in stored.topics.all()] == ["sprachfoerderung"]


def test_a_vote_on_a_proposal_withdrawn_later_no_longer_uses_the_budget(db, clock, person):
    consultation = ConsultationPageFactory(phases=PhaseType.VOTING, vote_budget=1)
    withdrawn_later, other = ProposalFactory.create_batch(2, consultation=consultation)
    services.vote_cast(proposal=withdrawn_later, user=person)
    Proposal.objects.filter(pk=withdrawn_later.pk).update(state=ProposalState.WITHDRAWN)

    services.vote_cast(proposal=other, user=person)

    assert services.votes_used(user=person, consultation=consultation) == 1
    assert Vote.objects.filter(user=person).count() == 2


def test_deleting_a_tally_takes_its_votes_off_the_analog_total(voting, moderator):
    proposal = ProposalFactory(consultation=voting)
    workshop, info_stand = EventFactory.create_batch(2, consultation=voting)
    wrong = services.tally_record(proposal=proposal, event=workshop, count=12, recorded_by=moderator)
    services.tally_record(proposal=proposal, event=info_stand, count=5, recorded_by=moderator)

    services.tally_delete(tally=wrong, user=moderator)

    assert list(AnalogTally.objects.values_list("count", flat=True)) == [5]
    assert counters(proposal)["analog_votes"] == 5


def test_deleting_a_tally_is_refused_to_participants(voting, moderator, person):
    tally = services.tally_record(
        proposal=ProposalFactory(consultation=voting),
        event=EventFactory(consultation=voting),
        count=3,
        recorded_by=moderator,
    )

    with pytest.raises(PermissionDenied):
        services.tally_delete(tally=tally, user=person)

    assert AnalogTally.objects.filter(pk=tally.pk).exists()
