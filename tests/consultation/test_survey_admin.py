"""Staff build a survey in the Wagtail admin: the page type is offered under a consultation, its editor opens, the
phase type "Umfrage" can be chosen, and a survey's header leads to the paper entry."""

import pytest
from django.urls import reverse

from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import make_survey

pytestmark = pytest.mark.django_db


def test_the_survey_editor_opens_under_a_consultation(staff, consultation_index):
    consultation = ConsultationPageFactory()
    url = reverse("wagtailadmin_pages:add", args=["consultation", "surveypage", consultation.pk])
    response = staff.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Einfachauswahl" in html and "Rangfolge" in html and "Skala" in html
    assert "Antworten ohne Anmeldung erlauben" in html


def test_the_phase_type_survey_can_be_chosen_in_the_consultation_editor(staff, consultation_index):
    consultation = ConsultationPageFactory()
    html = staff.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()
    assert '<option value="survey"' in html and "Umfrage" in html


def test_the_survey_page_header_offers_the_paper_entry(staff, consultation_index):
    survey = make_survey()
    html = staff.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    assert reverse("surveys:entry", args=[survey.pk]) in html
