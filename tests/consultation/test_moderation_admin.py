"""The moderation queue in the Wagtail admin: staff only on every URL, filters and search, bulk decisions, the detail
page with its history, the dashboard panel, and list query counts that do not grow with the rows."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation.models import Comment, CommentState, ContentReport, ModerationMode, Proposal, ProposalState
from consultation.moderation import services as moderation
from consultation.moderation.services import LogAction
from lip.models import User
from tests import factories
from tests.helpers import admin_home, assert_constant_queries

from .factories import CommentFactory, ProposalFactory
from .moderation_support import mails_to


@pytest.fixture
def items(proposal, make_comment):
    """A published proposal, a comment on it, and a blocked person."""
    comment = make_comment(proposal, author=factories.UserFactory())
    blocked = factories.UserFactory(blocked_reason="Spam")
    blocked.blocked_at = proposal.created_at
    blocked.save()
    return {"proposal": proposal, "comment": comment, "person": blocked}


def moderation_urls(items) -> list[tuple[str, str]]:
    """Every moderation URL, as (method, url). GET shows, POST decides."""
    proposal, comment, person = items["proposal"], items["comment"], items["person"]
    urls = [
        ("get", reverse("moderation-proposals:index")),
        ("get", reverse("moderation-proposals:index_results")),
        ("get", reverse("moderation-comments:index")),
        ("get", reverse("moderation-comments:index_results")),
        ("get", reverse("moderation-people:index")),
        ("get", reverse("moderation-people:index_results")),
        ("get", reverse("moderation-proposals:inspect", args=[proposal.pk])),
        ("get", reverse("moderation-comments:inspect", args=[comment.pk])),
        ("get", reverse("moderation-proposals:history", args=[proposal.pk])),
        ("get", reverse("moderation-proposals:history_results", args=[proposal.pk])),
        ("get", reverse("moderation-comments:history", args=[comment.pk])),
        ("get", reverse("moderation-comments:history_results", args=[comment.pk])),
        ("get", reverse("moderation-people:history", args=[person.pk])),
        ("get", reverse("moderation-people:history_results", args=[person.pk])),
        ("post", reverse("moderation-people:block", args=[proposal.author.pk])),
        ("post", reverse("moderation-people:unblock", args=[person.pk])),
    ]
    for decision in ("hide", "review"):
        urls.append(("post", reverse(f"moderation-proposals:{decision}", args=[proposal.pk])))
        urls.append(("post", reverse(f"moderation-comments:{decision}", args=[comment.pk])))
    for action in ("moderation-hide", "moderation-review", "moderation-approve"):
        for model, item in (("proposal", proposal), ("comment", comment)):
            urls.append(
                ("post", reverse("wagtail_bulk_action", args=["consultation", model, action]) + f"?id={item.pk}")
            )
    return urls


URL_COUNT = 26


def nothing_changed(items):
    proposal, comment, person = (type(i).objects.get(pk=i.pk) for i in items.values())
    author = proposal.author
    author.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED and proposal.reviewed_at is None
    assert comment.state == CommentState.PUBLISHED and comment.reviewed_at is None
    assert person.is_blocked and not author.is_blocked
    assert not ModelLogEntry.objects.filter(action__in=list(LogAction)).exists()


def request(client, method, url):
    data = {"reason": "Ich entscheide das."}
    return client.post(url, data) if method == "post" else client.get(url)


def test_every_moderation_url_is_listed(items):
    assert len(moderation_urls(items)) == URL_COUNT


@pytest.mark.parametrize("who", ["anonymous", "participant"])
@pytest.mark.parametrize("index", range(URL_COUNT))
def test_anonymous_visitors_and_participants_are_sent_to_log_in(index, who, items, client, client_for, user):
    method, url = moderation_urls(items)[index]

    response = request(client if who == "anonymous" else client_for(user), method, url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    nothing_changed(items)


@pytest.mark.parametrize("index", range(URL_COUNT))
def test_admin_users_who_are_no_moderators_are_refused(index, items, client_for, admin_without_rights):
    method, url = moderation_urls(items)[index]

    response = request(client_for(admin_without_rights), method, url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), "Wagtail's answer to PermissionDenied"
    nothing_changed(items)


@pytest.mark.parametrize("index", range(URL_COUNT))
def test_moderators_reach_every_moderation_page(index, items, staff):
    """Lists, details and histories; for the decisions, the confirmation form (the decisions are tested elsewhere)."""
    _method, url = moderation_urls(items)[index]

    assert staff.get(url).status_code == 200


@pytest.mark.parametrize(
    "name", ["moderation-proposals:hide", "moderation-comments:review", "moderation-proposals:review"]
)
def test_moderators_see_the_decision_forms(name, items, staff):
    model = "comment" if "comments" in name else "proposal"

    response = staff.get(reverse(name, args=[items[model].pk]))

    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()


# --- Menu and dashboard --------------------------------------------------------------------------------------------


def test_the_dashboard_says_how_many_items_wait(make_consultation, make_proposal, make_comment, moderator, staff):
    pre = make_consultation(moderation_mode=ModerationMode.PRE)
    make_proposal(consultation=pre, state=ProposalState.PENDING)
    reviewed = make_proposal(reviewed_at=timezone.now(), reviewed_by=moderator)
    ContentReport.objects.create(proposal=reviewed, reporter=factories.UserFactory(), reason="spam")
    make_comment(reviewed, reviewed_at=timezone.now(), reviewed_by=moderator)  # done
    make_comment(reviewed)  # not yet reviewed

    home = admin_home(staff)

    assert "3 Beiträge warten auf Moderation" in home
    assert reverse("moderation-proposals:index") + "?todo=1" in home
    assert reverse("moderation-comments:index") + "?todo=1" in home


def test_the_dashboard_panel_is_not_shown_to_other_admin_users(client_for, admin_without_rights):
    home = admin_home(client_for(admin_without_rights))

    assert "warten auf Moderation" not in home


# --- Filters and search ----------------------------------------------------------------------------------------------


@pytest.fixture
def queue(consultation, other_consultation, make_proposal, district, topic, moderator):
    reported = make_proposal(title="Gemeldeter Vorschlag", district=district)
    ContentReport.objects.create(proposal=reported, reporter=factories.UserFactory(), reason="spam")
    return {
        "reported": reported,
        "pending": make_proposal(title="Wartender Vorschlag", state=ProposalState.PENDING),
        "hidden": make_proposal(
            title="Ausgeblendeter Vorschlag", state=ProposalState.HIDDEN, reviewed_at=timezone.now()
        ),
        "done": make_proposal(title="Geprüfter Vorschlag", reviewed_at=timezone.now(), reviewed_by=moderator),
        "other": make_proposal(consultation=other_consultation, title="Anderer Vorschlag", reviewed_at=timezone.now()),
        "paper": make_proposal(title="Papiervorschlag", channel="paper", author=None, author_name="Ayşe"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("todo=1", {"reported", "pending"}),
        ("reported=open", {"reported"}),
        ("reported=none", {"pending", "hidden", "done", "other", "paper"}),
        ("state=hidden", {"hidden"}),
        ("state=pending", {"pending"}),
        ("channel=analog", {"paper"}),
        ("q=Wartender", {"pending"}),
    ],
)
def test_the_proposal_queue_filters(query, expected, queue, staff):
    page = staff.get(reverse("moderation-proposals:index") + "?" + query).content.decode()

    shown = {key for key, item in queue.items() if item.title in page}
    assert shown == expected


def assert_lists(client, url: str, shown: list[str], hidden: tuple[str, ...] | list[str] = ()) -> None:
    """The page at `url` contains every text of `shown` and none of `hidden`."""
    page = client.get(url).content.decode()
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_the_proposal_queue_filters_by_consultation_district_and_topic(
    queue, other_consultation, district, topic, staff
):
    index = reverse("moderation-proposals:index")

    assert_lists(
        staff, f"{index}?consultation={other_consultation.pk}", ["Anderer Vorschlag"], ["Gemeldeter Vorschlag"]
    )
    assert_lists(staff, f"{index}?district={district.pk}", ["Gemeldeter Vorschlag"], ["Wartender Vorschlag"])
    assert_lists(staff, f"{index}?topic={topic.pk}", ["Gemeldeter Vorschlag"])


def test_the_comment_queue_filters_and_searches(proposal, make_comment, staff):
    make_comment(proposal, text="Ein ganz normaler Kommentar")
    reported = make_comment(proposal, text="Ein gemeldeter Kommentar")
    ContentReport.objects.create(comment=reported, reporter=factories.UserFactory(), reason="offensive")
    index = reverse("moderation-comments:index")

    normal, reported = "Ein ganz normaler Kommentar", "Ein gemeldeter Kommentar"
    assert_lists(staff, f"{index}?reported=open", [reported], [normal])
    assert_lists(staff, f"{index}?q=normaler", [normal], [reported])
    assert_lists(staff, f"{index}?consultation={proposal.consultation_id}&state=published", [normal, reported])


# --- Detail page ----------------------------------------------------------------------------------------------------


def test_the_detail_page_shows_the_text_reports_and_history(
    items, moderator, staff, django_capture_on_commit_callbacks
):
    comment = items["comment"]
    ContentReport.objects.create(
        comment=comment, reporter=factories.UserFactory(), reason="spam", text="Werbung für Kurse"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.item_hide(item=comment, moderator=moderator, reason="Werbung, siehe Meldung.")

    page = staff.get(reverse("moderation-comments:inspect", args=[comment.pk])).content.decode()

    assert comment.text in page
    assert "Werbung für Kurse" in page
    assert "Werbung, siehe Meldung." in page
    assert "Durch die Moderation ausgeblendet" in page
    assert reverse("moderation-comments:restore", args=[comment.pk]) in page
    assert reverse("moderation-people:block", args=[comment.author.pk]) in page


# --- Bulk actions ------------------------------------------------------------------------------------------------


def bulk_url(model: str, action: str, *items) -> str:
    ids = "&".join(f"id={item.pk}" for item in items)
    return reverse("wagtail_bulk_action", args=["consultation", model, action]) + f"?{ids}&next=/admin/"


def test_bulk_approve_publishes_the_waiting_items_and_leaves_the_others(
    make_consultation, make_proposal, staff, django_capture_on_commit_callbacks
):
    pre = make_consultation(moderation_mode=ModerationMode.PRE)
    waiting = [make_proposal(consultation=pre, state=ProposalState.PENDING) for _ in range(2)]
    hidden = make_proposal(consultation=pre, state=ProposalState.HIDDEN)

    confirm = staff.get(bulk_url("proposal", "moderation-approve", *waiting, hidden)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(bulk_url("proposal", "moderation-approve", *waiting, hidden), {"reason": ""})

    assert "gilt „Freigeben“ nicht" in confirm
    assert response.status_code == 302
    states = dict(Proposal.objects.values_list("pk", "state"))
    assert [states[p.pk] for p in waiting] == [ProposalState.PUBLISHED] * 2
    assert states[hidden.pk] == ProposalState.HIDDEN
    assert ModelLogEntry.objects.filter(action=LogAction.APPROVE).count() == 2


def test_bulk_hide_asks_for_one_reason_for_all(proposal, make_comment, staff, django_capture_on_commit_callbacks):
    authors = [factories.UserFactory() for _ in range(3)]
    comments = [make_comment(proposal, author=person) for person in authors]

    refused = staff.post(bulk_url("comment", "moderation-hide", *comments), {"reason": ""})
    assert refused.status_code == 200
    assert "Bitte geben Sie einen Grund an." in refused.content.decode()
    assert not Comment.objects.filter(state=CommentState.HIDDEN).exists()

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(bulk_url("comment", "moderation-hide", *comments), {"reason": "Kettenbrief."})

    assert Comment.objects.filter(state=CommentState.HIDDEN).count() == 3
    entries = ModelLogEntry.objects.filter(action=LogAction.HIDE)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in comments)
    assert {entry.data["reason"] for entry in entries} == {"Kettenbrief."}
    for person in authors:
        assert len(mails_to(person.email, containing="Kettenbrief.")) == 1
    proposal.refresh_from_db()
    assert proposal.comment_count == 0


def test_bulk_actions_ignore_all_in_listing(proposal, staff):
    response = staff.post(
        reverse("wagtail_bulk_action", args=["consultation", "proposal", "moderation-hide"]) + "?id=all",
        {"reason": "Alle."},
    )

    assert response.status_code in (302, 404)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED


# --- Query budgets ------------------------------------------------------------------------------------------------


def test_the_proposal_queue_costs_the_same_with_10_and_50_rows(consultation, staff):
    def build(n):
        for proposal in ProposalFactory.create_batch(n - Proposal.objects.count(), consultation=consultation):
            ContentReport.objects.create(proposal=proposal, reporter=factories.UserFactory(), reason="spam")

    count = assert_constant_queries(build, lambda: staff.get(reverse("moderation-proposals:index") + "?todo=1"))
    assert count < 40


def test_the_comment_queue_costs_the_same_with_10_and_50_rows(proposal, staff):
    def build(n):
        for comment in CommentFactory.create_batch(n - Comment.objects.count(), proposal=proposal):
            ContentReport.objects.create(comment=comment, reporter=factories.UserFactory(), reason="spam")

    count = assert_constant_queries(build, lambda: staff.get(reverse("moderation-comments:index")))
    assert count < 40


def test_the_blocked_people_list_costs_the_same_with_10_and_50_rows(moderator, staff):
    def build(n):
        for person in factories.UserFactory.create_batch(n - User.objects.filter(blocked_at__isnull=False).count()):
            moderation.user_block(user=person, moderator=moderator, reason="Spam")

    count = assert_constant_queries(build, lambda: staff.get(reverse("moderation-people:index")))
    assert count < 40


def test_the_detail_page_costs_the_same_with_5_and_50_reports(proposal, moderator, staff):
    def build(n):
        for _ in range(n - ContentReport.objects.count()):
            ContentReport.objects.create(
                proposal=proposal,
                reporter=factories.UserFactory(),
                reason="spam",
                resolved_by=moderator,
                resolved_at=proposal.created_at,
            )

    url = reverse("moderation-proposals:inspect", args=[proposal.pk])
    staff.get(url)  # warm the caches (content types, site root paths) that the first request fills

    assert_constant_queries(build, lambda: staff.get(url), sizes=(5, 50))


def test_the_usage_of_a_commented_proposal_links_its_comments_to_the_queue(staff, items):
    proposal, comment = items["proposal"], items["comment"]
    from wagtail.models import ReferenceIndex

    ReferenceIndex.create_or_update_for_object(comment)

    response = staff.get(reverse("consultation-proposals:usage", args=[proposal.pk]))

    assert response.status_code == 200
    assert reverse("moderation-comments:inspect", args=[comment.pk]) in response.content.decode()
