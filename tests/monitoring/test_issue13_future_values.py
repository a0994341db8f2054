"""Issue 13, item 11: indicator values dated in the future are refused, in the CSV import (with the row number) as
when typed in; otherwise they would count as the "current" value in later reports."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.measures import imports, services
from monitoring.models import IndicatorValue

from .factories import IndicatorFactory


@pytest.fixture
def indicator(db):
    return IndicatorFactory(name="Teilnehmende an Sprachcafés")


def test_the_import_refuses_a_future_row_and_names_it(staff, indicator, clock):
    text = "datum;wert\n31.03.2026;118\n05.04.2026;120\n06.04.2026;124\n"

    with pytest.raises(ValidationError) as refusal:
        imports.indicator_values_import(indicator=indicator, user=staff, raw=text.encode())

    assert refusal.value.messages == [
        "Zeile 4: Der 06.04.2026 liegt in der Zukunft. Werte werden erst eingetragen, wenn sie gemessen sind."
    ]
    assert not IndicatorValue.objects.exists()


def test_the_import_form_shows_the_row_and_stores_nothing(client, staff, indicator, clock):
    client.force_login(staff)
    upload = SimpleUploadedFile("werte.csv", b"datum;wert\n2026-12-31;130\n", content_type="text/csv")

    response = client.post(reverse("monitoring-indicators:import"), {"indicator": indicator.pk, "file": upload})

    assert response.status_code == 400
    assert "Zeile 2: Der 31.12.2026 liegt in der Zukunft." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_typed_in_future_value_is_refused(staff, indicator, clock):
    from datetime import date

    with pytest.raises(ValidationError) as refusal:
        services.indicator_value_save(
            value=IndicatorValue(indicator=indicator, date=date(2026, 4, 6), value=3), user=staff
        )

    assert refusal.value.message_dict == {"date": ["Das Datum kann nicht in der Zukunft liegen."]}
    assert not IndicatorValue.objects.exists()
