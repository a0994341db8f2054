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

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


class VoteRefused(ValidationError):
    pass


@dataclass(frozen=True)
class Ballot:
    """What is voted on: the vote model, its field naming the item, and the item's counter of votes.
    The messages replace the defaults, which speak of proposals."""

    vote_model: type[models.Model]
    item_field: str
    counter_field: str
    already_voted_message: str | None = None
    not_voted_message: str | None = None

    def votes(self, item: models.Model, user) -> models.QuerySet:
        return self.vote_model.objects.filter(**{self.item_field: item, "user": user})

    def move_counter(self, item: models.Model, step: int) -> None:
        type(item).objects.filter(pk=item.pk).update(**{self.counter_field: F(self.counter_field) + step})

    def already_voted(self) -> VoteRefused:
        return VoteRefused(self.already_voted_message or _("Sie unterstützen diesen Vorschlag bereits."))


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint of its own
def cast(
    ballot: Ballot,
    *,
    item: models.Model,
    user,
    budget: int = 0,
    budget_votes: models.QuerySet | None = None,
    extra: dict | None = None,
) -> models.Model:
    """Store `user`'s vote for `item` and count it.

    `budget_votes` is the queryset of the person's votes that count against `budget` (0 = unlimited);
    it is evaluated after the person's row is locked.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ballot.votes(item, user).exists():
        raise ballot.already_voted()
    if budget and budget_votes is not None and budget_votes.count() >= budget:
        raise VoteRefused(
            _(
                "Sie haben alle %(budget)s Stimmen vergeben. Ziehen Sie eine Stimme zurück, um diesen Vorschlag zu unterstützen."
            )
            % {"budget": budget}
        )
    try:
        with transaction.atomic():
            vote = ballot.vote_model.objects.create(**{ballot.item_field: item, "user": user, **(extra or {})})
    except IntegrityError as exc:
        raise ballot.already_voted() from exc
    ballot.move_counter(item, +1)
    return vote


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint of its own
def withdraw(ballot: Ballot, *, item: models.Model, user) -> None:
    deleted, _detail = ballot.votes(item, user).delete()
    if not deleted:
        raise VoteRefused(ballot.not_voted_message or _("Sie unterstützen diesen Vorschlag nicht."))
    ballot.move_counter(item, -1)
