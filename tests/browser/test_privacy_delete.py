"""Issue 15: a person deletes their account in Chromium; they cannot sign in again and their proposal stays, shown as
by "gelöschtes Konto"."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser import demo

PASSWORD = "Sonnenblume-am-Maschsee-7"

CREATE_ACCOUNT = """
from allauth.account.models import EmailAddress
from lip.models import User
from lip.roles import Role
from lip.services import user_add_role
user = User.objects.create_user(email={email!r}, password={password!r}, display_name={name!r})
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
user_add_role(user=user, role=Role.PARTICIPANT)
"""


def sign_in(page, address: str) -> None:
    page.goto(demo.LOGIN)
    page.get_by_label("E-Mail").fill(address)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_delete_account_then_sign_in_fails_and_the_proposal_shows_geloeschtes_konto(open_page, server):
    server.set_phase("submission")
    token = uuid.uuid4().hex[:8]
    address, name = f"loeschen-{token}@example.org", f"Bald Weg {token}"
    server.manage("shell", "--no-imports", "-c", CREATE_ACCOUNT.format(email=address, password=PASSWORD, name=name))

    page = open_page(demo.HOME)
    sign_in(page, address)
    expect(page.get_by_role("navigation", name="Konto")).to_contain_text("Abmelden")

    page.goto(demo.PROPOSAL_FORM)
    title = f"Nachbarschaftscafé für Neuankommende {token}"
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Beschreibung").fill("Ein offener Treffpunkt einmal pro Woche, mit Übersetzung.")
    page.get_by_label("Handlungsfeld").select_option(label="Sprachförderung")
    page.get_by_role("button", name="Vorschlag einreichen").click()
    expect(page.locator(".proposal__header")).to_contain_text(name)
    proposal_url = page.url

    page.goto("/profil/")
    page.get_by_role("link", name="Konto löschen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Konto löschen")
    expect(page.get_by_role("main")).to_contain_text("gelöschtes Konto")
    page.get_by_label("Ihr Passwort").fill("falsches-Passwort")
    page.get_by_role("button", name="Konto endgültig löschen").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Passwort ist nicht richtig.")

    page.get_by_label("Ihr Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Konto endgültig löschen").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main .messages")).to_contain_text("Ihr Konto wurde gelöscht")
    expect(page.get_by_role("navigation", name="Konto")).not_to_contain_text("Abmelden")

    sign_in(page, address)
    expect(page.get_by_role("main")).to_contain_text("E-Mail-Adresse oder das Passwort ist nicht richtig")
    expect(page.get_by_role("navigation", name="Konto")).not_to_contain_text("Abmelden")

    page.goto(proposal_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".proposal__header")).to_contain_text("gelöschtes Konto")
    expect(page.get_by_role("main")).not_to_contain_text(name)
