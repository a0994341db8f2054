"""The proposal page: what it shows, comments and statements, votes, and the actions on it."""

import itertools
import re
from datetime import timedelta

import pytest
from django.test import Client

from consultation.models import (
    AnalogTally,
    Channel,
    Comment,
    Event,
    EventKind,
    Proposal,
    ProposalState,
    Response,
    ResponseState,
    Vote,
)
from tests import factories
from tests.consultation.factories import EventFactory


def page_of(client, proposal) -> str:
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- What the page shows ---------------------------------------------------------


def test_page_shows_reference_text_topic_district_tags_and_author(client, clock, make_proposal, district, consultation):
    proposal = make_proposal(district=district, text="Erster Absatz.\n\nZweiter Absatz.", tags=["Kita"])
    body = page_of(client, proposal)
    assert proposal.reference in body
    assert '<h1 dir="auto">Sprachcafés in allen Stadtteilbibliotheken</h1>' in body  # what people wrote: any script
    assert "<p>Erster Absatz.</p>" in body and "<p>Zweiter Absatz.</p>" in body
    assert "Sprachförderung" in body
    assert "Linden-Limmer" in body
    assert f'href="{consultation.url}vorschlaege/?tag=kita">Kita</a>' in body
    assert "Aylin Autorin" in body
    assert "online" in body


def test_citywide_proposal_says_so(client, clock, make_proposal):
    assert "stadtweit" in page_of(client, make_proposal(district=None))


def test_votes_show_total_with_analog_split(client, clock, make_proposal):
    proposal = make_proposal(online_votes=30, analog_votes=12)
    assert "42 Stimmen, davon 12 analog" in page_of(client, proposal)


def test_analog_proposal_shows_name_channel_and_event(client, clock, make_proposal, consultation, moderator):
    event = EventFactory(consultation=consultation, title="Workshop Linden", date=clock.now, place="Freizeitheim")
    proposal = make_proposal(
        channel=Channel.EVENT, author=None, author_name="Frau Yilmaz", event=event, recorded_by=moderator
    )
    body = page_of(client, proposal)
    assert "Frau Yilmaz (analog)" in body
    assert "analog (Veranstaltung / Workshop)" in body
    assert f'href="{consultation.url}veranstaltungen/{event.pk}/">Workshop Linden</a>' in body


def test_anonymous_analog_proposal_says_anonym(client, clock, make_proposal):
    proposal = make_proposal(channel=Channel.PAPER, author=None, author_name="")
    body = page_of(client, proposal)
    assert re.search(r"Eingereicht von</dt>\s*<dd>anonym\s*</dd>", body)


def test_proposal_of_organisation_says_on_behalf_of(client, clock, make_proposal, representative, organisation):
    proposal = make_proposal(author=representative, organisation=organisation)
    body = page_of(client, proposal)
    assert f"im Namen von {organisation.name}" in body
    assert "✓ bestätigt" in body


def test_published_response_is_shown_and_a_draft_is_not(client, clock, proposal):
    response = Response.objects.create(
        proposal=proposal, state=ResponseState.ADOPTED, text="Wird umgesetzt.", department="Sachgebiet Integration"
    )
    body = page_of(client, proposal)
    assert "Wird umgesetzt." not in body
    assert "Die Stadtverwaltung hat noch nicht geantwortet." in body
    response.published_at = clock.now
    response.save()
    body = page_of(client, proposal)
    assert "in den LIP übernommen" in body
    assert "<p>Wird umgesetzt.</p>" in body
    assert "Zuständige Stelle: Sachgebiet Integration" in body


def test_what_became_of_it_has_its_place(client, clock, proposal):
    body = page_of(client, proposal)
    assert "Was daraus wurde" in body
    assert "Noch keine Maßnahme zugeordnet." in body


