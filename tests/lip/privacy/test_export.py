"""„Meine Daten“ (issue 15, item 1): request → background build → e-mail → download of a ZIP whose JSON and CSV
contents match the database; only the owner, signed in, before expiry; then the file is gone."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lip.models import DataExport, DataExportStatus
from lip.privacy import export as export_service
from tests import factories

from . import everything

pytestmark = pytest.mark.django_db


def _request_and_build(client, user, django_capture_on_commit_callbacks) -> DataExport:
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lip:data_export"))
    assert response.status_code == 302
    return DataExport.objects.get(user=user)


def _download(client, url: str) -> zipfile.ZipFile:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(content))


def _json(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(name).decode("utf-8"))


def _csv_lines(archive: zipfile.ZipFile, name: str) -> list[str]:
    raw = archive.read(name)
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with the UTF-8 byte order mark"
    return raw.decode("utf-8-sig").splitlines()


def test_the_archive_holds_everything_about_the_person(client, django_capture_on_commit_callbacks):
    data = everything.build()
    person = data.person
    export = _request_and_build(client, person, django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.status == DataExportStatus.READY
    assert export.notified_at is not None
    assert timedelta(days=6, hours=23) < export.expires_at - timezone.now() <= timedelta(days=7)

    # One e-mail, to the person, with the link to the download (which needs their sign-in).
    assert [message.to for message in mail.outbox] == [[person.email]]
    url = re.search(r"https?://\S+/herunterladen/", mail.outbox[0].body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert "/" + path == reverse("lip:data_export_download", args=[export.pk])

    archive = _download(client, "/" + path)
    names = set(archive.namelist())
    assert "README.txt" in names
    assert "Meine Daten" in archive.read("README.txt").decode("utf-8")
    for table in ("konto/profil", "beteiligung/vorschlaege", "ideenwettbewerb/antraege", "monitoring/berichtsplaene"):
        assert {f"{table}.json", f"{table}.csv"} <= names

    # Account: profile, preferences, addresses, memberships, roles, decisions about the account.
    (profile,) = _json(archive, "konto/profil.json")
    assert profile["e_mail"] == person.email
    assert profile["anzeigename"] == "Ayşe Demir"
    assert profile["integrationsbeirat"] == "Linden-Limmer"
    assert set(profile["rollen"]) == set(person.groups.values_list("name", flat=True))
    settings_rows = {row["einstellung"]: row["aktiv"] for row in _json(archive, "konto/benachrichtigungen.json")}
    assert settings_rows == {
        "notify_moderation": True,
        "notify_responses": True,
        "notify_digest": False,
        "notify_reports": True,
    }
    assert _json(archive, "konto/e_mail_adressen.json") == [
        {"e_mail": person.email, "bestaetigt": True, "hauptadresse": True}
    ]
    (membership,) = _json(archive, "konto/mitgliedschaften.json")
    assert (membership["organisation"], membership["rolle"], membership["status"]) == (
        "Elternverein Linden",
        "Vertretung",
        "aktiv",
    )
    assert [row["organisation"] for row in _json(archive, "konto/registrierte_organisationen.json")] == [
        "Elternverein Linden"
    ]
    (decision,) = _json(archive, "konto/entscheidungen_ueber_das_konto.json")
    assert (decision["entscheidung"], decision["begruendung"]) == ("gesperrt", "Wiederholt beleidigend.")

    # Consultation: proposals with the attachment, comments, statements, votes, reports, moderation decisions.
    proposals = _json(archive, "beteiligung/vorschlaege.json")
    assert [p["nummer"] for p in proposals] == [data.proposal.reference, data.org_proposal.reference]
    assert proposals[0]["titel"] == "Sprachcafé am Abend"
    assert proposals[0]["schlagworte"] == ["Sprachcafé"]
    assert proposals[1]["im_namen_von"] == "Elternverein Linden"
    attachment_path = f"beteiligung/dateien/{proposals[0]['anhang']}"
    assert archive.read(attachment_path) == everything.PROPOSAL_PDF
    assert [c["text"] for c in _json(archive, "beteiligung/kommentare.json")] == [data.comment.text]
    (statement,) = _json(archive, "beteiligung/stellungnahmen.json")
    assert (statement["text"], statement["integrationsbeirat"]) == (data.statement.text, "Linden-Limmer")
    assert [v["vorschlag"] for v in _json(archive, "beteiligung/stimmen.json")] == [data.vote.proposal.reference]
    (report,) = _json(archive, "beteiligung/meldungen.json")
    assert (report["vorschlag"], report["grund"], report["erlaeuterung"]) == (
        data.report.proposal.reference,
        "Werbung oder Spam",
        "Werbung",
    )
    (moderation,) = _json(archive, "beteiligung/entscheidungen_der_moderation.json")
    assert moderation["gegenstand"] == "kommentar"
    assert moderation["nummer"] == str(data.comment.pk)
    assert moderation["entscheidung"] == "ausgeblendet"
    assert moderation["begruendung"] == "Enthält eine Telefonnummer."

    # Idea competition: the application with its file and cost plan, jury work, audience vote, progress report.
    (application,) = _json(archive, "ideenwettbewerb/antraege.json")
    assert application["nummer"] == data.application.reference
    assert application["organisation"] == "Elternverein Linden"
    assert application["gesamtkosten"] == str(data.application.total_costs)
    assert len(application["kostenplan"]) == data.application.cost_items.count()
    assert archive.read(f"ideenwettbewerb/dateien/antraege/{data.application.reference}/Kostenplan.pdf") == (
        everything.APPLICATION_PDF
    )
    scores = _json(archive, "ideenwettbewerb/jury_bewertungen.json")
    assert [s["punkte"] for s in scores] == [5, 4, 3, 2, 1]
    assert [c["anmerkung"] for c in _json(archive, "ideenwettbewerb/befangenheiten.json")] == [
        "Mein Bruder ist im Verein."
    ]
    assert len(_json(archive, "ideenwettbewerb/jury_zuordnungen.json")) == 2
    assert [v["antrag"] for v in _json(archive, "ideenwettbewerb/publikumsstimmen.json")] == [
        data.scored_application.reference
    ]
    assert [r["text"] for r in _json(archive, "ideenwettbewerb/fortschrittsberichte.json")] == ["Läuft gut."]

    # Monitoring: the standing order that names the person as recipient.
    assert [s["betreff"] for s in _json(archive, "monitoring/berichtsplaene.json")] == ["Quartalsbericht Linden"]

    # CSV: the project's conventions (BOM, semicolons, formula-looking text neutralised).
    lines = _csv_lines(archive, "beteiligung/kommentare.csv")
    assert lines[0].split(";")[:3] == ["id", "vorschlag", "antwort_auf"]
    assert len(_csv_lines(archive, "beteiligung/vorschlaege.csv")) == 1 + len(proposals)


def test_a_formula_in_a_cell_is_neutralised_in_csv_but_kept_in_json():
    rows = [{"text": '=HYPERLINK("x")', "zahl": 3}]
    assert export_service.table_csv(rows).startswith("\ufefftext;zahl\r\n")
    assert "'=HYPERLINK" in export_service.table_csv(rows)
    assert json.loads(export_service.table_json(rows)) == rows


def test_archive_paths_are_safe():
    assert export_service.safe_path("../../etc/passwd") == "etc/passwd"
    assert export_service.safe_path("/vorschläge/LIP 1/a b?.pdf") == "vorschläge/LIP_1/a_b.pdf"
    assert export_service.safe_path("..") == "datei"


def test_only_the_owner_signed_in_can_download(client, user, django_capture_on_commit_callbacks):
    export = _request_and_build(client, user, django_capture_on_commit_callbacks)
    url = reverse("lip:data_export_download", args=[export.pk])

    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 404
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(user)
    assert client.get(url).status_code == 200


def test_an_expired_export_answers_404_and_its_file_is_deleted(client, user, django_capture_on_commit_callbacks):
    export = _request_and_build(client, user, django_capture_on_commit_callbacks)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(reverse("lip:data_export_download", args=[export.pk])).status_code == 404
    assert not storage.exists(name)
    assert not DataExport.objects.filter(pk=export.pk).exists()


def test_the_retention_job_deletes_expired_exports_with_their_files(client, user, django_capture_on_commit_callbacks):
    export = _request_and_build(client, user, django_capture_on_commit_callbacks)
    storage, name = export.file.storage, export.file.name
    assert export_service.delete_expired_exports() == 0
    assert export_service.delete_expired_exports(now=export.expires_at + timedelta(seconds=1)) == 1
    assert not storage.exists(name)
    assert not DataExport.objects.exists()


def test_a_second_request_while_one_is_being_built_makes_no_second_export(client, user):
    client.force_login(user)
    client.post(reverse("lip:data_export"))  # the commit callbacks are not run: the export stays pending
    client.post(reverse("lip:data_export"))
    assert DataExport.objects.filter(user=user).count() == 1
    page = client.get(reverse("lip:data_export"))
    assert "werden gerade zusammengestellt" in page.content.decode()


def test_the_page_needs_a_sign_in_and_the_request_a_post(client, user):
    url = reverse("lip:data_export")
    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code == 200
    assert client.put(url).status_code == 405
    assert DataExport.objects.count() == 0


def test_the_profile_links_to_my_data(client, user):
    client.force_login(user)
    assert reverse("lip:data_export") in client.get(reverse("lip:profile")).content.decode()


def test_a_failing_provider_marks_the_export_failed(client, user, django_capture_on_commit_callbacks, monkeypatch):
    def broken(user):
        raise RuntimeError("kaputt")

    from lip.privacy import registry

    monkeypatch.setitem(
        registry._providers, "kaputt", registry.PersonalDataProvider(name="kaputt", export=broken, order=1)
    )
    export = _request_and_build(client, user, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert export.status == DataExportStatus.FAILED
    assert "kaputt" in export.error
    assert mail.outbox == []
    assert client.get(reverse("lip:data_export_download", args=[export.pk])).status_code == 404


def test_a_double_click_after_a_fast_build_makes_no_second_export(client, user, django_capture_on_commit_callbacks):
    """QA: with an eager (or fast) worker the first export is ready before the second click arrives."""
    export = _request_and_build(client, user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lip:data_export"))
    assert list(DataExport.objects.filter(user=user)) == [export]
    assert len(mail.outbox) == 1
    DataExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - export_service.REPEAT_WITHIN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lip:data_export"))
    assert DataExport.objects.filter(user=user).count() == 2  # later, a new request builds a new archive
