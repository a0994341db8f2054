"""Forged and absurd ids in URLs and forms end in 404 or a form error, never in a server error."""

import pytest

from consultation.models import Comment, Proposal

HUGE = "9" * 30  # beyond any integer column


@pytest.mark.parametrize(
    "path",
    [
        f"kommentare/{HUGE}/bearbeiten/",
        f"veranstaltungen/{HUGE}/",
        "kommentare/0/loeschen/",
        f"vorschlaege/LIP-2026-{HUGE}/",
        f"vorschlaege/LIP-2026-{HUGE}/stimme/",
    ],
)
def test_absurd_ids_in_urls_are_404(client_for, clock, consultation, user, path):
    client = client_for(user)
    assert client.get(consultation.url + path).status_code == 404
    assert client.post(consultation.url + path).status_code in (404, 405)  # read-only pages refuse the method first


@pytest.mark.parametrize("field", ["topic", "district", "organisation"])
def test_absurd_ids_in_the_submission_form_are_field_errors(client_for, clock, consultation, user, topic, field):
    data = {"title": "T", "text": "X", "topic": topic.pk, field: HUGE}
    response = client_for(user).post(consultation.url + "vorschlaege/neu/", data)
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_absurd_reply_parent_is_a_form_error(client_for, clock, proposal, user):
    response = client_for(user).post(proposal.get_absolute_url() + "kommentieren/", {"text": "x", "parent": HUGE})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_absurd_page_number_shows_the_last_page(client, clock, consultation, proposal):
    response = client.get(consultation.url + f"vorschlaege/?page={HUGE}")
    assert response.status_code == 200
    assert proposal.reference in response.content.decode()
