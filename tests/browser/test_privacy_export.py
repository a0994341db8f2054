"""„Meine Daten“ in Chromium (issue 15): request the archive in the profile → the e-mail's link → the download is a
ZIP with the person's data; someone else following the same link gets 404."""

import io
import json
import re
import zipfile

from playwright.sync_api import expect

from tests.browser import demo

PROFILE = "/profil/"


def test_request_my_data_then_download_it_from_the_mail(open_page, server):
    page = open_page(PROFILE, user=demo.PARTICIPANT)
    page.get_by_role("link", name="Meine Daten herunterladen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Daten")
    before = len([m for m in server.emails() if demo.PARTICIPANT in m["To"]])

    page.get_by_role("button", name="Meine Daten anfordern").click()
    expect(page.locator("main .messages")).to_contain_text("Ihre Daten werden jetzt zusammengestellt")

    mails = [m for m in server.emails() if demo.PARTICIPANT in m["To"]]
    assert len(mails) == before + 1
    body = mails[-1].get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/profil/meine-daten/\d+/herunterladen/", body)
    assert link, body
    assert link.group(0).startswith(server.url)

    # The link, opened signed in: the archive, a ZIP holding the person's profile.
    response = page.context.request.get(link.group(0))
    assert response.status == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.body()))
    assert archive.testzip() is None
    (profile,) = json.loads(archive.read("konto/profil.json"))
    assert profile["e_mail"] == demo.PARTICIPANT
    assert "README.txt" in archive.namelist()

    # The page offers it too, as a download.
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Archiv herunterladen").first.click()
    assert download.value.suggested_filename.endswith(".zip")

    # Anyone else gets 404 for the same link.
    other = open_page(demo.HOME, user=demo.COUNCIL)
    assert other.context.request.get(link.group(0)).status == 404
