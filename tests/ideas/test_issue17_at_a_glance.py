"""Issue 17: a competition at a glance (how much, for whom, until when), "Was Sie brauchen" from the real
configuration, linked proposals chosen by search without JavaScript, and the Leichte Sprache link near the top."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from consultation import validators
from home.models import FooterLink, SiteSettings, StandardPage
from ideas.applications import services
from ideas.models import Application
from tests.consultation.factories import ProposalFactory
from tests.helpers import assert_constant_queries

from . import factories as idea_factories
from .conftest import SUBMISSION_END, SUBMISSION_START, application_post, body


def header(response) -> str:
    """The page's own header (title, teaser, links, facts): what comes before 'Was Sie jetzt tun können'."""
    return body(response).split('id="now-heading"', 1)[0]


# --- At a glance -------------------------------------------------------------------------------------------------


def test_the_competition_page_says_how_much_for_whom_and_until_when(client, competition):
    page = header(client.get(competition.url))

    assert "bis zu 5.000,00\xa0€ je Projekt" in page
    assert "Fördervolumen insgesamt 50.000,00\xa0€" in page
    assert "Bestätigte Organisationen" in page  # the rule the permissions apply, while the editors wrote nothing
    assert "31. Mai 2026, 18:00 Uhr" in page
    assert "noch 41 Tage" in page  # 20 April → 31 May, in Hannover's calendar


def test_the_short_who_may_apply_text_of_the_editors_is_shown(client, competition):
    competition.applicants_summary = "Vereine und Initiativen aus Hannover"
    competition.save()

    assert "Vereine und Initiativen aus Hannover" in header(client.get(competition.url))


@pytest.mark.parametrize(
    ("moment", "text"),
    [("before", "Einreichung ab 2. April 2026"), ("after", "Einreichung beendet")],
)
def test_the_deadline_says_whether_submission_is_still_to_come_or_over(client, clock, competition, moment, text):
    clock.travel(moment)

    assert text in header(client.get(competition.url))


def test_on_the_last_day_the_deadline_ends_today(client, clock, competition):
    clock.travel(SUBMISSION_END.replace(hour=9))

    assert "endet heute" in header(client.get(competition.url))


def test_the_home_page_shows_open_competitions_as_cards_with_their_facts_and_action(client, competition):
    page = body(client.get("/"))

    assert "Ideenwettbewerbe" in page and competition.title in page
    assert "bis zu 5.000,00\xa0€ je Projekt" in page and "noch 41 Tage" in page
    assert f'href="{competition.url}antrag-stellen/"' in page


def test_a_closed_competition_leaves_the_home_page(client, clock, competition):
    clock.travel("after")

    assert competition.title not in body(client.get("/"))


def test_the_competition_cards_cost_the_same_queries_for_one_and_four_competitions(client, clock, home_page, fund):
    from ideas.models import CompetitionPage

    def build(n):
        for i in range(CompetitionPage.objects.count(), n):
            idea_factories.CompetitionPageFactory(
                title=f"Wettbewerb {i}",
                fund=fund,
                submission_start=SUBMISSION_START,
                submission_end=SUBMISSION_END,
                results_published_at=SUBMISSION_END.replace(month=7),
            )
        client.get("/")  # menu and footer into the cache again (a saved page drops them)

    def request():
        assert "Wettbewerb 0" in body(client.get("/"))

    assert_constant_queries(build, request, sizes=(1, 4))


# --- What you will need ------------------------------------------------------------------------------------------


def test_a_visitor_learns_what_applying_takes_from_the_real_limits(client, competition, settings, monkeypatch):
    settings.LIP_ORGANISATION_VERIFICATION_DAYS = 5
    monkeypatch.setattr(services, "MAX_ATTACHMENTS", 7)
    monkeypatch.setattr(validators, "MAX_ATTACHMENT_BYTES", 12 * 1024 * 1024)

    page = body(client.get(competition.url))

    assert "Was Sie brauchen" in page
    assert "in der Regel 5 Werktage" in page
    assert "höchstens 7 Dateien (PDF, JPEG, PNG), je Datei höchstens 12 MB." in page
    assert "bis zu 30 Kostenpositionen" in page and "höchstens 5.000,00\xa0€ je Antrag" in page
    assert "Ein Eigenanteil ist möglich, aber nicht erforderlich." in page
    assert "Projekttitel – höchstens 120 Zeichen" in page
    assert 'Kooperationspartner – höchstens 1000 Zeichen <span class="meta">(freiwillig)</span>' in page
    assert f'href="{reverse("lip:organisation_register")}"' in page


def test_the_verification_time_has_a_default(client, competition):
    assert "in der Regel 3 Werktage" in body(client.get(competition.url))


def test_a_representative_who_can_apply_is_not_told_again(as_representative, competition):
    assert "Was Sie brauchen" not in body(as_representative.get(competition.url))


def test_after_the_deadline_nobody_is_told_what_applying_takes(client, clock, competition):
    clock.travel("after")

    assert "Was Sie brauchen" not in body(client.get(competition.url))


