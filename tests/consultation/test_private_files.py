"""Private files of a consultation (issue 12, section 3): a proposal's attachment is served only to those who may see
the proposal, an event's minutes only through the consultation page, and both are stored under unguessable names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultation.models import ProposalState
from tests import factories

from .conftest import PDF_BYTES
from .factories import EventFactory


def _upload(name: str = "a.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.mark.parametrize("state", [ProposalState.HIDDEN, ProposalState.PENDING])
def test_an_invisible_proposals_attachment_is_404_for_the_public_and_other_participants(
    client_for, clock, make_proposal, state
):
    proposal = make_proposal(state=state, attachment=_upload())
    url = proposal.get_absolute_url() + "anhang/"

    assert client_for(None).get(url).status_code == 404
    assert client_for(factories.UserFactory()).get(url).status_code == 404


@pytest.mark.parametrize("state", [ProposalState.HIDDEN, ProposalState.PENDING])
def test_an_invisible_proposals_attachment_is_served_to_its_author_and_moderators(
    client_for, clock, make_proposal, author, moderator, state
):
    proposal = make_proposal(state=state, attachment=_upload())
    url = proposal.get_absolute_url() + "anhang/"

    for person in (author, moderator):
        response = client_for(person).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Cache-Control"] == "private, no-store"


def test_a_published_proposals_attachment_is_public_but_not_cached_by_shared_caches(client_for, clock, make_proposal):
    proposal = make_proposal(attachment=_upload("Konzept.pdf"))

    response = client_for(None).get(proposal.get_absolute_url() + "anhang/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Konzept.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_attachment_is_handed_to_nginx_when_configured(client_for, clock, make_proposal, settings):
    settings.LIP_SENDFILE_BACKEND = "nginx"
    proposal = make_proposal(attachment=_upload())

    response = client_for(None).get(proposal.get_absolute_url() + "anhang/")

    assert response["X-Accel-Redirect"] == f"/protected/{proposal.attachment.name}"
    assert response.content == b""


def test_two_attachments_named_alike_are_stored_under_different_unguessable_paths(clock, make_proposal):
    first = make_proposal(attachment=_upload()).attachment.name
    second = make_proposal(attachment=_upload()).attachment.name

    assert first != second
    for name in (first, second):
        folder, token, filename = name.rsplit("/", 2)
        assert folder == "consultation/attachments" and filename == "a.pdf" and len(token) >= 20


# --- Event minutes -------------------------------------------------------------------------------------------------


@pytest.fixture
def event(consultation):
    return EventFactory(consultation=consultation, minutes_file=_upload("Protokoll.pdf"))


def test_the_event_page_links_the_minutes_through_the_consultation_not_media(client_for, clock, consultation, event):
    page = client_for(None).get(f"{consultation.url}veranstaltungen/{event.pk}/").content.decode()

    assert f'href="{consultation.url}veranstaltungen/{event.pk}/protokoll/"' in page
    assert "/media/" not in page


def test_the_minutes_are_served_through_the_consultation(client_for, clock, consultation, event):
    response = client_for(None).get(f"{consultation.url}veranstaltungen/{event.pk}/protokoll/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Protokoll.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_minutes_are_stored_under_an_unguessable_name(event):
    folder, token, filename = event.minutes_file.name.rsplit("/", 2)

    assert folder == "consultation/minutes" and filename == "Protokoll.pdf" and len(token) >= 20


def test_minutes_of_another_consultations_event_are_404(client_for, clock, consultation, other_consultation):
    foreign = EventFactory(consultation=other_consultation, minutes_file=_upload("Protokoll.pdf"))

    assert client_for(None).get(f"{consultation.url}veranstaltungen/{foreign.pk}/protokoll/").status_code == 404


def test_an_event_without_minutes_file_has_no_download(client_for, clock, consultation):
    bare = EventFactory(consultation=consultation)

    assert client_for(None).get(f"{consultation.url}veranstaltungen/{bare.pk}/protokoll/").status_code == 404


def test_minutes_of_an_unpublished_consultation_are_404(client_for, clock, consultation, event):
    url = f"{consultation.url}veranstaltungen/{event.pk}/protokoll/"
    consultation.unpublish()

    assert client_for(None).get(url).status_code == 404


def test_posting_to_the_minutes_is_not_allowed(client_for, clock, consultation, event):
    assert client_for(None).post(f"{consultation.url}veranstaltungen/{event.pk}/protokoll/").status_code == 405


def test_the_edit_form_links_the_current_attachment_to_its_download_view_not_media(
    client_for, clock, make_proposal, author
):
    proposal = make_proposal(attachment=_upload("Konzept.pdf"))

    form = client_for(author).get(proposal.get_absolute_url() + "bearbeiten/").content.decode()

    assert f'href="{proposal.get_absolute_url()}anhang/">Konzept.pdf</a>' in form
    assert "/media/" not in form


def test_the_admin_links_the_current_minutes_to_the_minutes_view_not_media(client_for, moderator, consultation, event):
    form = client_for(moderator).get(reverse("consultation-events:edit", args=(event.pk,))).content.decode()

    assert f'href="{consultation.url}veranstaltungen/{event.pk}/protokoll/">Protokoll.pdf</a>' in form
    assert "/media/" not in form
