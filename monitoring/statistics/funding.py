"""The idea competition's figures of the participation statistics: funds, and applications and awards by district
and topic (see `figures`).
"""

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Application, ApplicationState, Award, Fund
from lip.models import District

from ..measures.selectors import results_public
from .results import CITYWIDE, MONEY, ZERO, FundingRow, FundRow, before, of_district, within


def fund_rows(upper, district: District | None) -> list[FundRow]:
    """Every fund at the end of the period (one query); with a district, what went to projects there (one more)."""
    decided = before("awards__decided_at", upper) & results_public("awards__application__")
    rows = {
        pk: FundRow(name, year, budget, committed, awards)
        for pk, name, year, budget, committed, awards in Fund.objects.annotate(
            committed=Coalesce(Sum("awards__amount", filter=decided), Value(ZERO), output_field=MONEY),
            award_count=Count("awards", filter=decided),
        )
        .order_by("-year", "pk")
        .values_list("pk", "name", "year", "budget", "committed", "award_count")
    }
    if district is not None:
        for row in rows.values():
            row.district_committed, row.district_awards = ZERO, 0
        for fund_id, amount, awards in (
            Award.objects.filter(
                before("decided_at", upper), results_public("application__"), application__districts=district
            )
            .values_list("fund_id")
            .annotate(amount=Sum("amount"), awards=Count("pk", distinct=True))
            .order_by()
        ):
            if fund_id in rows:
                rows[fund_id].district_committed, rows[fund_id].district_awards = amount or ZERO, awards
    return list(rows.values())


def funding_figures(lower, upper, districts, topics, district: District | None = None) -> dict:
    """Applications submitted in the period, by district and by topic, with how many were funded and with how much.

    An application for several districts or topics counts in each of them (with its full amount), so the rows may add
    up to more than the total; one for no district counts as citywide. With `district`, only the applications for
    that district count (and there is no citywide row). Three queries.
    """
    submitted = Q(state__in=ApplicationState.submitted_states()) & within("submitted_at", lower, upper)
    now = timezone.now()
    applications = {  # funded: awarded and the competition's results date passed (before, it is no public fact)
        pk: (state == ApplicationState.AWARDED and results_at <= now, amount or ZERO)
        for pk, state, amount, results_at in Application.objects.filter(
            submitted, of_district("districts", district)
        ).values_list("pk", "state", "award__amount", "competition__results_published_at")
    }
    through_filter = Q(application__state__in=ApplicationState.submitted_states()) & within(
        "application__submitted_at", lower, upper
    )
    by_district = {pk: FundingRow(str(pk), name) for pk, name in districts}
    if district is None:
        by_district[None] = FundingRow(CITYWIDE, _("stadtweit"))
    by_topic = {pk: FundingRow(str(pk), name) for pk, name in topics}
    with_district: set[int] = set()

    def add(row: FundingRow, application_id: int) -> None:
        awarded, amount = applications[application_id]
        row.applications += 1
        if awarded:
            row.awarded += 1
            row.amount += amount

    for application_id, district_id in Application.districts.through.objects.filter(
        through_filter, of_district("district", district)
    ).values_list("application_id", "district_id"):
        if application_id in applications and district_id in by_district:
            add(by_district[district_id], application_id)
            with_district.add(application_id)
    if district is None:
        for application_id in applications.keys() - with_district:
            add(by_district[None], application_id)
    for application_id, topic_id in Application.topics.through.objects.filter(
        through_filter, of_district("application__districts", district)
    ).values_list("application_id", "topic_id"):
        if application_id in applications and topic_id in by_topic:
            add(by_topic[topic_id], application_id)

    awarded = [amount for is_awarded, amount in applications.values() if is_awarded]
    return {
        "applications_by_district": list(by_district.values()),
        "applications_by_topic": list(by_topic.values()),
        "applications": len(applications),
        "awarded": len(awarded),
        "awarded_amount": sum(awarded, ZERO),
    }
