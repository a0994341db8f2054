"""End-to-end journeys in Chromium, as people take them on the demo site: what they type, click and see.

The participation journeys (submit, comment, vote) also run on a 360 × 740 phone screen.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import demo
from tests.browser.a11y import DESKTOP, PHONE

SCREENS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:8]}"


def flash(page):
    return page.locator("main .messages")


def votes_text(count: int) -> re.Pattern:
    return re.compile(rf"^\s*{count} Stimmen?\b")


def mails_to(server, address: str):
    return [message for message in server.emails() if address in message["To"]]


def test_register_verify_and_sign_in(open_page, server):
    address = f"neu-{uuid.uuid4().hex[:8]}@example.org"
    password = "Sonnenblume-am-Maschsee-7"
    page = open_page(demo.HOME)
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Registrieren").click()

    page.get_by_label("E-Mail").fill(address)
    page.get_by_label("Anzeigename").fill("Neu Hier")
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_label("Passwort", exact=False).first.fill(password)
    page.get_by_label("Passwort (Wiederholung)").fill(password)
    page.get_by_role("button", name="Registrieren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bestätigen Sie Ihre E-Mail-Adresse")
    (message,) = mails_to(server, address)
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/konto/confirm-email/\S+", body)
    assert link, body
    assert link.group(0).startswith(server.url), "the link points at the site the person registered on"

    # Before confirming, signing in is refused.
    login = open_page(demo.LOGIN)
    login.get_by_label("E-Mail").fill(address)
    login.get_by_label("Passwort").fill(password)
    login.get_by_role("button", name="Anmelden").click()
    expect(login.get_by_role("heading", level=1)).to_have_text("Bestätigen Sie Ihre E-Mail-Adresse")

    page.goto(link.group(0))
    expect(page.get_by_role("main")).to_contain_text(address)
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("navigation", name="Konto")).to_contain_text("Abmelden")

    login.goto(demo.LOGIN)
    login.get_by_label("E-Mail").fill(address)
    login.get_by_label("Passwort").fill(password)
    login.get_by_role("button", name="Anmelden").click()
    expect(login.get_by_role("navigation", name="Konto")).to_contain_text("Abmelden")
    expect(login).not_to_have_url(re.compile(re.escape(demo.LOGIN)))


@SCREENS
def test_representative_submits_a_proposal_for_the_organisation(open_page, server, viewport):
    server.set_phase("submission")
    title = unique("Mehrsprachige Beratung im Stadtteiltreff")
    page = open_page(demo.CONSULTATION, user=demo.REPRESENTATIVE, viewport=viewport)
    page.get_by_role("link", name="Vorschlag einreichen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorschlag einreichen")

    page.get_by_label("Titel").fill(title)
    page.get_by_label("Beschreibung").fill("Beratung in Arabisch, Türkisch und Ukrainisch, einmal pro Woche.")
    page.get_by_label("Handlungsfeld").select_option(label="Sprachförderung")
    page.get_by_label("Stadtbezirk").select_option(label="Linden-Limmer")
    page.get_by_label(demo.ORGANISATION).check()
    page.get_by_role("button", name="Vorschlag einreichen").click()

    expect(flash(page)).to_contain_text("Ihr Vorschlag ist veröffentlicht")
    reference = re.search(r"LIP-\d{4}-\d{4}", flash(page).inner_text()).group(0)
    expect(page).to_have_url(re.compile(f"/vorschlaege/{reference}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".proposal__header")).to_contain_text(f"im Namen von {demo.ORGANISATION}")

    # Everyone finds it in the list, with its number.
    listing = open_page(demo.PROPOSAL_LIST + f"?q={reference}", viewport=viewport)
    item = listing.get_by_role("main").locator("li, article").filter(has_text=title).last
    expect(item).to_contain_text(reference)


@SCREENS
def test_empty_proposal_shows_the_errors_and_stores_nothing(open_page, server, viewport):
    server.set_phase("submission")
    page = open_page(demo.PROPOSAL_FORM, user=demo.REPRESENTATIVE, viewport=viewport)
    description = unique("Ohne Titel geht es nicht")
    page.get_by_label("Beschreibung").fill(description)
    page.get_by_role("button", name="Vorschlag einreichen").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte korrigieren Sie die folgenden Angaben")
    expect(summary.get_by_role("link", name=re.compile("^Titel"))).to_have_attribute("href", "#id_title")
    expect(summary.get_by_role("link", name=re.compile("^Handlungsfeld"))).to_have_attribute("href", "#id_topic")
    expect(page.locator("#id_title_error")).to_be_visible()
    expect(page.get_by_label("Beschreibung")).to_have_value(description)  # what was typed is kept

    listing = open_page(demo.PROPOSAL_LIST + "?q=" + description.split()[-1], viewport=viewport)
    expect(listing.get_by_role("main")).not_to_contain_text(description)


@SCREENS
def test_participant_comments_on_a_proposal(open_page, server, viewport):
    server.set_phase("submission")
    text = unique("Im Stadtteilzentrum gäbe es dafür einen Raum.")
    page = open_page(demo.PROPOSAL, user=demo.PARTICIPANT, viewport=viewport)
    page.get_by_label("Ihr Kommentar").fill(text)
    page.get_by_role("button", name="Kommentar veröffentlichen").click()

    expect(flash(page)).to_contain_text("Ihr Kommentar ist veröffentlicht")
    comment = page.locator("article.comment").filter(has_text=text)
    expect(comment.get_by_role("heading")).to_have_text("Tara Teilnahme")

    anonymous = open_page(demo.PROPOSAL, viewport=viewport)
    expect(anonymous.locator("article.comment").filter(has_text=text)).to_be_visible()


@pytest.fixture(scope="class")
def voting_phase(server):
    """The voting phase for the tests of a class; afterwards the submission phase the other tests expect."""
    server.set_phase("voting")
    yield
    server.set_phase("submission")


@pytest.mark.usefixtures("voting_phase")
class TestVotingPhase:
    @SCREENS
    def test_participant_votes_and_withdraws(self, open_page, viewport):
        page = open_page(demo.PROPOSAL_VOTABLE, user=demo.PARTICIPANT, viewport=viewport)
        votes = page.locator(".votes")
        before_count = int(re.search(r"\d+", votes.locator(".votes__count").inner_text()).group(0))
        remaining = int(re.search(r"noch (\d+) von 5", votes.locator(".votes__budget").inner_text()).group(1))

        votes.get_by_role("button", name="Vorschlag unterstützen").click()
        expect(votes.locator(".votes__count")).to_have_text(votes_text(before_count + 1))
        expect(votes.locator(".votes__budget")).to_contain_text(f"noch {remaining - 1} von 5 Stimmen")
        expect(votes).to_contain_text("Sie unterstützen diesen Vorschlag.")

        votes.get_by_role("button", name="Unterstützung zurückziehen").click()
        expect(votes.locator(".votes__count")).to_have_text(votes_text(before_count))
        expect(votes.locator(".votes__budget")).to_contain_text(f"noch {remaining} von 5 Stimmen")
        expect(votes.get_by_role("button", name="Vorschlag unterstützen")).to_be_visible()

    @SCREENS
    def test_participant_votes_from_the_list_and_comes_back_to_the_card(self, open_page, viewport):
        """Issue 17: the card's vote button is a plain form; the list comes back as it was, at the card."""
        url = demo.PROPOSAL_LIST + "?sort=comments"
        page = open_page(url, user=demo.PARTICIPANT, viewport=viewport)
        card = page.locator(".proposal-item").filter(has_text=demo.PROPOSAL_VOTABLE.rstrip("/").rsplit("/", 1)[1])
        before = int(re.search(r"\d+", card.locator(".proposal-item__votes").inner_text()).group(0))

        card.get_by_role("button", name=re.compile("^Unterstützen")).click()
        expect(page).to_have_url(re.compile(re.escape(url) + r"#proposal-\d+$"))
        expect(flash(page)).to_contain_text("Sie unterstützen diesen Vorschlag.")
        expect(card.locator(".proposal-item__votes")).to_have_text(votes_text(before + 1))

        card.get_by_role("button", name=re.compile("^Stimme zurückziehen")).click()
        expect(page).to_have_url(re.compile(re.escape(url) + r"#proposal-\d+$"))
        expect(card.locator(".proposal-item__votes")).to_have_text(votes_text(before))
        expect(card.get_by_role("button", name=re.compile("^Unterstützen"))).to_be_visible()


