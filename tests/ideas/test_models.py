"""Invariants the database keeps, whatever the code above it does."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from ideas.models import ApplicationState, Award, CompetitionPage, CostItem, JuryAssignment


def test_a_cost_line_cannot_be_negative(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.create(application=draft, description="Rabatt", amount=Decimal("-1.00"))


def test_a_submitted_application_has_a_reference(draft):
    draft.state = ApplicationState.SUBMITTED

    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_not_eligible_needs_a_reason(make_application):
    application = make_application(state="submitted")
    application.state = ApplicationState.NOT_ELIGIBLE
    application.eligibility_reason = ""

    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()


def test_one_award_per_application(eligible, fund):
    Award.objects.create(application=eligible, fund=fund, amount=Decimal("100.00"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(application=eligible, fund=fund, amount=Decimal("100.00"))


def test_an_award_is_positive(eligible, fund):
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(application=eligible, fund=fund, amount=Decimal("0.00"))


def test_a_juror_is_assigned_once_per_competition(juror, competition):
    with pytest.raises(IntegrityError), transaction.atomic():
        JuryAssignment.objects.create(competition=competition, juror=juror)


def test_the_submission_window_ends_after_it_starts(competition):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompetitionPage.objects.filter(pk=competition.pk).update(submission_end=F("submission_start"))


def test_the_audience_prize_counter_starts_at_zero(draft):
    assert draft.audience_votes == 0
