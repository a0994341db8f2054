"""The permission matrix: roles × times × actions, asserting what the page offers AND what a POST does.

The expected outcome is written down here independently of consultation.permissions (DESIGN.md, "Phases decide
what is allowed"): submit and edit own proposal in the submission phase; comment and council statements in the
submission and discussion phases; vote in the voting phase. Moderators are never blocked by phases (but only
council members state for a council, and only for their own district or city-wide proposals). Anonymous visitors
are sent to log in.
"""

import pytest
from django.urls import reverse

from consultation.models import Comment, Proposal, Vote
from tests import factories
from tests.helpers import matrix

from .conftest import TIMES

ROLES = ["anonymous", "participant", "representative", "council_here", "council_elsewhere", "moderator"]
ACTIONS = ["submit", "edit", "comment", "statement", "vote"]

OPEN_IN = {
    "submit": {"submission"},
    "edit": {"submission"},
    "comment": {"submission", "discussion"},
    "statement": {"submission", "discussion"},
    "vote": {"voting"},
}
# When an action opens next, seen from each time before it: the day the Decision's reason names.
OPENS_ON = {"submission": "12. März 2026", "discussion": "22. März 2026", "voting": "1. April 2026"}
ORDER = TIMES  # before, information, submission, discussion, voting, evaluation, results, after


def expected(role: str, time: str, action: str) -> str:
    if role == "anonymous":
        return "login"
    if action == "statement" and role != "council_here":
        return "refused"
    if role == "moderator":
        return "allowed"
    return "allowed" if time in OPEN_IN[action] else "refused"


def phase_reason(time: str, action: str) -> str:
    """The start of the reason a refusal by phase gives at `time`."""
    upcoming = [t for t in ORDER[ORDER.index(time) + 1 :] if t in OPEN_IN[action]]
    if upcoming:
        return f"Das ist ab {OPENS_ON[upcoming[0]]}"
    return "In der aktuellen Phase ist das nicht möglich."


def refusal_reason(role: str, time: str, action: str) -> str:
    if action == "statement" and role == "council_elsewhere":
        return "Ihr Integrationsbeirat kann nur zu Vorschlägen aus seinem Stadtbezirk"
    if action == "statement" and role != "council_here":
        return "Nur Mitglieder eines Integrationsbeirats"
    return phase_reason(time, action)


@pytest.fixture
def people(db, organisation, council_member, other_council_member, moderator):
    return {
        "anonymous": None,
        "participant": factories.UserFactory(display_name="Paula Teilnahme"),
        "representative": factories.representative_of(organisation, display_name="Rami Vertretung"),
        "council_here": council_member,
        "council_elsewhere": other_council_member,
        "moderator": moderator,
    }


def body(response) -> str:
    return response.content.decode()


def assert_login_redirect(response, next_url: str) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    assert next_url.replace("/", "%2F") in response["Location"]