def test_headings_are_in_order(client, clock, proposal, make_comment):
    make_comment(proposal, parent=make_comment(proposal))
    levels = [int(h) for h in re.findall(r"<h([1-6])", page_of(client, proposal).split("<main", 1)[1])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


# --- Hidden and withdrawn --------------------------------------------------------


def test_hidden_proposal_is_404_for_everyone_but_author_and_moderators(
    client_for, clock, make_proposal, author, user, moderator
):
    hidden = make_proposal(state=ProposalState.HIDDEN)
    assert client_for(None).get(hidden.get_absolute_url()).status_code == 404
    assert client_for(user).get(hidden.get_absolute_url()).status_code == 404
    for person in (author, moderator):
        response = client_for(person).get(hidden.get_absolute_url())
        assert response.status_code == 200
        assert "durch die Moderation ausgeblendet" in response.content.decode()


def test_withdrawn_proposal_shows_title_and_notice_only(client, clock, make_proposal, make_comment):
    withdrawn = make_proposal(state=ProposalState.WITHDRAWN, text="Geheimer Text")
    make_comment(withdrawn, text="Ein Kommentar")
    body = page_of(client, withdrawn)
    assert "Sprachcafés in allen Stadtteilbibliotheken" in body
    assert "zurückgezogen" in body
    assert "Geheimer Text" not in body
    assert "Ein Kommentar" not in body


def test_unknown_reference_is_404(client, clock, consultation):
    assert client.get(consultation.url + "vorschlaege/LIP-2026-9999/").status_code == 404


def test_reference_of_another_consultation_is_404(
    client_for, clock, consultation, other_consultation, make_proposal, user
):
    foreign = make_proposal(consultation=other_consultation)
    url = f"{consultation.url}vorschlaege/{foreign.reference}/"
    assert client_for(user).get(url).status_code == 404
    clock.travel("voting")
    client = client_for(user)
    assert client.post(url + "stimme/").status_code == 404
    assert client.post(url + "kommentieren/", {"text": "Hallo"}).status_code == 404
    assert not Vote.objects.exists() and not Comment.objects.exists()


def test_unknown_action_is_404(client, clock, proposal):
    assert client.get(proposal.get_absolute_url() + "loeschen/").status_code == 404


# --- Comments --------------------------------------------------------------------


def test_comment_is_stored_and_shown_escaped(client_for, clock, proposal, user):
    client = client_for(user)
    response = client.post(proposal.get_absolute_url() + "kommentieren/", {"text": "<i>Gut</i>\n\nWirklich."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{proposal.get_absolute_url()}#kommentar-{comment.pk}"
    body = page_of(client, proposal)
    assert "Ihr Kommentar ist veröffentlicht." in body
    assert "<p>&lt;i&gt;Gut&lt;/i&gt;</p>" in body and "<p>Wirklich.</p>" in body
    proposal.refresh_from_db()
    assert proposal.comment_count == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_too_long_comment_is_refused(client_for, clock, proposal, user, text):
    response = client_for(user).post(proposal.get_absolute_url() + "kommentieren/", {"text": text})
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    assert not Comment.objects.exists()


def test_reply_is_shown_under_its_comment_and_replies_stay_one_level(client_for, clock, proposal, make_comment, user):
    first = make_comment(proposal, text="Erster Kommentar")
    client = client_for(user)
    page = page_of(client, proposal)
    reply_link = f"{proposal.get_absolute_url()}?antwort={first.pk}#kommentar-schreiben"
    assert f'href="{reply_link}"' in page
    form_page = client.get(reply_link.split("#")[0]).content.decode()
    assert f'name="parent" value="{first.pk}"' in form_page
    assert "Sie antworten auf den Kommentar von Aylin Autorin." in form_page

    client.post(proposal.get_absolute_url() + "kommentieren/", {"text": "Antwort", "parent": first.pk})
    reply = Comment.objects.get(text="Antwort")
    client.post(proposal.get_absolute_url() + "kommentieren/", {"text": "Antwort auf Antwort", "parent": reply.pk})
    assert reply.parent == first
    assert Comment.objects.get(text="Antwort auf Antwort").parent == first  # attached to the thread
    body = page_of(client, proposal)
    replies = body.split('class="comment-replies"', 1)[1]
    assert "Antwort" in replies and "Antwort auf Antwort" in replies


@pytest.mark.parametrize("forged", ["999999", "other-proposal"])
def test_reply_to_a_forged_comment_is_refused(client_for, clock, proposal, make_proposal, make_comment, user, forged):
    if forged == "other-proposal":
        forged = make_comment(make_proposal(title="Anderer")).pk
    response = client_for(user).post(proposal.get_absolute_url() + "kommentieren/", {"text": "Hallo", "parent": forged})
    assert response.status_code == 400
    assert not Comment.objects.filter(text="Hallo").exists()


def test_get_on_comment_action_is_not_allowed(client_for, clock, proposal, user):
    assert client_for(user).get(proposal.get_absolute_url() + "kommentieren/").status_code == 405
    assert not Comment.objects.exists()


def test_comment_can_be_edited_within_15_minutes(client_for, clock, proposal, make_comment, author):
    comment = make_comment(proposal)
    edit_url = f"{proposal.consultation.url}kommentare/{comment.pk}/bearbeiten/"
    client = client_for(author)
    assert f'href="{edit_url}"' in page_of(client, proposal)
    assert client.get(edit_url).status_code == 200
    clock.shift(timedelta(minutes=10))
    response = client.post(edit_url, {"text": "Korrigiert"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Korrigiert" and comment.edited_at is not None
    assert "bearbeitet" in page_of(client, proposal)


def test_comment_cannot_be_edited_after_15_minutes(client_for, clock, proposal, make_comment, author):
    comment = make_comment(proposal)
    edit_url = f"{proposal.consultation.url}kommentare/{comment.pk}/bearbeiten/"
    clock.shift(timedelta(minutes=16))
    client = client_for(author)
    assert f'href="{edit_url}"' not in page_of(client, proposal)
    response = client.post(edit_url, {"text": "Zu spät"})
    assert response.status_code == 403
    assert "nur in den ersten 15 Minuten" in response.content.decode()
    comment.refresh_from_db()
    assert comment.text != "Zu spät"


def test_others_cannot_edit_or_delete_a_comment(client_for, clock, proposal, make_comment, user):
    comment = make_comment(proposal)
    base = f"{proposal.consultation.url}kommentare/{comment.pk}/"
    client = client_for(user)
    assert client.post(base + "bearbeiten/", {"text": "Fremd"}).status_code == 403
    assert client.post(base + "loeschen/").status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Gute Idee, das brauchen wir auch in Linden." and not comment.is_deleted


def test_comment_edit_with_too_long_text_is_refused(client_for, clock, proposal, make_comment, author):
    comment = make_comment(proposal)
    response = client_for(author).post(
        f"{proposal.consultation.url}kommentare/{comment.pk}/bearbeiten/", {"text": "x" * 2001}
    )
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.text.startswith("Gute Idee")


def test_soft_delete_replaces_the_text_and_keeps_replies(client_for, clock, proposal, make_comment, author, user):
    comment = make_comment(proposal, text="Wird gelöscht")
    make_comment(proposal, parent=comment, author=user, text="Antwort bleibt")
    delete_url = f"{proposal.consultation.url}kommentare/{comment.pk}/loeschen/"
    client = client_for(author)
    assert f'href="{delete_url}"' in page_of(client, proposal)
    confirmation = client.get(delete_url)
    assert confirmation.status_code == 200 and "wirklich löschen" in confirmation.content.decode()
    response = client.post(delete_url)
    assert response.status_code == 302
    body = page_of(client, proposal)
    assert "Dieser Kommentar wurde gelöscht." in body
    assert "Wird gelöscht" not in body
    assert "Antwort bleibt" in body
    assert client.post(delete_url).status_code == 403  # already deleted


def test_comment_of_another_consultation_is_404(
    client_for, clock, consultation, other_consultation, make_proposal, make_comment, author
):
    comment = make_comment(make_proposal(consultation=other_consultation))
    response = client_for(author).post(f"{consultation.url}kommentare/{comment.pk}/loeschen/")
    assert response.status_code == 404
    comment.refresh_from_db()
    assert not comment.is_deleted


def test_unknown_comment_action_is_404(client_for, clock, proposal, make_comment, author):
    comment = make_comment(proposal)
    assert client_for(author).post(f"{proposal.consultation.url}kommentare/{comment.pk}/ausblenden/").status_code == 404


# --- Statements ------------------------------------------------------------------


def test_statement_is_shown_distinctly(client_for, clock, proposal, council_member):
    client = client_for(council_member)
    client.post(
        proposal.get_absolute_url() + "kommentieren/", {"text": "Der Beirat unterstützt das.", "as_statement": "on"}
    )
    statement = Comment.objects.get()
    body = page_of(client_for(None), proposal)
    assert "Stellungnahmen der Integrationsbeiräte" in body
    assert f'href="#kommentar-{statement.pk}">Stellungnahme des Integrationsbeirats Linden-Limmer</a>' in body
    assert 'class="comment comment--statement"' in body
    proposal.refresh_from_db()
    assert proposal.statement_count == 1


def test_council_member_may_state_on_citywide_proposals(client_for, clock, make_proposal, other_council_member):
    citywide = make_proposal(district=None)
    body = page_of(client_for(other_council_member), citywide)
    assert "als Stellungnahme des Integrationsbeirats Mitte veröffentlichen" in body


def test_participant_does_not_see_the_statement_checkbox(client_for, clock, proposal, user):
    body = page_of(client_for(user), proposal)
    assert 'name="as_statement"' not in body
    assert "Nur Mitglieder eines Integrationsbeirats" not in body


# --- Votes -----------------------------------------------------------------------


def test_vote_and_withdraw_in_the_voting_phase(client_for, clock, proposal, user):
    clock.travel("voting")
    client = client_for(user)
    response = client.post(proposal.get_absolute_url() + "stimme/")
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url() + "#stimmen"
    body = page_of(client, proposal)
    assert "1 Stimme" in body
    assert "Sie unterstützen diesen Vorschlag." in body
    assert f'action="{proposal.get_absolute_url()}stimme-zurueckziehen/"' in body

    response = client.post(proposal.get_absolute_url() + "stimme-zurueckziehen/")
    assert response.status_code == 302
    assert not Vote.objects.exists()
    proposal.refresh_from_db()
    assert proposal.online_votes == 0


def test_second_vote_is_refused_with_a_message(client_for, clock, proposal, user):
    clock.travel("voting")
    client = client_for(user)
    client.post(proposal.get_absolute_url() + "stimme/")
    response = client.post(proposal.get_absolute_url() + "stimme/")
    assert response.status_code == 409
    assert "Sie unterstützen diesen Vorschlag bereits." in response.content.decode()
    assert Vote.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.online_votes == 1


def test_withdrawing_a_vote_one_never_cast_is_refused(client_for, clock, proposal, user):
    clock.travel("voting")
    response = client_for(user).post(proposal.get_absolute_url() + "stimme-zurueckziehen/")
    assert response.status_code == 409
    assert "Sie unterstützen diesen Vorschlag nicht." in response.content.decode()


def test_vote_budget_is_shown_and_enforced(client_for, clock, make_consultation, make_proposal, user):
    consultation = make_consultation(vote_budget=2)
    proposals = [make_proposal(consultation=consultation, title=f"Vorschlag {i}") for i in range(3)]
    clock.travel("voting")
    client = client_for(user)
    assert "Sie haben noch 2 von 2 Stimmen." in page_of(client, proposals[0])
    client.post(proposals[0].get_absolute_url() + "stimme/")
    assert "Sie haben noch 1 von 2 Stimmen." in page_of(client, proposals[1])
    client.post(proposals[1].get_absolute_url() + "stimme/")
    body = page_of(client, proposals[2])
    assert "Sie haben noch 0 von 2 Stimmen." in body
    assert "Sie haben alle 2 Stimmen vergeben." in body
    assert f'action="{proposals[2].get_absolute_url()}stimme/"' not in body
    response = client.post(proposals[2].get_absolute_url() + "stimme/")
    assert response.status_code == 409
    assert "Sie haben alle 2 Stimmen vergeben." in response.content.decode()
    assert Vote.objects.filter(user=user).count() == 2
    assert "Sie haben noch 0 von 2 Stimmen." in client.get(consultation.url).content.decode()


def test_vote_on_hidden_proposal_is_404_and_refused_for_its_author(client_for, clock, make_proposal, author, user):
    hidden = make_proposal(state=ProposalState.HIDDEN)
    clock.travel("voting")
    assert client_for(user).post(hidden.get_absolute_url() + "stimme/").status_code == 404
    assert client_for(author).post(hidden.get_absolute_url() + "stimme/").status_code == 403
    assert not Vote.objects.exists()


def test_vote_on_withdrawn_proposal_is_refused(client_for, clock, make_proposal, user):
    withdrawn = make_proposal(state=ProposalState.WITHDRAWN)
    clock.travel("voting")
    assert client_for(user).post(withdrawn.get_absolute_url() + "stimme/").status_code == 403
    assert not Vote.objects.exists()


def test_get_on_vote_is_not_allowed(client_for, clock, proposal, user):
    clock.travel("voting")
    assert client_for(user).get(proposal.get_absolute_url() + "stimme/").status_code == 405
    assert not Vote.objects.exists()


def test_analog_tally_counts_in_the_total(client, clock, proposal, consultation, moderator):
    from consultation import services

    event = Event.objects.create(
        consultation=consultation, kind=EventKind.COUNCIL_MEETING, title="Sitzung", date=clock.now, place="Rathaus"
    )
    services.tally_record(proposal=proposal, event=event, count=12, recorded_by=moderator)
    Proposal.objects.filter(pk=proposal.pk).update(online_votes=30)
    assert AnalogTally.objects.count() == 1
    assert "42 Stimmen, davon 12 analog" in page_of(client, proposal)


# --- CSRF ------------------------------------------------------------------------


@pytest.mark.parametrize("action, data", [("stimme/", {}), ("kommentieren/", {"text": "Hallo"})])
def test_actions_without_csrf_token_are_refused(clock, proposal, user, action, data):
    clock.travel("voting" if action == "stimme/" else "submission")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(proposal.get_absolute_url() + action, data)
    assert response.status_code == 403
    assert not Vote.objects.exists() and not Comment.objects.exists()


def test_council_member_of_other_district_sees_why_not(client_for, clock, proposal, other_council_member):
    body = page_of(client_for(other_council_member), proposal)
    assert "Ihr Integrationsbeirat kann nur zu Vorschlägen aus seinem Stadtbezirk" in body


def test_moderator_sees_hidden_comments_marked(client_for, clock, proposal, make_comment, moderator, user):
    from consultation.models import CommentState

    make_comment(proposal, text="Ausgeblendet", state=CommentState.HIDDEN)
    assert "Ausgeblendet" not in page_of(client_for(user), proposal)
    body = page_of(client_for(moderator), proposal)
    assert "Ausgeblendet" in body
    assert "Dieser Kommentar ist durch die Moderation ausgeblendet." in body


def test_unverified_organisation_shows_no_verified_badge(client, clock, make_proposal):
    organisation = factories.OrganisationFactory(unverified=True)
    body = page_of(client, make_proposal(organisation=organisation))
    assert "noch nicht bestätigt" in body


def test_analog_proposal_of_an_organisation_names_it(client, clock, make_proposal, organisation, moderator):
    proposal = make_proposal(channel=Channel.EMAIL, author=None, organisation=organisation, recorded_by=moderator)
    assert f"{organisation.name} (analog)" in page_of(client, proposal)