def test_moderator_hides_a_comment_with_a_reason(open_page, server):
    server.set_phase("submission")
    text = unique("Dieser Kommentar wird ausgeblendet.")
    author = open_page(demo.PROPOSAL, user=demo.PARTICIPANT)
    author.get_by_label("Ihr Kommentar").fill(text)
    author.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(flash(author)).to_contain_text("Ihr Kommentar ist veröffentlicht")

    queue = open_page(demo.MODERATION_COMMENTS, user=demo.MODERATOR)
    queue.get_by_role("link", name=text).click()
    queue.get_by_role("link", name="Ausblenden", exact=True).click()
    queue.get_by_label("Begründung").fill("Enthält persönliche Angaben über Dritte.")
    queue.get_by_role("button", name="Ausblenden", exact=True).click()
    expect(queue.get_by_role("main")).to_contain_text("ausgeblendet")

    public = open_page(demo.PROPOSAL)
    expect(public.get_by_role("heading", level=1)).to_be_visible()
    expect(public.get_by_role("main")).not_to_contain_text(text)
    notices = mails_to(server, demo.PARTICIPANT)
    assert any("Enthält persönliche Angaben über Dritte." in m.get_body(("plain",)).get_content() for m in notices)


def test_language_switch_keeps_the_page_and_turns_it_right_to_left(open_page):
    page = open_page(demo.PROPOSAL)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "ltr")

    switch = page.get_by_role("navigation", name="Sprache (Language)")
    expect(switch.get_by_role("link", name="Deutsch")).to_have_attribute("aria-current", "true")
    switch.locator("a[hreflang=ar]").click()
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page).to_have_url(re.compile(re.escape(demo.PROPOSAL) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprachcafés mit Kinderbetreuung in Linden")

    page.locator("nav.language-switch a[hreflang=de]").click()
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(re.compile(re.escape(demo.PROPOSAL) + "$"))
