"""Applicants write, change, submit and withdraw applications through the public pages; bad input is refused with a
clear German message and nothing is stored."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from ideas.models import Application, ApplicationAttachment, ApplicationState, CostItem
from tests import factories
from tests.consultation.factories import ProposalFactory

from .conftest import application_post, body

# --- Drafting ----------------------------------------------------------------------------------------------------


def test_a_representative_saves_a_draft_whose_totals_come_from_the_cost_lines(
    as_representative, create_url, organisation, topic, representative
):
    response = as_representative.post(create_url, application_post(organisation, topic))

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ideas:application_detail", args=[application.pk])
    assert application.state == ApplicationState.DRAFT
    assert application.reference is None
    assert application.organisation == organisation and application.created_by == representative
    assert [(i.description, i.amount) for i in application.cost_items.all()] == [
        ("Honorare", Decimal("1500.00")),
        ("Material", Decimal("300.00")),
    ]
    assert application.total_costs == Decimal("1800.00")
    assert application.own_contribution == Decimal("200.00")
    assert application.requested_amount == Decimal("1600.00")
    page = body(as_representative.get(response["Location"]))
    assert "Entwurf" in page and "1.600,00\xa0€" in page


def test_a_typed_in_total_is_ignored(as_representative, create_url, organisation, topic):
    data = application_post(organisation, topic, requested_amount="99999", total_costs="1")

    as_representative.post(create_url, data)

    application = Application.objects.get()
    assert (application.total_costs, application.requested_amount) == (Decimal("1800.00"), Decimal("1600.00"))


BAD_COST_LINES = {
    "negative": ([("Honorare", "-50")], "Ein Betrag kann nicht negativ sein."),
    "not-a-number": ([("Honorare", "zwölf Euro")], "Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00."),
    "three-decimals": ([("Honorare", "12,345")], "Bitte geben Sie höchstens zwei Nachkommastellen an."),
    "too-large": ([("Honorare", "123456789012")], "Dieser Betrag ist zu hoch."),
    "amount-without-item": ([("", "100")], "Bitte benennen Sie diese Kostenposition."),
    "item-without-amount": ([("Honorare", "")], "Bitte geben Sie den Betrag dieser Kostenposition an."),
    "no-lines": ([], "Bitte geben Sie mindestens eine Kostenposition an."),
    "over-maximum": ([("Honorare", "5000"), ("Material", "400")], "übersteigt die Höchstförderung von 5.000,00\xa0€"),
}


@pytest.mark.parametrize("case", BAD_COST_LINES, ids=list(BAD_COST_LINES))
def test_bad_cost_lines_are_refused_and_nothing_is_stored(as_representative, create_url, organisation, topic, case):
    lines, message = BAD_COST_LINES[case]

    response = as_representative.post(create_url, application_post(organisation, topic, lines=lines))

    assert response.status_code == 400
    assert message in body(response)
    assert 'role="alert"' in body(response)  # the error summary at the top of the form
    assert not Application.objects.exists() and not CostItem.objects.exists()


@pytest.mark.parametrize(
    ("own", "message"),
    [
        ("-10", "Ein Betrag kann nicht negativ sein."),
        ("viel", "Bitte geben Sie einen Betrag in Euro an"),
        ("2.000,00", "Der Eigenanteil (2.000,00\xa0€) kann nicht höher sein als die Gesamtkosten (1.800,00\xa0€)."),
    ],
    ids=["negative", "not-a-number", "more-than-the-costs"],
)
def test_a_bad_own_contribution_is_refused(as_representative, create_url, organisation, topic, own, message):
    response = as_representative.post(create_url, application_post(organisation, topic, own_contribution=own))

    assert response.status_code == 400
    assert message in body(response)
    assert not Application.objects.exists()


@pytest.mark.parametrize("written", ["1500", "1500,00", "1.500,00", "1500.00", "1.500", "1 500,00 €"])
def test_amounts_are_read_as_people_in_hannover_write_them(as_representative, create_url, organisation, topic, written):
    data = application_post(organisation, topic, lines=[("Honorare", written)], own_contribution="")

    as_representative.post(create_url, data)

    assert Application.objects.get().requested_amount == Decimal("1500.00")


def test_an_organisation_the_person_does_not_represent_is_a_field_error(as_representative, create_url, topic):
    stranger = factories.OrganisationFactory(name="Fremder Verein")

    response = as_representative.post(create_url, application_post(stranger, topic))

    assert response.status_code == 400
    assert "Sie können nur für bestätigte Organisationen handeln, die Sie vertreten." in body(response)
    assert not Application.objects.exists()


def test_a_representative_of_an_unverified_organisation_may_not_apply(client_for, competition, create_url, topic):
    unverified = factories.OrganisationFactory(unverified=True)
    person = factories.representative_of(unverified)

    client = client_for(person)
    page = body(client.get(competition.url))
    response = client.post(create_url, application_post(unverified, topic))

    assert "Anträge stellen können Vertreterinnen und Vertreter bestätigter Organisationen." in page
    assert f'href="{create_url}"' not in page
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, create_url, organisation, topic):
    response = client.post(create_url, application_post(organisation, topic))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Application.objects.exists()


# --- Linked proposals ------------------------------------------------------------------------------------------


@pytest.fixture
def consultations(home_page, topic):
    """Two consultations with one proposal each; the competition links only the first."""
    from consultation.models import ConsultationIndexPage, ConsultationPage

    index = home_page.add_child(instance=ConsultationIndexPage(title="Beteiligungen", slug="beteiligungen"))
    pages = []
    for n, slug in enumerate(["lip", "andere"], start=1):
        page = index.add_child(
            instance=ConsultationPage(title=f"Beteiligung {slug}", slug=slug, teaser="Worum es geht.")
        )
        ProposalFactory(
            consultation=page, reference=f"LIP-2026-000{n}", title=f"Vorschlag {n}", text="Text", topic=topic
        )
        pages.append(page)
    return pages


def test_an_application_links_proposals_of_the_competitions_consultations(
    as_representative, competition, create_url, organisation, topic, consultations
):
    competition.consultations.set([consultations[0]])
    competition.save()

    response = as_representative.post(create_url, application_post(organisation, topic, proposals="lip-2026-0001"))

    assert response.status_code == 302
    assert [p.reference for p in Application.objects.get().proposals.all()] == ["LIP-2026-0001"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("LIP-2026-0002", "Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht: LIP-2026-0002"),
        ("LIP-2026-0999", "Diese Vorschläge gibt es in den Beteiligungen dieses Wettbewerbs nicht: LIP-2026-0999"),
        ("1", "„1“ ist keine Vorschlagsnummer."),
    ],
    ids=["other-consultation", "unknown", "forged-id"],
)
def test_proposals_outside_the_competition_are_a_field_error(
    as_representative, competition, create_url, organisation, topic, consultations, value, message
):
    competition.consultations.set([consultations[0]])
    competition.save()

    response = as_representative.post(create_url, application_post(organisation, topic, proposals=value))

    assert response.status_code == 400
    assert message in body(response)
    assert not Application.objects.exists()


# --- Attachments -------------------------------------------------------------------------------------------------


def test_a_pdf_and_a_png_are_attached_and_downloadable_by_the_applicant_only(
    as_representative, client_for, create_url, organisation, topic, pdf_file, png_file, user
):
    as_representative.post(create_url, {**application_post(organisation, topic), "attachments": [pdf_file, png_file]})

    application = Application.objects.get()
    names = sorted(a.name for a in application.attachments.all())
    assert names == ["flyer.png", "kostenvoranschlag.pdf"]
    attachment = application.attachments.get(name="kostenvoranschlag.pdf")
    url = reverse("ideas:attachment", args=[application.pk, attachment.pk])
    download = as_representative.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client_for(user).get(url).status_code == 404


def test_a_file_that_is_not_really_a_pdf_is_refused(as_representative, create_url, organisation, topic, fake_pdf_file):
    response = as_representative.post(
        create_url, {**application_post(organisation, topic), "attachments": [fake_pdf_file]}
    )

    assert response.status_code == 400
    assert "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien." in body(response)
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()


# --- Editing -----------------------------------------------------------------------------------------------------


def test_a_draft_is_edited_and_its_totals_follow_the_new_lines(as_representative, draft, organisation, topic):
    url = reverse("ideas:application_edit", args=[draft.pk])
    form = as_representative.get(url)
    assert form.status_code == 200 and 'value="Honorare"' in body(form)

    data = application_post(
        organisation, topic, lines=[("Raummiete", "800"), ("Honorare", "1200,50")], own_contribution="0"
    )
    response = as_representative.post(url, data)

    draft.refresh_from_db()
    assert response.status_code == 302
    assert [i.description for i in draft.cost_items.all()] == ["Raummiete", "Honorare"]
    assert draft.requested_amount == Decimal("2000.50")


@pytest.mark.parametrize("state", ["submitted", "eligible", "awarded", "withdrawn"])
def test_editing_a_submitted_application_is_forbidden_and_changes_nothing(
    as_representative, make_application, organisation, topic, state
):
    application = make_application(state=state, title="Eingereicht")
    url = reverse("ideas:application_edit", args=[application.pk])

    get = as_representative.get(url)
    post = as_representative.post(url, application_post(organisation, topic, title="Geändert"))

    application.refresh_from_db()
    assert get.status_code == 403 and post.status_code == 403
    assert "Ein eingereichter Antrag kann nicht mehr geändert werden." in body(post)
    assert application.title == "Eingereicht"
    assert application.cost_items.count() == 2


def test_people_outside_the_organisation_cannot_see_or_edit_a_draft(client_for, draft, organisation, topic, user):
    client = client_for(user)

    assert client.get(reverse("ideas:application_detail", args=[draft.pk])).status_code == 403
    assert (
        client.post(
            reverse("ideas:application_edit", args=[draft.pk]), application_post(organisation, topic)
        ).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.title == "Sprachcafé für Eltern"


# --- Submitting --------------------------------------------------------------------------------------------------


def test_submitting_draws_a_reference_locks_the_application_and_confirms_by_mail(
    as_representative, draft, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_representative.post(reverse("ideas:application_submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.state == ApplicationState.SUBMITTED
    assert draft.reference == "GFZ-2026-0001"
    assert draft.submitted_by == representative
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [representative.email]
    assert "GFZ-2026-0001" in message.subject
    assert "2.000,00\xa0€" in message.body
    page = body(as_representative.get(reverse("ideas:application_detail", args=[draft.pk])))
    assert "eingereicht, in Prüfung" in page and "GFZ-2026-0001" in page


def test_reference_numbers_count_up_per_year(as_representative, make_application):
    first, second = make_application(), make_application()

    for application in (first, second):
        as_representative.post(reverse("ideas:application_submit", args=[application.pk]))

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.reference, second.reference) == ("GFZ-2026-0001", "GFZ-2026-0002")


def test_the_confirmation_is_sent_once_even_if_the_task_runs_twice(
    as_representative, draft, django_capture_on_commit_callbacks
):
    from ideas import tasks

    with django_capture_on_commit_callbacks(execute=True):
        as_representative.post(reverse("ideas:application_submit", args=[draft.pk]))
    assert tasks.send_submission_confirmation.delay(draft.pk).get() is False

    assert len(mail.outbox) == 1


def test_submitting_after_the_deadline_is_refused_and_changes_nothing(
    as_representative, draft, clock, django_capture_on_commit_callbacks
):
    clock.travel("after")

    with django_capture_on_commit_callbacks(execute=True):
        response = as_representative.post(reverse("ideas:application_submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 403
    assert "Die Einreichungsfrist ist am 31. Mai 2026 18:00 abgelaufen." in body(response)
    assert draft.state == ApplicationState.DRAFT and draft.reference is None
    assert mail.outbox == []


def test_the_submission_window_ends_exactly_at_the_deadline(as_representative, draft, clock):
    from .conftest import SUBMISSION_END

    clock.travel(SUBMISSION_END)

    response = as_representative.post(reverse("ideas:application_submit", args=[draft.pk]))

    assert response.status_code == 403


def test_withdrawing_a_submitted_application(as_representative, make_application):
    application = make_application(state="submitted")
    url = reverse("ideas:application_withdraw", args=[application.pk])

    assert as_representative.get(url).status_code == 200
    response = as_representative.post(url)

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.state == ApplicationState.WITHDRAWN


def test_an_awarded_application_cannot_be_withdrawn(as_representative, make_application):
    application = make_application(state="awarded")

    response = as_representative.post(reverse("ideas:application_withdraw", args=[application.pk]))

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.state == ApplicationState.AWARDED


# --- My applications -----------------------------------------------------------------------------------------------


def test_my_applications_shows_every_application_with_its_state(as_representative, make_application):
    make_application(title="Im Entwurf")
    make_application(title="Abgelehnt", state="not_eligible")

    page = body(as_representative.get(reverse("ideas:my_applications")))

    assert "Im Entwurf" in page and "Entwurf" in page
    assert "Abgelehnt" in page and "nicht zulässig" in page


def test_my_applications_are_cards_that_fit_a_phone(as_representative, make_application):
    make_application(title="Im Entwurf")
    make_application(title="Abgelehnt", state="not_eligible")

    page = body(as_representative.get(reverse("ideas:my_applications")))

    assert "<table" not in page, "six columns do not fit a phone"
    cards = re.findall(r'<li class="card application-card">(.*?)</li>', page, re.S)
    assert len(cards) == 2
    assert all("<dt>Wettbewerb</dt>" in card and "<dt>Beantragt</dt>" in card for card in cards)


def test_my_applications_needs_a_login(client):
    response = client.get(reverse("ideas:my_applications"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_applicant_sees_why_an_application_is_not_eligible(as_representative, make_application):
    application = make_application(state="not_eligible", eligibility_reason="Das Projekt liegt in Garbsen.")

    page = body(as_representative.get(reverse("ideas:application_detail", args=[application.pk])))

    assert "nicht zulässig" in page and "Das Projekt liegt in Garbsen." in page