def test_a_person_without_an_organisation_gets_the_reason_and_what_applying_takes(client_for, user, create_url):
    response = client_for(user).get(create_url)

    assert response.status_code == 403
    page = body(response)
    assert "Registrieren Sie Ihre Organisation" in page  # the predicate's reason
    assert "Was Sie brauchen" in page and f'href="{reverse("lip:organisation_register")}"' in page
    assert 'name="title"' not in page  # no form


def test_a_person_without_an_organisation_still_cannot_post(client_for, user, create_url, organisation, topic):
    response = client_for(user).post(create_url, application_post(organisation, topic))

    assert response.status_code == 403
    assert not Application.objects.exists()


def test_anonymous_visitors_learn_what_applying_takes_before_signing_in(client, create_url):
    response = client.get(create_url)

    page = body(response)
    assert response.status_code == 200
    assert "Was Sie brauchen" in page
    assert 'name="title"' not in page  # no form before signing in
    assert f'href="{reverse("account_login")}?next={create_url.replace("/", "%2F")}"' in page
    assert f'href="{reverse("account_signup")}?next={create_url.replace("/", "%2F")}"' in page


def test_anonymous_visitors_cannot_post_and_are_sent_to_sign_in(client, create_url, organisation, topic):
    response = client.post(create_url, application_post(organisation, topic))

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# --- Linked proposals chosen by search -----------------------------------------------------------------------------


@pytest.fixture
def proposals(home_page, topic, competition):
    """Proposals of a consultation the competition links (Sprachcafé, Nachbarschaftsgarten) and one of another."""
    from consultation.models import ConsultationIndexPage, ConsultationPage

    index = home_page.add_child(instance=ConsultationIndexPage(title="Beteiligungen", slug="beteiligungen"))
    linked = index.add_child(instance=ConsultationPage(title="LIP 4.0", slug="lip", teaser="Worum es geht."))
    other = index.add_child(instance=ConsultationPage(title="Andere", slug="andere", teaser="Anderes."))
    made = {}
    for reference, title, page in [
        ("LIP-2026-0001", "Sprachcafé im Stadtteil", linked),
        ("LIP-2026-0002", "Nachbarschaftsgarten", linked),
        ("LIP-2026-0003", "Sprachcafé anderswo", other),
    ]:
        made[reference] = ProposalFactory(consultation=page, reference=reference, title=title, text="Text", topic=topic)
    competition.consultations.set([linked])
    competition.save()
    return made


def checkbox(proposal, *, checked: bool) -> re.Pattern:
    mark = " checked" if checked else ""
    return re.compile(rf'<input type="checkbox" name="proposal_ids" value="{proposal.pk}" id="[^"]+"{mark}>')


def test_a_search_without_javascript_shows_matching_proposals_and_keeps_the_input(
    as_representative, create_url, organisation, topic, proposals
):
    data = {**application_post(organisation, topic), "proposal_query": "sprachcafé", "search_proposals": "1"}

    response = as_representative.post(create_url, data)

    assert response.status_code == 200
    page = body(response)
    assert checkbox(proposals["LIP-2026-0001"], checked=False).search(page)
    assert "LIP-2026-0002" not in page  # no match
    assert "LIP-2026-0003" not in page  # another consultation's
    assert 'value="Sprachcafé für Eltern"' in page and 'value="Honorare"' in page  # the input is kept
    assert "Bitte korrigieren Sie" not in page  # a search is no attempt to save
    assert not Application.objects.exists()


def test_a_search_by_number_finds_the_proposal(as_representative, create_url, organisation, topic, proposals):
    data = {**application_post(organisation, topic), "proposal_query": "lip-2026-0002", "search_proposals": "1"}

    page = body(as_representative.post(create_url, data))

    assert checkbox(proposals["LIP-2026-0002"], checked=False).search(page)


def test_chosen_proposals_stay_checked_through_another_search(
    as_representative, create_url, organisation, topic, proposals
):
    chosen = proposals["LIP-2026-0001"]
    data = {
        **application_post(organisation, topic),
        "proposal_ids": [chosen.pk],
        "proposal_query": "garten",
        "search_proposals": "1",
    }

    page = body(as_representative.post(create_url, data))

    assert checkbox(chosen, checked=True).search(page)
    assert checkbox(proposals["LIP-2026-0002"], checked=False).search(page)


def test_a_search_without_matches_says_so(as_representative, create_url, organisation, topic, proposals):
    data = {**application_post(organisation, topic), "proposal_query": "Raumfahrt", "search_proposals": "1"}

    assert "Keine passenden Vorschläge gefunden." in body(as_representative.post(create_url, data))


def test_a_checked_proposal_is_linked_on_saving(as_representative, create_url, organisation, topic, proposals):
    chosen = proposals["LIP-2026-0002"]

    response = as_representative.post(
        create_url, {**application_post(organisation, topic), "proposal_ids": [chosen.pk]}
    )

    assert response.status_code == 302
    assert list(Application.objects.get().proposals.all()) == [chosen]


