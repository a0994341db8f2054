"""Issue 16: every write in a consultation makes exactly the cached pages stale that show it (lip/pagecache).

Each test fills the cache with the pages an anonymous visitor sees (the second visit is served from it), writes
through the service (its version bumps run once the write commits) and checks that the next anonymous visit is
rendered anew and shows the change. The mechanics of the cache are tested in tests/lip/test_page_cache.py.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultation import services
from consultation.models import Channel, Event, EventKind, ResponseState
from consultation.models.reports import ReportReason
from consultation.moderation import services as moderation
from consultation.responses.services import response_save
from tests import factories
from tests.helpers import cached_page, fresh_page, page_cache_state

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def pages(consultation, proposal):
    return {
        "consultation": consultation.url,
        "list": consultation.url + "vorschlaege/",
        "proposal": proposal.get_absolute_url(),
    }


def fill(client, pages: dict, *names: str) -> dict[str, str]:
    return {name: cached_page(client, pages[name]) for name in names}


# --- Proposals -----------------------------------------------------------------------------------------------------


def test_a_submitted_proposal_appears_in_the_list_and_on_the_consultation_page(
    client, pages, consultation, user, topic, committed
):
    fill(client, pages, "consultation", "list")

    with committed():
        services.proposal_submit(
            consultation=consultation,
            author=user,
            data={"title": "Mehr Sprachkurse am Abend", "text": "Bitte.", "topic": topic},
        )

    assert "Mehr Sprachkurse am Abend" in fresh_page(client, pages["list"])
    assert "Mehr Sprachkurse am Abend" in fresh_page(client, pages["consultation"])


def test_an_analog_proposal_appears_in_the_list_and_the_figures(
    client, pages, consultation, moderator, topic, committed
):
    fill(client, pages, "consultation", "list")

    with committed():
        services.proposal_record_analog(
            consultation=consultation,
            recorded_by=moderator,
            data={
                "title": "Vom Papierbogen: Kita-Plätze",
                "text": "Aus dem Stadtteiltreff.",
                "topic": topic,
                "channel": Channel.PAPER,
            },
        )

    assert "Vom Papierbogen: Kita-Plätze" in fresh_page(client, pages["list"])
    assert "davon 1 analog" in fresh_page(client, pages["consultation"])


def test_an_edited_proposal_shows_its_new_title_on_its_page_and_in_the_list(client, pages, proposal, author, committed):
    fill(client, pages, "proposal", "list")

    with committed():
        services.proposal_update(proposal=proposal, user=author, data={"title": "Sprachcafés auch am Wochenende"})

    assert "Sprachcafés auch am Wochenende" in fresh_page(client, pages["proposal"])
    assert "Sprachcafés auch am Wochenende" in fresh_page(client, pages["list"])


def test_a_withdrawn_proposal_says_so_and_leaves_the_list(client, pages, proposal, author, committed):
    fill(client, pages, "proposal", "list")

    with committed():
        services.proposal_withdraw(proposal=proposal, user=author)

    assert "Dieser Vorschlag wurde von seiner Verfasserin oder seinem Verfasser zurückgezogen." in fresh_page(
        client, pages["proposal"]
    )
    assert proposal.title not in fresh_page(client, pages["list"])


# --- Comments and statements ---------------------------------------------------------------------------------------


def test_a_comment_appears_on_the_proposal_page_and_counts_in_the_list(client, pages, proposal, user, committed):
    fill(client, pages, "proposal", "list")

    with committed():
        services.comment_create(proposal=proposal, author=user, text="Gerne auch in der Nordstadt.")

    assert "Gerne auch in der Nordstadt." in fresh_page(client, pages["proposal"])
    assert "1 Kommentar" in fresh_page(client, pages["list"])


def test_an_edited_comment_changes_only_the_proposal_page(client, pages, proposal, user, make_comment, committed):
    comment = make_comment(proposal, author=user, text="Erste Fassung.")
    fill(client, pages, "proposal", "list")

    with committed():
        services.comment_update(comment=comment, user=user, text="Zweite Fassung.")

    assert "Zweite Fassung." in fresh_page(client, pages["proposal"])
    assert page_cache_state(client.get(pages["list"])) == "hit", "the list shows no comment text"


def test_a_deleted_comment_leaves_the_proposal_page(client, pages, proposal, user, make_comment, committed):
    make_comment(proposal, author=user, text="Das nehme ich zurück.")
    comment = proposal.comments.get()
    fill(client, pages, "proposal")

    with committed():
        services.comment_delete(comment=comment, user=user)

    assert "Das nehme ich zurück." not in fresh_page(client, pages["proposal"])


def test_a_council_statement_appears_on_the_proposal_page(client, pages, proposal, council_member, clock, committed):
    clock.travel("discussion")
    fill(client, pages, "proposal")

    with committed():
        services.comment_create(
            proposal=proposal, author=council_member, text="Der Beirat unterstützt das.", as_statement=True
        )

    assert "Der Beirat unterstützt das." in fresh_page(client, pages["proposal"])


# --- Votes and tallies ---------------------------------------------------------------------------------------------


def test_a_vote_and_its_withdrawal_change_the_counts(client, pages, proposal, user, clock, committed):
    clock.travel("voting")
    assert "0 Stimmen" in fill(client, pages, "proposal", "list")["proposal"]

    with committed():
        services.vote_cast(proposal=proposal, user=user)

    assert "1 Stimme" in fresh_page(client, pages["proposal"])
    assert "1 Stimme" in fresh_page(client, pages["list"])

    with committed():
        services.vote_withdraw(proposal=proposal, user=user)

    assert "0 Stimmen" in fresh_page(client, pages["proposal"])


def test_a_vote_leaves_the_other_proposals_pages_cached(client, make_proposal, proposal, user, clock, committed):
    clock.travel("voting")
    other = make_proposal(title="Ein anderer Vorschlag")
    cached_page(client, other.get_absolute_url())

    with committed():
        services.vote_cast(proposal=proposal, user=user)

    assert page_cache_state(client.get(other.get_absolute_url())) == "hit"


def test_a_dot_vote_tally_changes_the_counts(client, pages, consultation, proposal, moderator, committed):
    event = Event.objects.create(
        consultation=consultation, kind=EventKind.WORKSHOP, title="Workshop", date=timezone.now(), place="Linden"
    )
    fill(client, pages, "proposal")

    with committed():
        services.tally_record(proposal=proposal, event=event, count=7, recorded_by=moderator)

    assert "davon 7 analog" in fresh_page(client, pages["proposal"])


def test_an_event_appears_on_the_consultation_page(client, pages, consultation, moderator, committed):
    fill(client, pages, "consultation")
    event = Event(
        consultation=consultation,
        kind=EventKind.WORKSHOP,
        title="Stadtteilforum Vahrenheide",
        date=timezone.now() + timedelta(days=3),
        place="Kulturtreff Vahrenheide",
    )

    with committed():
        services.event_save(event=event, user=moderator)

    assert "Stadtteilforum Vahrenheide" in fresh_page(client, pages["consultation"])


def test_an_event_deleted_in_the_workspace_leaves_the_consultation_page(
    client, client_for, pages, consultation, moderator, committed
):
    from django.urls import reverse

    event = Event.objects.create(
        consultation=consultation,
        kind=EventKind.WORKSHOP,
        title="Infostand Limmerstraße",
        date=timezone.now(),
        place="Linden",
    )
    assert "Infostand Limmerstraße" in fill(client, pages, "consultation")["consultation"]

    with committed():
        client_for(moderator).post(reverse("consultation-events:delete", args=(event.pk,)))

    assert "Infostand Limmerstraße" not in fresh_page(client_for(None), pages["consultation"])


def test_a_deleted_tally_leaves_the_counts(client, pages, consultation, proposal, moderator, committed):
    event = Event.objects.create(
        consultation=consultation, kind=EventKind.WORKSHOP, title="Workshop", date=timezone.now(), place="Linden"
    )
    with committed():
        tally = services.tally_record(proposal=proposal, event=event, count=7, recorded_by=moderator)
    assert "davon 7 analog" in fill(client, pages, "proposal")["proposal"]

    with committed():
        services.tally_delete(tally=tally, user=moderator)

    assert "davon 7 analog" not in fresh_page(client, pages["proposal"])


# --- Responses -----------------------------------------------------------------------------------------------------


def test_a_published_response_and_its_change_appear_on_the_proposal_page(client, pages, proposal, moderator, committed):
    fill(client, pages, "proposal", "consultation")

    def answer(text):
        with committed():
            response_save(
                proposal=proposal,
                user=moderator,
                state=ResponseState.ADOPTED,
                text=text,
                department="Fachbereich Bildung",
                publish=True,
            )

    answer("Die Stadtbibliothek setzt das ab Herbst um.")
    assert "Die Stadtbibliothek setzt das ab Herbst um." in fresh_page(client, pages["proposal"])
    assert "1 von 1 beantwortet" in fresh_page(client, pages["consultation"])

    answer("Die Stadtbibliothek setzt das ab Sommer um.")
    assert "Die Stadtbibliothek setzt das ab Sommer um." in fresh_page(client, pages["proposal"])


# --- Moderation ----------------------------------------------------------------------------------------------------


def test_a_hidden_proposal_leaves_the_public_pages_and_comes_back_when_restored(
    client, pages, proposal, moderator, committed
):
    fill(client, pages, "proposal", "list")

    with committed():
        moderation.item_hide(item=proposal, moderator=moderator, reason="Persönliche Angaben über Dritte.")

    assert client.get(pages["proposal"]).status_code == 404
    assert proposal.title not in fresh_page(client, pages["list"])

    with committed():
        moderation.item_restore(item=proposal, moderator=moderator)

    assert proposal.title in fresh_page(client, pages["proposal"])
    assert proposal.title in fresh_page(client, pages["list"])


def test_a_hidden_comment_leaves_the_proposal_page(client, pages, proposal, user, moderator, make_comment, committed):
    comment = make_comment(proposal, author=user, text="Ein Kommentar mit Telefonnummer.")
    fill(client, pages, "proposal")

    with committed():
        moderation.item_hide(item=comment, moderator=moderator, reason="Persönliche Angaben.")

    assert "Ein Kommentar mit Telefonnummer." not in fresh_page(client, pages["proposal"])


def test_a_comment_hidden_by_reports_leaves_the_proposal_page(
    client, pages, proposal, user, make_comment, settings, committed
):
    settings.LIP_REPORT_THRESHOLD = 1
    comment = make_comment(proposal, text="Ein beleidigender Kommentar.")
    fill(client, pages, "proposal")

    with committed():
        moderation.report_create(reporter=user, item=comment, reason=ReportReason.OFFENSIVE)

    assert "Ein beleidigender Kommentar." not in fresh_page(client, pages["proposal"])


# --- Phases and the CMS --------------------------------------------------------------------------------------------


def _current_step(html: str) -> str:
    """The timeline entry of the consultation page marked as the running phase."""
    start = html.index('aria-current="step"')
    return html[start : html.index("</li>", start)]


def test_a_phase_change_published_in_the_cms_appears_at_once(client, pages, consultation, committed):
    before = fill(client, pages, "consultation", "list", "proposal")
    assert "Vorschläge sammeln" in _current_step(before["consultation"])

    with committed():
        call_command("move_to_phase", "voting", slug=consultation.slug, stdout=StringIO())

    assert "Abstimmen" in _current_step(fresh_page(client, pages["consultation"]))
    assert fresh_page(client, pages["list"]) != before["list"]
    assert fresh_page(client, pages["proposal"]) != before["proposal"]


def test_publishing_unpublishing_moving_and_deleting_a_page_changes_every_menu(
    client, pages, home_page, consultation_index, committed
):
    from home.models import StandardPage

    fill(client, pages, "proposal", "list", "consultation")
    page = StandardPage(title="Leichte Sprache", slug="leichte-sprache", show_in_menus=True, live=False)
    home_page.add_child(instance=page)

    with committed():
        page.save_revision().publish()
    for name in pages:
        assert ">Leichte Sprache<" in fresh_page(client, pages[name]), name

    with committed():
        StandardPage.objects.get(pk=page.pk).unpublish()
    assert ">Leichte Sprache<" not in fresh_page(client, pages["proposal"])

    with committed():
        page.save_revision().publish()
    assert ">Leichte Sprache<" in fresh_page(client, pages["proposal"])
    with committed():
        StandardPage.objects.get(pk=page.pk).move(consultation_index, pos="last-child")
    assert ">Leichte Sprache<" not in fresh_page(client, pages["proposal"]), "no longer a menu item of the root"

    with committed():
        StandardPage.objects.get(pk=page.pk).move(home_page, pos="last-child")
    assert ">Leichte Sprache<" in fresh_page(client, pages["proposal"])
    with committed():
        StandardPage.objects.get(pk=page.pk).delete()
    assert ">Leichte Sprache<" not in fresh_page(client, pages["proposal"])


# --- People --------------------------------------------------------------------------------------------------------


def test_a_deleted_account_leaves_the_name_on_its_proposal(client, pages, author, committed):
    from lip.privacy.deletion import delete_account

    assert "Aylin Autorin" in fill(client, pages, "proposal", "list")["proposal"]

    with committed():
        delete_account(author)

    assert "Aylin Autorin" not in fresh_page(client, pages["proposal"])
    assert "gelöschtes Konto" in fresh_page(client, pages["list"])


def test_a_new_display_name_appears_on_the_proposal(client, pages, author, committed):
    from lip import services as lip_services

    fill(client, pages, "proposal")

    with committed():
        lip_services.user_update_profile(user=author, display_name="Aylin A.", language="de")

    assert "Aylin A." in fresh_page(client, pages["proposal"])


def test_a_name_changed_in_the_admin_appears_on_the_proposal(client, client_for, pages, author, committed):
    from django.urls import reverse

    from lip.roles import Role
    from tests.lip.test_roles import user_edit_data

    fill(client, pages, "proposal")
    administrator = factories.UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)

    with committed():
        response = client_for(administrator).post(
            reverse("wagtailusers_users:edit", args=[author.pk]), user_edit_data(author, display_name="Aylin A.")
        )
    assert response.status_code == 302

    assert "Aylin A." in fresh_page(client_for(None), pages["proposal"])


def test_blocking_a_person_changes_no_public_page(client, pages, author, moderator, committed):
    fill(client, pages, "proposal")

    with committed():
        moderation.user_block(user=author, moderator=moderator, reason="Wiederholt beleidigend.")

    assert page_cache_state(client.get(pages["proposal"])) == "hit"


def test_a_profile_saved_without_a_new_name_changes_no_page(client, pages, author, committed):
    from lip import services as lip_services

    fill(client, pages, "proposal")

    with committed():
        lip_services.user_update_profile(user=author, display_name=author.display_name, language="en")

    assert page_cache_state(client.get(pages["proposal"])) == "hit"


def test_a_signed_in_persons_page_is_fresh_whatever_the_cache_holds(client_for, pages, proposal, user):
    cached_page(client_for(None), pages["proposal"])
    factories.UserFactory()

    response = client_for(user).get(pages["proposal"])

    assert page_cache_state(response) == ""
