"""Staff decisions through the services: eligibility, awards within the budget, declines. Every refusal leaves the
database as it was and says why in German."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from ideas.decisions import services as decision_services
from ideas.funds import selectors as fund_selectors
from ideas.funds import services as fund_services
from ideas.models import Application, ApplicationState, Award

from . import factories as idea_factories


def messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- Eligibility -------------------------------------------------------------------------------------------------


def test_staff_find_an_application_eligible_and_the_applicant_is_told(
    make_application, moderator, representative, django_capture_on_commit_callbacks
):
    application = make_application(state="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        decision_services.application_decide_eligibility(application=application, user=moderator, eligible=True)

    application.refresh_from_db()
    assert application.state == ApplicationState.ELIGIBLE
    assert application.eligibility_decided_by == moderator
    assert [m.to for m in mail.outbox] == [[representative.email]]
    assert "ist zulässig" in mail.outbox[0].subject
    assert ModelLogEntry.objects.filter(object_id=str(application.pk), action="ideas.application.eligible").exists()


def test_not_eligible_needs_a_reason(make_application, moderator, django_capture_on_commit_callbacks):
    application = make_application(state="submitted")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as refused:
        decision_services.application_decide_eligibility(
            application=application, user=moderator, eligible=False, reason="  "
        )

    application.refresh_from_db()
    assert "Bitte begründen Sie, warum der Antrag nicht zulässig ist." in messages_of(refused.value)
    assert application.state == ApplicationState.SUBMITTED
    assert mail.outbox == []


def test_not_eligible_with_reason_mails_the_reason(make_application, moderator, django_capture_on_commit_callbacks):
    application = make_application(state="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        decision_services.application_decide_eligibility(
            application=application, user=moderator, eligible=False, reason="Der Verein hat seinen Sitz in Celle."
        )

    application.refresh_from_db()
    assert application.state == ApplicationState.NOT_ELIGIBLE
    assert "ist nicht zulässig" in mail.outbox[0].subject
    assert "Der Verein hat seinen Sitz in Celle." in mail.outbox[0].body


@pytest.mark.parametrize("who", ["representative", "juror", "user"])
def test_only_staff_decide_eligibility(make_application, request, who):
    person = request.getfixturevalue(who)
    application = make_application(state="submitted")

    with pytest.raises(PermissionDenied):
        decision_services.application_decide_eligibility(application=application, user=person, eligible=True)

    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_a_draft_is_not_checked(draft, moderator):
    with pytest.raises(PermissionDenied, match="bereits entschieden"):
        decision_services.application_decide_eligibility(application=draft, user=moderator, eligible=True)


# --- Awards ------------------------------------------------------------------------------------------------------


def test_an_award_commits_budget_and_the_fund_remaining_drops(eligible, moderator, fund):
    award = decision_services.award_grant(
        application=eligible, user=moderator, amount=Decimal("1500.00"), conditions="Bericht bis Jahresende"
    )

    eligible.refresh_from_db()
    figures = fund_selectors.fund_figures(fund)
    assert eligible.state == ApplicationState.AWARDED
    assert (award.amount, award.fund, award.decided_by) == (Decimal("1500.00"), fund, moderator)
    assert (figures.committed, figures.remaining) == (Decimal("1500.00"), Decimal("48500.00"))


BAD_AWARDS = {
    "over-requested": ("2000.01", "nicht höher sein als die beantragte Förderung von 2.000,00\xa0€"),
    "negative": ("-5", "Ein Betrag kann nicht negativ sein."),
    "zero": ("0", "Die Fördersumme muss größer als 0 € sein."),
    "not-a-number": ("viel", "Bitte geben Sie einen Betrag in Euro an"),
    "three-decimals": ("100.005", "höchstens zwei Nachkommastellen"),
}


@pytest.mark.parametrize("case", BAD_AWARDS, ids=list(BAD_AWARDS))
def test_bad_award_amounts_are_refused_and_nothing_changes(eligible, moderator, fund, case):
    amount, message = BAD_AWARDS[case]

    with pytest.raises(ValidationError) as refused:
        decision_services.award_grant(application=eligible, user=moderator, amount=amount)

    eligible.refresh_from_db()
    assert message in messages_of(refused.value)
    assert eligible.state == ApplicationState.ELIGIBLE
    assert not Award.objects.exists()


def test_an_award_over_the_competitions_maximum_is_refused(make_application, moderator):
    application = make_application(state="eligible", cost_lines=[("Bühne", "7000.00")])  # stored directly: over max

    with pytest.raises(ValidationError) as refused:
        decision_services.award_grant(application=application, user=moderator, amount="6000")

    assert "nicht höher sein als die Höchstförderung von 5.000,00\xa0€" in messages_of(refused.value)
    assert not Award.objects.exists()


def test_an_award_over_the_remaining_budget_is_refused_and_nothing_changes(make_application, moderator, fund):
    fund.budget = Decimal("10000.00")
    fund.save()
    for _ in range(4):
        idea_factories.award(make_application(state="eligible"), "2000.00")
    application = make_application(state="eligible", cost_lines=[("Honorare", "3000.00")])

    with pytest.raises(ValidationError) as refused:
        decision_services.award_grant(application=application, user=moderator, amount="2500.00")

    application.refresh_from_db()
    assert (
        "Die Fördersumme von 2.500,00\xa0€ übersteigt das verbleibende Budget des Fonds "
        "„Gesellschaftsfonds Zusammenleben 2026“ von 2.000,00\xa0€." in messages_of(refused.value)
    )
    assert application.state == ApplicationState.ELIGIBLE
    assert fund_selectors.fund_figures(fund).committed == Decimal("8000.00")
    # What fits still goes through.
    decision_services.award_grant(application=application, user=moderator, amount="2000.00")
    assert fund_selectors.fund_figures(fund).remaining == Decimal("0.00")


def test_the_budget_is_per_fund(make_application, moderator, fund, competition):
    other_fund = idea_factories.FundFactory(budget=Decimal("1000.00"))
    idea_factories.award(
        idea_factories.ApplicationFactory(
            competition=idea_factories.CompetitionPageFactory(fund=other_fund),
            state="eligible",
            cost_lines=[("X", "1000.00")],
        ),
        "1000.00",
    )

    decision_services.award_grant(application=make_application(state="eligible"), user=moderator, amount="2000")

    assert fund_selectors.fund_figures(fund).committed == Decimal("2000.00")
    assert fund_selectors.fund_figures(other_fund).remaining == Decimal("0.00")


@pytest.mark.parametrize("state", ["draft", "submitted", "not_eligible", "awarded", "declined", "withdrawn"])
def test_only_eligible_open_applications_are_awarded(make_application, moderator, state):
    application = make_application(state=state)

    with pytest.raises(PermissionDenied):
        decision_services.award_grant(application=application, user=moderator, amount="100")

    assert not Award.objects.exists()


def test_only_staff_award(eligible, representative, juror):
    for person in (representative, juror):
        with pytest.raises(PermissionDenied):
            decision_services.award_grant(application=eligible, user=person, amount="100")
    assert not Award.objects.exists()


def test_a_fund_budget_cannot_fall_below_what_is_awarded(make_application, moderator, fund):
    idea_factories.award(make_application(state="eligible"), "2000.00")
    fund.budget = Decimal("1999.99")

    with pytest.raises(ValidationError) as refused:
        fund_services.fund_save(fund=fund, user=moderator)

    fund.refresh_from_db()
    assert "Das Budget kann nicht unter die bereits bewilligten 2.000,00\xa0€ sinken." in messages_of(refused.value)
    assert fund.budget == Decimal("50000.00")


# --- Declines ----------------------------------------------------------------------------------------------------


def test_a_decline_is_mailed_with_its_reason(eligible, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision_services.application_decline(
            application=eligible, user=moderator, reason="Andere Projekte erreichten mehr Punkte."
        )

    eligible.refresh_from_db()
    assert eligible.state == ApplicationState.DECLINED
    assert "Andere Projekte erreichten mehr Punkte." in mail.outbox[0].body


def test_a_withdrawn_application_is_no_longer_decided(make_application, moderator):
    application = make_application(state="withdrawn")

    with pytest.raises(PermissionDenied):
        decision_services.application_decline(application=application, user=moderator)
    assert Application.objects.get(pk=application.pk).state == ApplicationState.WITHDRAWN
