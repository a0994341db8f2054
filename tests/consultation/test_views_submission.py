"""Submitting, editing and withdrawing proposals through the public forms, including bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultation.models import Proposal, ProposalState
from lip.models import MembershipRole
from tests import factories

from .conftest import PDF_BYTES, PNG_BYTES


@pytest.fixture
def create_url(consultation):
    return consultation.url + "vorschlaege/neu/"


@pytest.fixture
def valid(topic):
    return {
        "title": "Sprachcafé im Stadtteilzentrum",
        "text": "Einmal pro Woche.\n\nMit Kinderbetreuung.",
        "topic": topic.pk,
    }


def errors_of(response) -> str:
    body = response.content.decode()
    start = body.find('id="form-errors"')
    assert start != -1, "no error summary on the page"
    return body[start : body.find("</div>", start)]


# --- Submitting ------------------------------------------------------------------


def test_anonymous_is_sent_to_login_and_back(client, clock, consultation, create_url):
    response = client.get(create_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + create_url.replace("/", "%2F")


def test_submission_form_offers_topics_districts_tags_and_organisations(
    client_for, clock, consultation, create_url, representative, organisation
):
    response = client_for(representative).get(create_url)
    body = response.content.decode()
    assert response.status_code == 200
    for label in ("Titel", "Beschreibung", "Handlungsfeld", "Stadtbezirk", "Weitere Schlagworte", "Anhang (optional)"):
        assert f">{label} " in body or f">{label}<" in body
    assert 'value="Sprachcafé"' in body and 'value="Kita"' in body  # the suggested tags as checkboxes
    assert "nur in meinem Namen" in body
    assert organisation.name in body
    assert 'enctype="multipart/form-data"' in body


def test_participant_without_organisation_gets_no_organisation_choice(
    client_for, clock, consultation, create_url, user
):
    body = client_for(user).get(create_url).content.decode()
    assert "nur in meinem Namen" not in body


def test_submit_stores_proposal_with_tags_and_redirects_to_it(
    client_for, clock, consultation, create_url, user, valid, district
):
    data = {**valid, "district": district.pk, "suggested_tags": ["Kita"], "extra_tags": "Nachbarschaft, Ehrenamt"}
    response = client_for(user).post(create_url, data, follow=True)
    proposal = Proposal.objects.get()
    assert response.redirect_chain[0][0] == proposal.get_absolute_url()
    assert proposal.reference.startswith("LIP-2026-")
    assert proposal.author == user
    assert proposal.district == district
    assert sorted(t.name for t in proposal.tags.all()) == ["Ehrenamt", "Kita", "Nachbarschaft"]
    body = response.content.decode()
    assert f"Seine Nummer ist {proposal.reference}" in body  # the success message
    assert "<p>Einmal pro Woche.</p>" in body and "<p>Mit Kinderbetreuung.</p>" in body


def test_submit_without_district_is_citywide(client_for, clock, consultation, create_url, user, valid):
    client_for(user).post(create_url, valid)
    assert Proposal.objects.get().district is None


def test_representative_submits_on_behalf_of_organisation(
    client_for, clock, consultation, create_url, representative, organisation, valid
):
    response = client_for(representative).post(create_url, {**valid, "organisation": organisation.pk}, follow=True)
    proposal = Proposal.objects.get()
    assert proposal.organisation == organisation
    body = response.content.decode()
    assert f"im Namen von {organisation.name}" in body
    assert "bestätigt" in body  # the verified badge


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "Titel"),
        ({"title": "   "}, "Titel"),
        ({"title": "x" * 121}, "Titel"),
        ({"text": ""}, "Beschreibung"),
        ({"text": "x" * 5001}, "Beschreibung"),
        ({"topic": ""}, "Handlungsfeld"),
        ({"topic": "999999"}, "Handlungsfeld"),
        ({"topic": "kein-wert"}, "Handlungsfeld"),
        ({"district": "999999"}, "Stadtbezirk"),
        ({"suggested_tags": ["nicht-vorgeschlagen"]}, "Schlagworte"),
        ({"extra_tags": "x" * 51}, "Weitere Schlagworte"),
        ({"extra_tags": ",".join(f"t{i}" for i in range(11))}, "Weitere Schlagworte"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_is_stored(
    client_for, clock, consultation, create_url, user, valid, change, field
):
    response = client_for(user).post(create_url, {**valid, **change})
    assert response.status_code == 400
    assert f">{field}: " in errors_of(response)
    assert not Proposal.objects.exists()


def test_topic_outside_the_consultation_is_refused(client_for, clock, consultation, create_url, user, valid):
    from lip.models import Topic

    other = Topic.objects.exclude(pk=valid["topic"]).first()
    response = client_for(user).post(create_url, {**valid, "topic": other.pk})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_text_of_5000_characters_with_line_breaks_is_accepted(client_for, clock, consultation, create_url, user, valid):
    text = ("x" * 99 + "\r\n") * 50  # 5,000 characters as the browser counts them, 5,050 as sent
    response = client_for(user).post(create_url, {**valid, "text": text})
    assert response.status_code == 302
    assert len(Proposal.objects.get().text) == 4999  # the last line break is stripped


def test_html_and_script_are_stored_as_text_and_rendered_escaped(
    client_for, clock, consultation, create_url, user, valid
):
    data = {**valid, "title": "<b>Fett</b> & Co", "text": '<script>alert("x")</script>\n\n<a href="x">Link</a>'}
    client_for(user).post(create_url, data)
    proposal = Proposal.objects.get()
    assert proposal.text.startswith("<script>")
    for url in (proposal.get_absolute_url(), consultation.url + "vorschlaege/", consultation.url):
        body = client_for(user).get(url).content.decode()
        assert "<script>alert" not in body
        assert "<b>Fett</b>" not in body
        assert "&lt;b&gt;Fett&lt;/b&gt; &amp; Co" in body
    body = client_for(user).get(proposal.get_absolute_url()).content.decode()
    assert "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>" in body
    assert '<a href="x">' not in body


def test_forged_organisation_id_is_a_field_error(client_for, clock, consultation, create_url, representative, valid):
    response = client_for(representative).post(create_url, {**valid, "organisation": 999999})
    assert response.status_code == 400
    assert ">Einreichen als: Sie können nur für bestätigte Organisationen handeln" in errors_of(response)
    assert not Proposal.objects.exists()


def test_forged_organisation_id_is_refused_for_someone_who_represents_none(
    client_for, clock, consultation, create_url, user, organisation, valid
):
    response = client_for(user).post(create_url, {**valid, "organisation": organisation.pk})
    assert response.status_code == 400
    assert "Sie können nur für bestätigte Organisationen handeln" in errors_of(response)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("situation", ["plain_member", "requested_representative", "unverified_organisation"])
def test_acting_for_an_organisation_one_does_not_represent_is_refused(
    client_for, clock, consultation, create_url, valid, situation
):
    from lip.models import MembershipStatus

    organisation = factories.OrganisationFactory(unverified=situation == "unverified_organisation")
    person = factories.UserFactory()
    factories.MembershipFactory(
        user=person,
        organisation=organisation,
        role=MembershipRole.MEMBER if situation == "plain_member" else MembershipRole.REPRESENTATIVE,
        status=MembershipStatus.REQUESTED if situation == "requested_representative" else MembershipStatus.ACTIVE,
    )
    body = client_for(person).get(create_url).content.decode()
    assert organisation.name not in body
    response = client_for(person).post(create_url, {**valid, "organisation": organisation.pk})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


# --- Attachments -----------------------------------------------------------------


def test_pdf_attachment_is_stored_and_served_as_download(client_for, clock, consultation, create_url, user, valid):
    upload = SimpleUploadedFile("Konzept.pdf", PDF_BYTES, content_type="application/pdf")
    client_for(user).post(create_url, {**valid, "attachment": upload})
    proposal = Proposal.objects.get()
    assert proposal.attachment
    page = client_for(None).get(proposal.get_absolute_url()).content.decode()
    download_url = proposal.get_absolute_url() + "anhang/"
    assert f'href="{download_url}"' in page
    response = client_for(None).get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_attachment_content_type_is_sniffed_not_taken_from_the_name(
    client_for, clock, consultation, create_url, user, valid
):
    upload = SimpleUploadedFile("bild.pdf", PNG_BYTES, content_type="application/pdf")
    client_for(user).post(create_url, {**valid, "attachment": upload})
    proposal = Proposal.objects.get()
    response = client_for(None).get(proposal.get_absolute_url() + "anhang/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")


def test_file_renamed_to_pdf_is_refused(client_for, clock, consultation, create_url, user, valid, fake_pdf_file):
    response = client_for(user).post(create_url, {**valid, "attachment": fake_pdf_file})
    assert response.status_code == 400
    assert "Anhang (optional): Erlaubt sind nur PDF-, JPEG- und PNG-Dateien" in errors_of(response)
    assert not Proposal.objects.exists()


def test_file_over_10_mb_is_refused(client_for, clock, consultation, create_url, user, valid):
    big = SimpleUploadedFile("gross.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client_for(user).post(create_url, {**valid, "attachment": big})
    assert response.status_code == 400
    assert "höchstens 10 MB" in errors_of(response)
    assert not Proposal.objects.exists()


def test_no_attachment_means_no_download(client, clock, proposal):
    assert "anhang/" not in client.get(proposal.get_absolute_url()).content.decode()
    assert client.get(proposal.get_absolute_url() + "anhang/").status_code == 404


def test_attachment_of_hidden_proposal_is_not_served_to_others(client_for, clock, make_proposal, author, user):
    hidden = make_proposal(state=ProposalState.HIDDEN, attachment=SimpleUploadedFile("a.pdf", PDF_BYTES))
    assert client_for(user).get(hidden.get_absolute_url() + "anhang/").status_code == 404
    assert client_for(None).get(hidden.get_absolute_url() + "anhang/").status_code == 404
    assert client_for(author).get(hidden.get_absolute_url() + "anhang/").status_code == 200


def test_attachment_of_withdrawn_proposal_is_served_only_to_its_author_and_moderators(
    client_for, clock, make_proposal, author, user, moderator
):
    withdrawn = make_proposal(state=ProposalState.WITHDRAWN, attachment=SimpleUploadedFile("a.pdf", PDF_BYTES))
    url = withdrawn.get_absolute_url() + "anhang/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(user).get(url).status_code == 404
    assert client_for(author).get(url).status_code == 200
    assert client_for(moderator).get(url).status_code == 200


def test_posting_to_the_download_is_not_allowed(client_for, clock, make_proposal, author):
    proposal = make_proposal(attachment=SimpleUploadedFile("a.pdf", PDF_BYTES))
    assert client_for(author).post(proposal.get_absolute_url() + "anhang/").status_code == 405


# --- Editing ---------------------------------------------------------------------


def test_author_edits_own_proposal_with_the_form_prefilled(client_for, clock, make_proposal, author, topic):
    proposal = make_proposal(tags=["Kita", "Nachbarschaft"])
    edit_url = proposal.get_absolute_url() + "bearbeiten/"
    body = client_for(author).get(edit_url).content.decode()
    assert 'value="Sprachcafés in allen Stadtteilbibliotheken"' in body
    assert 'value="Kita" id="id_suggested_tags_1" checked' in body
    assert 'value="Nachbarschaft"' in body  # the free tag in "weitere Schlagworte"
    response = client_for(author).post(
        edit_url, {"title": "Neuer Titel", "text": "Neuer Text", "topic": topic.pk, "extra_tags": "Bibliothek"}
    )
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    proposal.refresh_from_db()
    assert (proposal.title, proposal.text) == ("Neuer Titel", "Neuer Text")
    assert [t.name for t in proposal.tags.all()] == ["Bibliothek"]


def test_someone_else_cannot_edit(client_for, clock, proposal, user, topic):
    edit_url = proposal.get_absolute_url() + "bearbeiten/"
    assert f'href="{edit_url}"' not in client_for(user).get(proposal.get_absolute_url()).content.decode()
    assert client_for(user).get(edit_url).status_code == 403
    response = client_for(user).post(edit_url, {"title": "Gekapert", "text": "x", "topic": topic.pk})
    assert response.status_code == 403
    assert "Nur die Verfasserin oder der Verfasser" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title != "Gekapert"


def test_edit_with_bad_input_changes_nothing(client_for, clock, proposal, author, topic):
    response = client_for(author).post(
        proposal.get_absolute_url() + "bearbeiten/", {"title": "", "text": "x" * 5001, "topic": topic.pk}
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.title == "Sprachcafés in allen Stadtteilbibliotheken"


def test_edit_cannot_switch_to_a_foreign_organisation(
    client_for, clock, make_proposal, representative, organisation, topic
):
    proposal = make_proposal(author=representative, organisation=organisation)
    foreign = factories.OrganisationFactory()
    response = client_for(representative).post(
        proposal.get_absolute_url() + "bearbeiten/",
        {"title": "T", "text": "X", "topic": topic.pk, "organisation": foreign.pk},
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.organisation == organisation


def test_moderator_edits_someone_elses_proposal_without_changing_its_organisation(
    client_for, clock, make_proposal, representative, organisation, moderator, topic
):
    proposal = make_proposal(author=representative, organisation=organisation)
    response = client_for(moderator).post(
        proposal.get_absolute_url() + "bearbeiten/", {"title": "Korrigiert", "text": "X", "topic": topic.pk}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.organisation) == ("Korrigiert", organisation)


def test_edit_can_remove_the_attachment(client_for, clock, make_proposal, author, topic):
    proposal = make_proposal(attachment=SimpleUploadedFile("a.pdf", PDF_BYTES))
    client_for(author).post(
        proposal.get_absolute_url() + "bearbeiten/",
        {"title": proposal.title, "text": proposal.text, "topic": topic.pk, "attachment-clear": "on"},
    )
    proposal.refresh_from_db()
    assert not proposal.attachment


# --- Withdrawing -----------------------------------------------------------------


def test_author_withdraws_after_confirmation(client_for, clock, proposal, author):
    url = proposal.get_absolute_url() + "zurueckziehen/"
    page = client_for(author).get(proposal.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
    confirmation = client_for(author).get(url)
    assert confirmation.status_code == 200
    assert "wirklich zurückziehen" in confirmation.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED  # GET changes nothing

    response = client_for(author).post(url, follow=True)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    body = response.content.decode()
    assert "Ihr Vorschlag ist zurückgezogen." in body
    assert "zurückgezogen</strong>" in body
    assert proposal.text not in body


def test_others_cannot_withdraw(client_for, clock, proposal, user, moderator):
    url = proposal.get_absolute_url() + "zurueckziehen/"
    for person in (user, moderator):
        assert client_for(person).post(url).status_code == 403
    assert client_for(None).post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED


# --- CSRF ------------------------------------------------------------------------


def test_submission_without_csrf_token_is_refused(clock, consultation, create_url, user, valid):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(create_url, valid)
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_submission_form_outside_the_phase_shows_the_reason_with_403(client_for, clock, consultation, create_url, user):
    clock.travel("voting")
    response = client_for(user).get(create_url)
    assert response.status_code == 403
    assert "In der aktuellen Phase ist das nicht möglich." in response.content.decode()
    clock.travel("information")
    response = client_for(user).get(create_url)
    assert response.status_code == 403
    assert "Das ist ab 12. März 2026 09:00 möglich (Phase „Vorschläge sammeln“)." in response.content.decode()
