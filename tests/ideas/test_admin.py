"""The fund's workspace in the Wagtail admin: funds with committed and remaining budget, the application list with
its filters, the decisions (eligibility, award, decline) through the services, jury assignments."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from ideas.models import Application, ApplicationState, Award, Fund, JuryAssignment
from lip.roles import Role
from tests import factories

from . import factories as idea_factories


@pytest.fixture
def staff(client_for, moderator):
    return client_for(moderator)


def body(response) -> str:
    return response.content.decode()


# --- Access --------------------------------------------------------------------------------------------------------

URL_NAMES = ["ideas-applications:index", "ideas-funds:index", "ideas-jury:index", "ideas-ranking:index"]


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_staff_open_the_workspace(staff, url_name):
    assert staff.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_admin_users_without_the_fund_permissions_are_refused(client_for, admin_without_rights, url_name):
    response = client_for(admin_without_rights).get(reverse(url_name))

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_applications_cannot_be_added_or_edited_in_the_admin_even_by_a_superuser(client_for, eligible):
    admin = factories.UserFactory(is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR])
    client = client_for(admin)

    assert client.get(reverse("ideas-applications:add")).status_code == 302
    assert (
        client.post(reverse("ideas-applications:edit", args=[eligible.pk]), {"title": "Umbenannt"}).status_code == 302
    )
    assert Application.objects.get(pk=eligible.pk).title == "Nachbarschaftsfest"
    assert client.get(reverse("ideas-applications:inspect", args=[eligible.pk])).status_code == 200


# --- Funds ---------------------------------------------------------------------------------------------------------


def test_the_fund_list_shows_committed_and_remaining(staff, fund, make_application):
    idea_factories.award(make_application(state="eligible"), "1234.50")

    page = body(staff.get(reverse("ideas-funds:index")))

    assert "Gesellschaftsfonds Zusammenleben 2026" in page
    assert "50.000,00\xa0€" in page and "1.234,50\xa0€" in page and "48.765,50\xa0€" in page


def test_staff_create_a_fund(staff):
    response = staff.post(
        reverse("ideas-funds:add"),
        {"name": "Gesellschaftsfonds 2027", "year": "2027", "budget": "60000", "description": ""},
    )

    assert response.status_code == 302
    assert Fund.objects.get(year=2027).budget == Decimal("60000.00")


def test_a_fund_budget_below_the_awards_is_refused_in_the_admin(staff, fund, make_application):
    idea_factories.award(make_application(state="eligible"), "2000.00")

    response = staff.post(
        reverse("ideas-funds:edit", args=[fund.pk]),
        {"name": fund.name, "year": "2026", "budget": "1000", "description": ""},
    )

    assert response.status_code == 200
    assert "Das Budget kann nicht unter die bereits bewilligten 2.000,00\xa0€ sinken." in body(response)
    fund.refresh_from_db()
    assert fund.budget == Decimal("50000.00")


# --- Applications ----------------------------------------------------------------------------------------------------


def test_the_list_filters_by_state_and_offers_the_open_decisions(staff, make_application):
    submitted = make_application(state="submitted", title="Zu prüfen")
    eligible = make_application(state="eligible", title="Bei der Jury")

    everything = body(staff.get(reverse("ideas-applications:index")))
    only_submitted = body(staff.get(reverse("ideas-applications:index") + "?state=submitted"))

    assert reverse("ideas-applications:eligibility", args=[submitted.pk]) in everything
    assert reverse("ideas-applications:award", args=[eligible.pk]) in everything
    assert reverse("ideas-applications:award", args=[submitted.pk]) not in everything
    assert "Zu prüfen" in only_submitted and "Bei der Jury" not in only_submitted


def test_the_eligibility_decision_in_the_admin(staff, make_application, django_capture_on_commit_callbacks):
    application = make_application(state="submitted")
    url = reverse("ideas-applications:eligibility", args=[application.pk])

    missing_reason = staff.post(url, {"decision": "not_eligible", "reason": ""})
    assert missing_reason.status_code == 400
    assert "Bitte begründen Sie, warum der Antrag nicht zulässig ist." in body(missing_reason)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"decision": "eligible", "reason": ""})

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.state == ApplicationState.ELIGIBLE
    assert len(mail.outbox) == 1


def test_the_award_in_the_admin_refuses_over_the_remaining_budget(staff, fund, make_application):
    fund.budget = Decimal("3000.00")
    fund.save()
    idea_factories.award(make_application(state="eligible"), "2000.00")
    application = make_application(state="eligible")
    url = reverse("ideas-applications:award", args=[application.pk])

    form = staff.get(url)
    refused = staff.post(url, {"amount": "1500", "conditions": ""})

    assert "Verfügbar im Fonds" in body(form) and "1.000,00\xa0€" in body(form)
    assert refused.status_code == 400
    assert "übersteigt das verbleibende Budget" in body(refused)
    assert Award.objects.count() == 1
    application.refresh_from_db()
    assert application.state == ApplicationState.ELIGIBLE


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "Ein Betrag kann nicht negativ sein."),
        ("abc", "Bitte geben Sie einen Betrag in Euro an"),
        ("9000", "beantragte Förderung"),
    ],
    ids=["negative", "not-a-number", "over-requested"],
)
def test_bad_award_amounts_in_the_admin(staff, eligible, amount, message):
    response = staff.post(reverse("ideas-applications:award", args=[eligible.pk]), {"amount": amount})

    assert response.status_code == 400 and message in body(response)
    assert not Award.objects.exists()


def test_the_award_in_the_admin_sends_the_letter(
    staff, fund, eligible, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("ideas-applications:award", args=[eligible.pk]), {"amount": "1.500,00", "conditions": ""}
        )

    assert response.status_code == 302
    award = Award.objects.get()
    assert award.amount == Decimal("1500.00") and award.letter
    assert mail.outbox[0].to == [representative.email] and mail.outbox[0].attachments
    funds = body(staff.get(reverse("ideas-funds:index")))
    assert "48.500,00\xa0€" in funds


def test_a_decision_view_for_a_decided_application_sends_back_with_the_reason(staff, make_application):
    application = make_application(state="awarded")

    response = staff.get(reverse("ideas-applications:award", args=[application.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("ideas-applications:inspect", args=[application.pk])


def test_the_inspect_view_shows_costs_scores_and_award(staff, make_application, juror):
    application = make_application(state="eligible", title="Sprachcafé")
    idea_factories.score_all(application, juror, [5, 4, 5, 4, 4])

    page = body(staff.get(reverse("ideas-applications:inspect", args=[application.pk])))

    assert "Sprachcafé" in page and "Honorare" in page and "2.000,00\xa0€" in page
    assert "Jana Jury" in page and "gewichtet 4,50 von 5" in page


# --- Jury assignments ------------------------------------------------------------------------------------------------


def test_staff_assign_jury_members_only_from_the_jury_group(staff, competition, unassigned_juror, user):
    url = reverse("ideas-jury:add")

    refused = staff.post(url, {"competition": competition.pk, "juror": user.pk})
    response = staff.post(url, {"competition": competition.pk, "juror": unassigned_juror.pk})

    assert refused.status_code == 200 and not JuryAssignment.objects.filter(juror=user).exists()
    assert response.status_code == 302
    assert JuryAssignment.objects.filter(competition=competition, juror=unassigned_juror).exists()
    listing = body(staff.get(reverse("ideas-jury:index")))
    assert "Uwe Unzugeordnet" in listing


def test_the_application_history_lists_the_decisions(staff, make_application, moderator):
    from ideas.decisions import services as decision_services

    application = make_application(state="submitted")
    decision_services.application_decide_eligibility(application=application, user=moderator, eligible=True)

    response = staff.get(reverse("ideas-applications:history", args=[application.pk]))

    assert response.status_code == 200
    assert "Als zulässig eingestuft" in body(response)


def test_a_competition_with_applications_is_not_deleted(staff, eligible):
    page = eligible.competition

    response = staff.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert type(page).objects.filter(pk=page.pk).exists()


def test_a_fund_in_use_is_not_deleted(client_for, competition, fund):
    admin = factories.UserFactory(is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR])

    response = client_for(admin).post(reverse("ideas-funds:delete", args=[fund.pk]))

    assert response.status_code == 302
    assert Fund.objects.filter(pk=fund.pk).exists()
