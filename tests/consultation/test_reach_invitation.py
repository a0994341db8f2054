"""Issue 20: after a contribution – a proposal, a comment on a paragraph of the plan draft – the page people land on
offers the voluntary questions about the person ("Wer macht mit?") with a link; a refused or failed contribution, a
council's statement and an ordinary page do not."""

import re

import pytest
from django.urls import reverse

from consultation.models import PlanParagraph, Proposal

pytestmark = pytest.mark.django_db

INVITATION = "Freiwillig: Helfen Sie uns mit ein paar Fragen zu Ihrer Person zu sehen, wen die Beteiligung erreicht."


def invitation_links(html: str) -> list[str]:
    """The links of the invitation on a page (its <span>), as the page shows them."""
    return re.findall(r'class="reach-invitation">[^<]*<a href="([^"]+)">Zu den Fragen zur Person</a>', html)


def first_paragraph(plan) -> PlanParagraph:
    return PlanParagraph.objects.filter(page=plan).order_by("position").first()


def test_after_submitting_a_proposal_the_thanks_is_followed_by_the_invitation(
    client_for, clock, consultation, user, topic
):
    data = {"title": "Sprachcafé im Stadtteilzentrum", "text": "Einmal pro Woche.", "topic": topic.pk}
    response = client_for(user).post(consultation.url + "vorschlaege/neu/", data, follow=True)
    html = response.content.decode()
    proposal = Proposal.objects.get()
    assert response.redirect_chain[0][0] == proposal.get_absolute_url()
    assert invitation_links(html) == [reverse("monitoring:reach_questionnaire")]
    assert INVITATION in html
    # Below the thanks, in the messages: a message of its own, not escaped.
    assert html.index(f"Seine Nummer ist {proposal.reference}") < html.index(INVITATION)
    assert '<p class="message message--info"><span class="reach-invitation">' in html


def test_the_invitation_is_shown_once_not_on_the_next_page(client_for, clock, consultation, user, topic):
    client = client_for(user)
    data = {"title": "Sprachcafé im Stadtteilzentrum", "text": "Einmal pro Woche.", "topic": topic.pk}
    client.post(consultation.url + "vorschlaege/neu/", data, follow=True)
    assert invitation_links(client.get(Proposal.objects.get().get_absolute_url()).content.decode()) == []


def test_a_proposal_with_errors_gets_no_invitation(client_for, clock, consultation, user):
    client = client_for(user)
    response = client.post(consultation.url + "vorschlaege/neu/", {"title": "", "text": ""})
    assert response.status_code == 400
    assert invitation_links(response.content.decode()) == []
    assert not Proposal.objects.exists()
    # Nor is it kept for the next page.
    assert invitation_links(client.get(consultation.url).content.decode()) == []


def test_editing_a_proposal_gets_no_invitation(client_for, clock, consultation, user, topic):
    client = client_for(user)
    data = {"title": "Sprachcafé im Stadtteilzentrum", "text": "Einmal pro Woche.", "topic": topic.pk}
    client.post(consultation.url + "vorschlaege/neu/", data, follow=True)  # the invitation shown there
    proposal = Proposal.objects.get()
    edited = client.post(
        proposal.get_absolute_url() + "bearbeiten/", {**data, "text": "Zweimal pro Woche."}, follow=True
    )
    assert "Ihre Änderungen sind gespeichert." in edited.content.decode()
    assert invitation_links(edited.content.decode()) == []


def test_after_commenting_on_a_paragraph_the_invitation_follows(client_for, plan, user):
    paragraph = first_paragraph(plan)
    response = client_for(user).post(paragraph.get_absolute_url() + "kommentieren/", {"text": "Sehr gut."}, follow=True)
    html = response.content.decode()
    assert "Ihr Kommentar ist veröffentlicht." in html
    assert invitation_links(html) == [reverse("monitoring:reach_questionnaire")]


def test_a_refused_comment_gets_no_invitation(client_for, plan, user):
    paragraph = first_paragraph(plan)
    response = client_for(user).post(paragraph.get_absolute_url() + "kommentieren/", {"text": "   "})
    assert response.status_code == 400
    assert invitation_links(response.content.decode()) == []


def test_a_councils_statement_gets_no_invitation(client_for, plan, council_member, district):
    paragraph = first_paragraph(plan)
    response = client_for(council_member).post(
        paragraph.get_absolute_url() + "stellungnahme/",
        {"stellungnahme-text": "Der Beirat empfiehlt das.", "stellungnahme-proposed_text": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "Die Stellungnahme Ihres Integrationsbeirats ist veröffentlicht." in html
    assert invitation_links(html) == []


def test_the_invitation_is_translated(client_for, clock, consultation, user, topic, settings):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"title": "Sprachcafé im Stadtteilzentrum", "text": "Einmal pro Woche.", "topic": topic.pk}
    html = client.post(consultation.url + "vorschlaege/neu/", data, follow=True).content.decode()
    assert "Voluntary: help us see whom the participation reaches" in html
    assert INVITATION not in html
