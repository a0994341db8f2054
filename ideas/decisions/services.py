"""Writes of the fund's staff on an application: eligibility, award (within the fund's budget), decline.

Each is one transaction that checks its predicate again on the locked row; the applicant is told by mail through the
outbox once the decision is committed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import page_cache, permissions
from ..funds.selectors import committed_amount
from ..models import Application, ApplicationState, Award, CompetitionPage, Fund
from ..money import checked_amount, euro
from ..notifications import after_commit


def _store_decision(application: Application, user, action: str, notice: str, *, data=None) -> Application:
    """Store a decision, note it in the application's history and send the applicant `notice` once committed."""
    application.full_clean(exclude=["competition", "organisation", "created_by"])
    application.save()
    log(instance=application, action=action, user=user, data=data)
    after_commit(notice, application.pk)
    page_cache.application_changed(application)
    return application


@transaction.atomic
def application_decide_eligibility(*, application: Application, user, eligible: bool, reason: str = "") -> Application:
    """Staff check the formal requirements. Not eligible needs a reason; the applicant is told either way."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    permissions.require(permissions.can_decide_eligibility(user, application))
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie, warum der Antrag nicht zulässig ist.")})
    application.state = ApplicationState.ELIGIBLE if eligible else ApplicationState.NOT_ELIGIBLE
    application.eligibility_reason = reason
    application.eligibility_decided_at = timezone.now()
    application.eligibility_decided_by = user
    action = "ideas.application.eligible" if eligible else "ideas.application.not_eligible"
    return _store_decision(application, user, action, "send_eligibility_notice", data={"reason": reason})


@transaction.atomic
def award_grant(*, application: Application, user, amount, conditions: str = "") -> Award:
    """Grant `amount` to an eligible application, within the fund's remaining budget.

    The fund's row is locked first (SELECT ... FOR UPDATE), so that awards from the same fund run one after the
    other: each sees the sum of all awards committed before it, and the budget can never be exceeded. Every path
    that locks a fund and an application locks the fund first (no deadlocks).
    """
    permissions.require(permissions.can_award(user, application))
    fund_id = CompetitionPage.objects.filter(pk=application.competition_id).values_list("fund_id", flat=True).get()
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("competition").get(pk=application.pk)
    )
    # Again on the locked row: a parallel decision may have won.
    permissions.require(permissions.can_award(user, application))
    amount = checked_amount(amount, "amount")
    if amount <= 0:
        raise ValidationError({"amount": _("Die Fördersumme muss größer als 0 € sein.")})
    if amount > application.requested_amount:
        raise ValidationError(
            {
                "amount": _("Die Fördersumme kann nicht höher sein als die beantragte Förderung von %(requested)s.")
                % {"requested": euro(application.requested_amount)}
            }
        )
    if amount > application.competition.max_grant:
        raise ValidationError(
            {
                "amount": _("Die Fördersumme kann nicht höher sein als die Höchstförderung von %(max)s.")
                % {"max": euro(application.competition.max_grant)}
            }
        )
    remaining = fund.budget - committed_amount(fund.pk)
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "Die Fördersumme von %(amount)s übersteigt das verbleibende Budget des Fonds „%(fund)s“ von %(remaining)s."
                )
                % {"amount": euro(amount), "fund": fund.name, "remaining": euro(remaining)}
            }
        )
    now = timezone.now()
    award = Award.objects.create(
        application=application,
        fund=fund,
        amount=amount,
        conditions=(conditions or "").strip(),
        decided_at=now,
        decided_by=user,
    )
    application.state = ApplicationState.AWARDED
    application.decided_at = now
    application.save(update_fields=["state", "decided_at", "updated_at"])
    log(instance=application, action="ideas.application.award", user=user, data={"amount": str(amount)})
    page_cache.application_changed(application, awarded=True)
    after_commit("issue_award_letter", award.pk)
    return award


@transaction.atomic
def application_decline(*, application: Application, user, reason: str = "") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    permissions.require(permissions.can_decline(user, application))
    application.state = ApplicationState.DECLINED
    application.decision_reason = (reason or "").strip()
    application.decided_at = timezone.now()
    return _store_decision(application, user, "ideas.application.decline", "send_decline_notice")