@matrix(ROLES, TIMES, ACTIONS)
def test_permission_matrix(
    case, client_for, clock, people, consultation, proposal, make_proposal, topic, district, organisation
):
    role, time, action = case
    person = people[role]
    outcome = expected(role, time, action)
    own = make_proposal(author=person, title="Mein eigener Vorschlag") if person is not None else proposal
    clock.travel(time)
    client = client_for(person)  # after travelling: a session made earlier might have expired

    base = consultation.url
    proposal_url = proposal.get_absolute_url()

    if action == "submit":
        create_url = base + "vorschlaege/neu/"
        offered = f'<a class="button" href="{create_url}">'
        page = body(client.get(base))
        listing = body(client.get(base + "vorschlaege/"))
        if outcome == "allowed":
            assert offered in page and offered in listing
        else:
            assert offered not in page and offered not in listing
            reason = "Bitte melden Sie sich an" if outcome == "login" and time == "submission" else None
            assert (reason or refusal_reason(role, time, action)) in page

        before = Proposal.objects.count()
        data = {"title": "Ein neuer Vorschlag", "text": "Mehr Sprachkurse am Abend.", "topic": topic.pk, "district": ""}
        if role == "representative":
            data["organisation"] = organisation.pk
        response = client.post(create_url, data)
        if outcome == "allowed":
            assert response.status_code == 302
            created = Proposal.objects.get(title="Ein neuer Vorschlag")
            assert response["Location"] == created.get_absolute_url()
            assert created.author == person
            assert created.organisation == (organisation if role == "representative" else None)
        elif outcome == "login":
            assert_login_redirect(response, create_url)
            assert Proposal.objects.count() == before
        else:
            assert response.status_code == 403
            assert refusal_reason(role, time, action) in body(response)
            assert Proposal.objects.count() == before

    elif action == "edit":
        own_url = own.get_absolute_url()
        edit_url = own_url + "bearbeiten/"
        page = body(client.get(own_url))
        if outcome == "allowed":
            assert f'href="{edit_url}"' in page
        else:
            assert f'href="{edit_url}"' not in page
            if outcome == "refused":
                assert "Vorschlag bearbeiten<span" in page  # shown disabled, with the reason
                assert refusal_reason(role, time, action) in page

        response = client.post(edit_url, {"title": "Geänderter Titel", "text": own.text, "topic": topic.pk})
        own.refresh_from_db()
        if outcome == "allowed":
            assert response.status_code == 302
            assert response["Location"] == own_url
            assert own.title == "Geänderter Titel"
        elif outcome == "login":
            assert_login_redirect(response, own_url)
            assert own.title != "Geänderter Titel"
        else:
            assert response.status_code == 403
            assert own.title == "Mein eigener Vorschlag"

    elif action in ("comment", "statement"):
        comment_action = f'action="{proposal_url}kommentieren/"'
        checkbox = "als Stellungnahme des Integrationsbeirats Linden-Limmer veröffentlichen"
        page = body(client.get(proposal_url))
        if action == "comment":
            if outcome == "allowed":
                assert comment_action in page
            else:
                assert comment_action not in page
                reason = "Bitte melden Sie sich an" if outcome == "login" and time in OPEN_IN["comment"] else None
                assert (reason or refusal_reason(role, time, action)) in page
        else:
            if outcome == "allowed":
                assert checkbox in page
            else:
                assert checkbox not in page
                if role == "council_elsewhere" or (role == "council_here" and outcome == "refused"):
                    assert refusal_reason(role, time, action) in page

        data = {"text": "Wir unterstützen das."}
        if action == "statement":
            data["as_statement"] = "on"
        response = client.post(proposal_url + "kommentieren/", data)
        if outcome == "allowed":
            assert response.status_code == 302
            comment = Comment.objects.get()
            assert response["Location"] == f"{proposal_url}#kommentar-{comment.pk}"
            assert comment.author == person
            assert comment.statement_district == (district if action == "statement" else None)
        elif outcome == "login":
            assert_login_redirect(response, proposal_url)
            assert not Comment.objects.exists()
        else:
            assert response.status_code == 403
            assert not Comment.objects.exists()

    elif action == "vote":
        vote_action = f'action="{proposal_url}stimme/"'
        page = body(client.get(proposal_url))
        if outcome == "allowed":
            assert vote_action in page
        else:
            assert vote_action not in page
            reason = "Bitte melden Sie sich an" if outcome == "login" and time == "voting" else None
            assert (reason or refusal_reason(role, time, action)) in page

        response = client.post(proposal_url + "stimme/")
        proposal.refresh_from_db()
        if outcome == "allowed":
            assert response.status_code == 302
            assert Vote.objects.filter(user=person, proposal=proposal).count() == 1
            assert proposal.online_votes == 1
        elif outcome == "login":
            assert_login_redirect(response, proposal_url)
            assert not Vote.objects.exists()
        else:
            assert response.status_code == 403
            assert not Vote.objects.exists()
            assert proposal.online_votes == 0


def test_matrix_covers_every_role_time_and_action():
    assert len(ROLES) * len(TIMES) * len(ACTIONS) == 6 * 8 * 5
    assert TIMES == ["before", "information", "submission", "discussion", "voting", "evaluation", "results", "after"]


def test_unconfirmed_email_is_refused_with_reason(client_for, clock, consultation, unverified_user, topic):
    client = client_for(unverified_user)
    page = body(client.get(consultation.url))
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse." in page
    response = client.post(consultation.url + "vorschlaege/neu/", {"title": "T", "text": "X", "topic": topic.pk})
    assert response.status_code == 403
    assert not Proposal.objects.exists()
