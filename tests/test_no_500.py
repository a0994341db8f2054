"""Issue 12, section 2: each of these requests answered 500; now they answer 4xx or the normal page and change nothing."""

import io

import pytest
from django.db import connection
from django.test import Client
from openpyxl import load_workbook
from taggit.models import Tag

from consultation.models import Comment, Proposal
from ideas.models import Application
from lip.models import User
from tests.fuzz import world as seeded

HUGE = "99999999999999999999999"
world_data, world = seeded.world_data, seeded.world  # the module's fixtures


def client_as(email: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def moderator() -> Client:
    return client_as("moderation@lip-hannover.example")


def admin() -> Client:
    return client_as("admin@lip-hannover.example")


# --- Search ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["\x00", '"""', "a\x00b", '"', "(", "NEAR(", "*", "a AND OR", "^", "-x", "'"])
def test_search_with_nul_or_fts_syntax_is_no_500(world, query):
    response = client_as(None).get("/suche/", {"q": query})
    assert response.status_code in (200, 400)


def test_search_with_nul_shows_a_message(world):
    response = client_as(None).get("/suche/?q=%00")
    assert response.status_code == 200
    assert "unzulässige Steuerzeichen" in response.content.decode()


def test_search_still_finds_pages(world):
    response = client_as(None).get("/suche/", {"q": "Integrationsplan"})
    assert response.status_code == 200
    assert "Integrationsplan" in response.content.decode()


def test_proposal_list_search_with_nul_is_no_500(world):
    url = world.consultation.url + "vorschlaege/"
    for query in ("\x00", '"""', HUGE):
        assert client_as(None).get(url, {"q": query}).status_code in (200, 400)


# --- Numbers that str.isdigit() accepts and int() does not --------------------------------------------------------


def test_statistics_year_superscript(world):
    assert client_as(None).get("/monitoring/statistik/?jahr=%C2%B2").status_code == 200
    assert client_as(None).get("/monitoring/statistik/", {"jahr": HUGE}).status_code == 200


@pytest.mark.parametrize("value", ["%C2%B2", HUGE, "-1", "%00", "abc"])
def test_export_consultation_parameter(world, value):
    response = moderator().get(f"/admin/consultation-exports/vorschlaege/csv/?consultation={value}")
    assert response.status_code in (400, 404)
    response = moderator().get(f"/admin/consultation-exports/?consultation={value}")
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("value", ["%C2%B2", HUGE, "%00"])
def test_report_run_plan_parameter(world, value):
    response = admin().get(f"/admin/monitoring-runs/new/?plan={value}")
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("text", ["³1.12.2026", "31.12.²026", "31.12.99999999999999999999", "\x00", "2026-99-99"])
def test_parse_day_refuses_odd_numbers(text):
    from monitoring.measures.imports import parse_day

    assert parse_day(text) is None


def test_parse_day_reads_german_and_iso():
    from datetime import date

    from monitoring.measures.imports import parse_day

    assert parse_day("31.12.2026") == date(2026, 12, 31)
    assert parse_day(" 2026-12-31 ") == date(2026, 12, 31)


# --- Huge numbers as choices (SQLite: OverflowError) --------------------------------------------------------------


@pytest.mark.parametrize("queue", ["moderation-proposals", "moderation-comments"])
def test_moderation_queue_with_huge_consultation(world, queue):
    from django.urls import reverse

    url = reverse(f"{queue}:index")
    for value in (HUGE, "-" + HUGE, "\x00", "²"):
        response = moderator().get(url, {"consultation": value, "district": value, "topic": value})
        assert response.status_code == 200


def test_application_form_with_huge_district(world):
    competition = world.competition
    rep = client_as("vertretung@lip-hannover.example")
    before = Application.objects.count()
    url = competition.url + "antrag-stellen/"
    page = rep.get(url)
    assert page.status_code in (200, 403)
    response = rep.post(url, {"districts": [HUGE], "topics": [HUGE], "organisation": HUGE, "title": "x\x00"})
    assert response.status_code in (200, 400, 403)
    assert Application.objects.count() == before


# --- XLSX export with control characters in the data --------------------------------------------------------------


def test_xlsx_exports_survive_control_characters_in_stored_data(world):
    proposal = Proposal.objects.filter(consultation=world.consultation).first()
    Proposal.objects.filter(pk=proposal.pk).update(title="Esc\x1b und\x0bZeile", text="Text\x0bmit\x1bZeichen\x07")
    proposal.tags.add(Tag.objects.create(name="tag\x1bx", slug="tag-x-esc"))
    comment = Comment.objects.filter(proposal__consultation=world.consultation).first()
    Comment.objects.filter(pk=comment.pk).update(text="Kommentar\x1b\x0bmit Steuerzeichen")
    for name in ("vorschlaege", "kommentare", "veranstaltungen"):
        response = moderator().get(f"/admin/consultation-exports/{name}/xlsx/", {"consultation": world.consultation.pk})
        assert response.status_code == 200, name
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
        assert not any("\x1b" in c or "\x0b" in c for c in cells)
        if name == "vorschlaege":
            assert "Esc und\nZeile" in cells
        if name == "kommentare":
            assert "Kommentar\nmit Steuerzeichen" in cells


def test_comment_form_cleans_control_characters(world):
    """Text that comes in through a form is stored clean: vertical tab becomes a newline, ESC disappears."""
    from consultation.forms import CommentForm

    form = CommentForm(data={"text": "Zeile\x0bzwei\x1b"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "Zeile\nzwei"
    form = CommentForm(data={"text": "mit\x00NUL"})
    assert not form.is_valid()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS syntax error is SQLite's")
def test_search_fts_quote_on_sqlite(world):
    assert client_as(None).get("/suche/?q=%22%22%22").status_code == 200


# --- The shared fields ----------------------------------------------------------------------------------------------


def test_clean_char_field_normalises_and_refuses():
    from django import forms

    from lip.formfields import DEFAULT_MAX_LENGTH, CleanCharField

    field = CleanCharField()
    assert field.clean("a\x0bb\x0cc\u2028d\u2029e\r\nf\x1b\x07\x7f\x85g\tz") == "a\nb\nc\nd\ne\nf\ng\tz"
    with pytest.raises(forms.ValidationError):
        field.clean("a\x00b")
    assert field.max_length == DEFAULT_MAX_LENGTH
    with pytest.raises(forms.ValidationError):
        field.clean("x" * (DEFAULT_MAX_LENGTH + 1))


def test_safe_choice_fields_refuse_huge_numbers_as_invalid_choices(db):
    from lip.formfields import SafeModelChoiceField, SafeModelMultipleChoiceField
    from lip.models import District

    single = SafeModelChoiceField(queryset=District.objects.all())
    multiple = SafeModelMultipleChoiceField(queryset=District.objects.all())
    district = District.objects.first()
    for value in (HUGE, "-" + HUGE, "\x00", "²"):
        with pytest.raises(Exception) as error:
            single.clean(value)
        assert getattr(error.value, "code", None) == "invalid_choice"
        with pytest.raises(Exception) as error:
            multiple.clean([str(district.pk), value])
        assert getattr(error.value, "code", None) in ("invalid_choice", "invalid_pk_value")
    assert single.clean(str(district.pk)) == district


def test_admin_model_form_with_huge_choice_and_control_characters(world):
    """A Wagtail admin form of ours (built from panels) gets the same safety from CleanFormMixin."""
    from lip.models import Organisation

    before = Organisation.objects.count()
    response = admin().post(
        "/admin/organisations/new/",
        {"name": "Verein\x1b", "type": "x", "district": HUGE, "website": "\u2028", "description": "a\x00b"},
    )
    assert response.status_code == 200  # the form again, with errors
    assert Organisation.objects.count() == before


def test_generic_list_exports_use_the_shared_writer(world):
    response = admin().get("/admin/organisations/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    assert b";" in content.splitlines()[0]


def test_broken_multipart_body_is_a_400(world):
    response = client_as("teilnahme@lip-hannover.example").generic(
        "POST",
        world.consultation.url + "vorschlaege/neu/",
        data=b"--wrong\r\n\r\n",
        content_type="multipart/form-data; boundary=expected",
    )
    assert response.status_code in (400, 403)


@pytest.mark.parametrize("next_url", [" ", "a b", "1e309", "//evil.example/", "https://evil.example/"])
def test_moderation_decision_with_odd_next_returns_to_the_item(world, next_url):
    from consultation.models import Proposal

    proposal = Proposal.objects.filter(consultation=world.consultation).first()
    response = moderator().post(f"/admin/moderation-proposals/review/{proposal.pk}/", {"next": next_url})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/")
