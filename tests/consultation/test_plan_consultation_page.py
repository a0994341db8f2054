"""The page of a consultation about a draft text points to the draft and offers no proposal actions."""

import pytest

from tests.consultation.plan_support import make_plan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_text_review_consultation_leads_to_its_draft(client, consultation_index):
    page = make_plan(title="Entwurf LIP 4.0")
    consultation = page.get_parent().specific
    client.force_login(UserFactory())
    html = client.get(consultation.url).content.decode()
    assert "„Entwurf LIP 4.0“ kommentieren" in html
    assert f'href="{page.url}"' in html
    assert "Vorschlag einreichen" not in html
    assert "Neueste Vorschläge" not in html


def test_a_proposal_consultation_without_drafts_is_unchanged(client, consultation_index):
    from tests.consultation.factories import ConsultationPageFactory

    consultation = ConsultationPageFactory(parent=consultation_index)
    html = client.get(consultation.url).content.decode()
    assert "Vorschlag einreichen" in html and "Neueste Vorschläge" in html
    assert "kommentieren“" not in html