def test_checked_and_typed_proposals_are_linked_together_once(
    as_representative, create_url, organisation, topic, proposals
):
    data = {
        **application_post(organisation, topic, proposals="LIP-2026-0001, lip-2026-0002"),
        "proposal_ids": [proposals["LIP-2026-0001"].pk],
    }

    assert as_representative.post(create_url, data).status_code == 302
    linked = sorted(p.reference for p in Application.objects.get().proposals.all())
    assert linked == ["LIP-2026-0001", "LIP-2026-0002"]


@pytest.mark.parametrize("forged", ["other-consultation", "unknown", "huge", "text"])
def test_a_forged_proposal_id_is_a_form_error(as_representative, create_url, organisation, topic, proposals, forged):
    value = {
        "other-consultation": proposals["LIP-2026-0003"].pk,
        "unknown": 987654,
        "huge": "9" * 40,
        "text": "abc",
    }[forged]

    response = as_representative.post(create_url, {**application_post(organisation, topic), "proposal_ids": [value]})

    assert response.status_code == 400
    assert "Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht." in body(response)
    assert not Application.objects.exists()


def test_a_forged_id_in_a_search_is_left_out(as_representative, create_url, organisation, topic, proposals):
    data = {
        **application_post(organisation, topic),
        "proposal_ids": [proposals["LIP-2026-0003"].pk, "9" * 40],
        "proposal_query": "",
        "search_proposals": "1",
    }

    response = as_representative.post(create_url, data)

    assert response.status_code == 200 and "Sprachcafé anderswo" not in body(response)


def test_the_draft_shows_its_linked_proposals_checked(as_representative, create_url, organisation, topic, proposals):
    chosen = proposals["LIP-2026-0001"]
    as_representative.post(create_url, {**application_post(organisation, topic), "proposal_ids": [chosen.pk]})
    application = Application.objects.get()

    page = body(as_representative.get(reverse("ideas:application_edit", args=[application.pk])))

    assert checkbox(chosen, checked=True).search(page)


def test_a_search_while_editing_keeps_the_changes(as_representative, create_url, organisation, topic, proposals):
    as_representative.post(create_url, application_post(organisation, topic))
    application = Application.objects.get()
    edit_url = reverse("ideas:application_edit", args=[application.pk])
    data = {
        **application_post(organisation, topic, title="Neuer Titel"),
        "proposal_query": "garten",
        "search_proposals": "1",
    }

    page = body(as_representative.post(edit_url, data))

    assert 'value="Neuer Titel"' in page
    assert checkbox(proposals["LIP-2026-0002"], checked=False).search(page)
    assert Application.objects.get().title == "Sprachcafé für Eltern"  # nothing stored


def test_the_search_as_one_types_answers_json_with_the_linked_consultations_proposals(client, competition, proposals):
    response = client.get(competition.url + "vorschlaege-suchen/", {"q": "Sprachcafé"})

    assert response.status_code == 200
    wanted = proposals["LIP-2026-0001"]
    assert response.json() == {"results": [{"id": wanted.pk, "reference": wanted.reference, "title": wanted.title}]}


@pytest.mark.parametrize("query", ["", "x" * 500, "a\x00b", "%%%"])
def test_the_json_search_never_fails_on_odd_input(client, competition, proposals, query):
    response = client.get(competition.url + "vorschlaege-suchen/", {"q": query})

    assert response.status_code == 200 and response.json()["results"] == []


def test_the_json_search_returns_at_most_ten(client, competition, proposals, topic):
    consultation = proposals["LIP-2026-0001"].consultation
    for n in range(12):
        ProposalFactory(
            consultation=consultation, reference=f"LIP-2026-01{n:02d}", title=f"Sprachcafé {n}", topic=topic
        )

    assert len(client.get(competition.url + "vorschlaege-suchen/", {"q": "Sprachcafé"}).json()["results"]) == 10


def test_the_json_search_only_reads(client, competition, proposals):
    assert client.post(competition.url + "vorschlaege-suchen/", {"q": "Sprachcafé"}).status_code == 405


# --- Leichte Sprache near the top ----------------------------------------------------------------------------------


@pytest.fixture
def easy_language(home_page):
    page = home_page.add_child(
        instance=StandardPage(title="Leichte Sprache", slug="leichte-sprache", easy_language=True)
    )
    settings = SiteSettings.objects.create(site=Site.objects.get(is_default_site=True))
    FooterLink.objects.create(settings=settings, title="Leichte Sprache", page=page, sort_order=0)
    return page


def test_the_competition_page_links_leichte_sprache_near_the_top(client, competition, easy_language):
    assert f'<a href="{easy_language.url}">Leichte Sprache</a>' in header(client.get(competition.url))


def test_the_consultation_page_links_leichte_sprache_near_the_top(client, proposals, easy_language):
    consultation = proposals["LIP-2026-0001"].consultation

    page = body(client.get(consultation.url)).split('id="now-heading"', 1)[0]

    assert f'<a href="{easy_language.url}">Leichte Sprache</a>' in page


def test_without_an_easy_language_page_there_is_no_link(client, competition):
    assert "easy-language-link" not in body(client.get(competition.url))
