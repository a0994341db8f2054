"""`seed_demo` adds a running consultation with online and analog contributions, once."""

import io

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.models import Page, Revision

from consultation.models import (
    AnalogTally,
    Channel,
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Event,
    Phase,
    PhaseType,
    Proposal,
    Vote,
)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return seed()


@pytest.fixture
def consultation(demo):
    return ConsultationPage.objects.get(slug="lip-4-0-ihre-vorschlaege")


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "phases": list(Phase.objects.order_by("pk").values_list("pk", "start", "end")),
        "events": Event.objects.count(),
        "proposals": list(
            Proposal.objects.order_by("pk").values_list(
                "pk", "reference", "online_votes", "analog_votes", "comment_count", "statement_count", "updated_at"
            )
        ),
        "comments": Comment.objects.count(),
        "votes": Vote.objects.count(),
        "tallies": list(AnalogTally.objects.values_list("pk", "count", "recorded_at")),
        "tags": Tag.objects.count(),
    }


def test_seeding_twice_changes_nothing(demo):
    before = snapshot()

    seed()

    assert snapshot() == before


def test_the_consultation_runs_now_in_the_submission_phase(consultation):
    assert consultation.live
    assert ConsultationIndexPage.objects.get().show_in_menus
    assert consultation.current_phase.type == PhaseType.SUBMISSION
    assert 20 <= consultation.current_phase.days_left() <= 21
    assert [p.type for p in consultation.phase_list()] == [
        "information",
        "submission",
        "discussion",
        "voting",
        "evaluation",
        "results",
    ]
    assert consultation.vote_budget == 5
    assert consultation.is_citywide
    assert "Sprachcafé" in consultation.suggested_tags.names()


def test_the_demo_has_online_and_analog_proposals_with_consistent_counters(consultation):
    proposals = Proposal.objects.filter(consultation=consultation)
    assert proposals.count() == 12
    assert set(proposals.exclude(channel=Channel.ONLINE).values_list("channel", flat=True)) == {
        "paper",
        "event",
        "email",
        "phone",
    }
    assert proposals.filter(organisation__slug__startswith="deutsch-syrischer", channel=Channel.ONLINE).exists()
    assert all(p.recorded_by is not None for p in proposals.exclude(channel=Channel.ONLINE))
    for proposal in proposals:
        assert proposal.online_votes == proposal.votes.count()
        assert proposal.analog_votes == sum(proposal.tallies.values_list("count", flat=True))
        assert proposal.comment_count == proposal.comments.count()
        assert proposal.statement_count == proposal.comments.filter(statement_district__isnull=False).count()
    assert Comment.objects.filter(parent__isnull=False).exists()
    statement = Comment.objects.get(proposal__consultation=consultation, statement_district__isnull=False)
    assert statement.statement_district.slug == "linden-limmer"
    assert AnalogTally.objects.get().event.title == "Workshop „Ankommen in Linden“"


def test_the_demo_tells_how_to_reach_the_voting_phase(demo):
    assert "Abstimmung beginnt am" in demo
    assert "/admin/pages/" in demo


def test_the_demo_consultation_and_its_proposal_list_render(client, consultation):
    assert client.get(consultation.url).status_code == 200
    proposal_list = consultation.url + consultation.reverse_subpage("proposal_list")
    response = client.get(proposal_list)
    assert response.status_code == 200
    assert "Sprachcafés mit Kinderbetreuung in Linden" in response.content.decode()


def test_the_demo_shows_up_in_the_staff_workspace(client, consultation):
    from lip.models import User

    client.force_login(User.objects.get(email="moderation@lip-hannover.example"))
    response = client.get("/admin/consultation-proposals/", {"consultation": consultation.pk, "channel": "analog"})

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 4
