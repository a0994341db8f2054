"""The vote mechanism: one support per person and item, an optional budget per scope, exact counters.

Used by the consultation's proposal votes and by the idea competition's audience prize, so that both
have the same guarantees from one piece of code:

- the person's row is locked for the transaction, so that their votes in parallel requests are counted
  one after the other against the budget;
- a unique constraint on (item, person) in the vote model refuses a second vote even when two requests
  race past the existence check;
- the item's counter moves by `UPDATE ... SET counter = counter + 1` in the same transaction, so it
  always equals the number of vote rows.

Callers check their own permission predicates first; this module only knows about votes.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


class VoteRefused(ValidationError):
    pass


def _already_voted(message: str | None) -> VoteRefused:
    return VoteRefused(message or _("Sie unterstützen diesen Vorschlag bereits."))


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint of its own
def cast(
    *,
    vote_model: type[models.Model],
    item: models.Model,
    item_field: str,
    counter_field: str,
    user,
    budget: int = 0,
    budget_votes: models.QuerySet | None = None,
    extra: dict | None = None,
    already_voted_message: str | None = None,
) -> models.Model:
    """Store `user`'s vote for `item` and count it.

    `budget_votes` is the queryset of the person's votes that count against `budget` (0 = unlimited);
    it is evaluated after the person's row is locked.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if vote_model.objects.filter(**{item_field: item, "user": user}).exists():
        raise _already_voted(already_voted_message)
    if budget and budget_votes is not None and budget_votes.count() >= budget:
        raise VoteRefused(
            _(
                "Sie haben alle %(budget)s Stimmen vergeben. Ziehen Sie eine Stimme zurück, um diesen Vorschlag zu unterstützen."
            )
            % {"budget": budget}
        )
    try:
        with transaction.atomic():
            vote = vote_model.objects.create(**{item_field: item, "user": user, **(extra or {})})
    except IntegrityError as exc:
        raise _already_voted(already_voted_message) from exc
    type(item).objects.filter(pk=item.pk).update(**{counter_field: F(counter_field) + 1})
    return vote


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint of its own
def withdraw(
    *,
    vote_model: type[models.Model],
    item: models.Model,
    item_field: str,
    counter_field: str,
    user,
    not_voted_message: str | None = None,
) -> None:
    deleted, _detail = vote_model.objects.filter(**{item_field: item, "user": user}).delete()
    if not deleted:
        raise VoteRefused(not_voted_message or _("Sie unterstützen diesen Vorschlag nicht."))
    type(item).objects.filter(pk=item.pk).update(**{counter_field: F(counter_field) - 1})
