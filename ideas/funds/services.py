"""Writes on a fund: its budget never falls below what has been awarded from it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lip import pagecache

from .. import permissions
from ..models import Fund
from ..money import euro
from .selectors import committed_amount


@transaction.atomic
def fund_save(*, fund: Fund, user) -> Fund:
    """Create or change a fund. Its budget cannot fall below what is already awarded from it."""
    if not permissions.is_fund_staff(user):
        raise PermissionDenied
    if fund.pk is not None:
        Fund.objects.select_for_update().filter(pk=fund.pk).first()
        committed = committed_amount(fund.pk)
        if fund.budget is not None and fund.budget < committed:
            raise ValidationError(
                {
                    "budget": _("Das Budget kann nicht unter die bereits bewilligten %(committed)s sinken.")
                    % {"committed": euro(committed)}
                }
            )
    fund.full_clean()
    fund.save()
    pagecache.invalidate(pagecache.tags.fund(fund.pk))  # the budget figures of its competitions
    return fund
