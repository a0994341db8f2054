"""Indicators and their values: typed in (with who and when) or imported from CSV, all or nothing, every faulty row
named by its line number."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from monitoring.measures import imports, services
from monitoring.models import Indicator, IndicatorDirection, IndicatorValue

from .factories import IndicatorFactory, IndicatorValueFactory

GOOD_CSV = "datum;wert;kommentar\n31.01.2026;118;Zählung\n28.02.2026;124,5;\n2026-03-31;1.130,25;Jahresmitte\n"


def upload(text: str, name: str = "werte.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def indicator(db):
    return IndicatorFactory(name="Teilnehmende an Sprachcafés")


def test_staff_enter_a_value_and_who_and_when_is_recorded(client, staff, indicator, clock):
    client.force_login(staff)

    response = client.post(
        reverse("monitoring-values:add"),
        {"indicator": indicator.pk, "date": "2026-03-31", "value": "87,5", "comment": "Zählung"},
    )

    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("87.5")
    assert value.entered_by == staff and value.entered_at == clock


def test_a_value_that_is_not_a_number_is_a_form_error(client, staff, indicator):
    client.force_login(staff)

    response = client.post(
        reverse("monitoring-values:add"),
        {"indicator": indicator.pk, "date": "2026-03-31", "value": "viele", "comment": ""},
    )

    assert response.status_code == 200
    assert "Bitte geben Sie eine Zahl ein" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_second_value_on_the_same_day_is_refused(staff, indicator):
    IndicatorValueFactory(indicator=indicator, date=date(2026, 3, 31))

    with pytest.raises(ValidationError):
        services.indicator_value_save(
            value=IndicatorValue(indicator=indicator, date=date(2026, 3, 31), value=Decimal(1)), user=staff
        )
    assert IndicatorValue.objects.count() == 1


def test_the_csv_import_stores_every_row_with_who_imported_it(client, staff, indicator):
    client.force_login(staff)

    response = client.post(
        reverse("monitoring-indicators:import"), {"indicator": indicator.pk, "file": upload(GOOD_CSV)}
    )

    assert response.status_code == 302
    values = list(indicator.values.order_by("date").values_list("date", "value", "comment", "entered_by", "imported"))
    assert values == [
        (date(2026, 1, 31), Decimal("118.00"), "Zählung", staff.pk, True),
        (date(2026, 2, 28), Decimal("124.50"), "", staff.pk, True),
        (date(2026, 3, 31), Decimal("1130.25"), "Jahresmitte", staff.pk, True),
    ]


def test_a_csv_with_one_bad_row_imports_nothing_and_names_the_row(client, staff, indicator):
    client.force_login(staff)
    text = "datum;wert;kommentar\n31.01.2026;118;\n28.02.2026;viele;geschätzt\n31.03.2026;130;\n"

    response = client.post(reverse("monitoring-indicators:import"), {"indicator": indicator.pk, "file": upload(text)})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Zeile 3: „viele“ ist keine Zahl." in html
    assert "Es wurde nichts gespeichert" in html
    assert not IndicatorValue.objects.exists()


def test_every_faulty_row_is_named(staff, indicator):
    IndicatorValueFactory(indicator=indicator, date=date(2026, 1, 31))
    text = "Datum,Wert\n31.01.2026,1\n32.01.2026,2\n01.02.2026,\n01.03.2026,3\n01.03.2026,4\n"

    with pytest.raises(ValidationError) as refusal:
        imports.indicator_values_import(indicator=indicator, user=staff, raw=text.encode())

    assert refusal.value.messages == [
        "Zeile 2: Für den 31.01.2026 gibt es schon einen Wert.",
        "Zeile 3: „32.01.2026“ ist kein Datum (TT.MM.JJJJ).",
        "Zeile 4: „“ ist keine Zahl.",
        "Zeile 6: Der 01.03.2026 steht schon in Zeile 5.",
    ]
    assert indicator.values.count() == 1


def test_a_file_without_the_columns_is_refused(staff, indicator):
    with pytest.raises(ValidationError) as refusal:
        imports.indicator_values_import(indicator=indicator, user=staff, raw=b"wann;wieviel\n31.01.2026;1\n")

    assert refusal.value.messages[0].startswith("Zeile 1:")


def test_the_import_is_one_transaction(staff, indicator, monkeypatch):
    """A failure while storing (here: the database refuses the last row) leaves none of the rows behind."""
    original = IndicatorValue.objects.bulk_create

    def failing_bulk_create(objs, *args, **kwargs):
        objs = list(objs)
        original(objs[:-1], *args, **kwargs)
        raise IntegrityError("simulated")

    monkeypatch.setattr(IndicatorValue.objects, "bulk_create", failing_bulk_create)

    with pytest.raises(ValidationError):
        imports.indicator_values_import(indicator=indicator, user=staff, raw=GOOD_CSV.encode())
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("baseline", "target", "direction", "value", "expected"),
    [
        ("40", "120", IndicatorDirection.HIGHER, "80", "50.0"),
        ("40", "120", IndicatorDirection.HIGHER, "40", "0.0"),
        ("40", "120", IndicatorDirection.HIGHER, "130", "112.5"),
        ("40", "120", IndicatorDirection.HIGHER, "30", "-12.5"),
        ("120", "60", IndicatorDirection.LOWER, "90", "50.0"),
        ("120", "60", IndicatorDirection.LOWER, "130", "-16.7"),
    ],
)
def test_target_attainment(baseline, target, direction, value, expected):
    indicator = Indicator(baseline_value=Decimal(baseline), target_value=Decimal(target), direction=direction)
    assert indicator.attainment(Decimal(value)) == Decimal(expected)


def test_a_target_pointing_the_wrong_way_is_refused_by_the_database(db, indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(pk=indicator.pk).update(target_value=Decimal("10"))  # lower, but higher is better
