"""Parts that the models of several apps share: abstract models, field conventions and constraint rules.

Every part reproduces exactly the fields and constraints the apps had before (migrations compare field
deconstruction, not class structure), so using a part never calls for a migration.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower


class YearCounter(models.Model):
    """The last number handed out per year for a running reference (LIP-2026-0042, 0007/2026, …).

    The service that draws a number locks the year's row (`select_for_update`) for the transaction that uses it.
    """

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def optional_link(
    to, verbose_name=None, *, on_delete=models.SET_NULL, related_name="+", blank=True, **options
) -> models.ForeignKey:
    """A link the row may lack: null allowed. By default the row outlives its target: the link is emptied when the
    target is deleted (SET_NULL); `on_delete=models.PROTECT` where the target must stay while rows point to it (a
    district, a plan version), `models.CASCADE` where the row belongs to its target (a comment to its paragraph).

    Without a `related_name` the target gets no reverse accessor (`"+"`; `None` for Django's default `<row>_set`).
    `blank=False` where a form must fill it; `options` adds e.g. `help_text`.
    """
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=on_delete,
        related_name=related_name,
        **options,
    )


def acting_user(verbose_name=None, *, blank=True, **options) -> models.ForeignKey:
    """The person who did something to a row (reviewed, decided, resolved, changed it).

    The convention for every such record: optional, the row and its history stay when the account goes (SET_NULL),
    and the user model gets no reverse accessor (`related_name="+"`). `blank=False` where a form must name the person;
    `options` adds e.g. `editable=False`.
    """
    return optional_link(settings.AUTH_USER_MODEL, verbose_name, blank=blank, **options)


def not_negative(field: str, name: str, message=None) -> models.CheckConstraint:
    """A check constraint that `field` is 0 or more (money, amounts)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=name, violation_error_message=message)


def within(field: str, low, high, name: str, message=None) -> models.CheckConstraint:
    """A check constraint that `field` lies between `low` and `high`, both included (scores, percentages, hours)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low}) & Q(**{f"{field}__lte": high}),
        name=name,
        violation_error_message=message,
    )


def not_before(later: str, earlier: str, name: str, message=None, *, strictly: bool = False) -> models.CheckConstraint:
    """A check constraint that date field `later` is not before `earlier` (with `strictly`, that it is after it)."""
    lookup = "gt" if strictly else "gte"
    return models.CheckConstraint(
        condition=Q(**{f"{later}__{lookup}": F(earlier)}), name=name, violation_error_message=message
    )


def unique_ignoring_case(field: str, name: str, message=None) -> models.UniqueConstraint:
    """A unique constraint on `field` that treats upper and lower case alike (e-mail addresses, names)."""
    return models.UniqueConstraint(Lower(field), name=name, violation_error_message=message)
