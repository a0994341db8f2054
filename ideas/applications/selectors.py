"""Reads of applications: with their joins, for one page, for 'Meine Anträge' and for the staff's list."""

from django.db.models import F, Prefetch, Q, QuerySet

from lip.selectors import organisations_user_can_act_for

from ..models import Application, ProgressReport


def application_base_queryset() -> QuerySet[Application]:
    return Application.objects.select_related(
        "competition", "competition__fund", "organisation", "created_by", "award"
    ).prefetch_related(
        "districts",
        "topics",
        "cost_items",
        "attachments",
        Prefetch("proposals", queryset=_proposal_queryset()),
        Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("-reported_on", "-created_at")),
    )


def _proposal_queryset():
    from consultation.models import Proposal

    return Proposal.objects.select_related("consultation")


def application_detail(pk: int) -> Application | None:
    return application_base_queryset().filter(pk=pk).first()


def applications_for_user(user) -> QuerySet[Application]:
    """What 'Meine Anträge' lists: the person's own applications and those of organisations they represent."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(
            Q(created_by=user) | Q(organisation__in=organisations_user_can_act_for(user).values("pk"))
        )
        .select_related("competition", "organisation", "award")
        .order_by("-created_at", "-pk")
    )


def application_list_for_staff() -> QuerySet[Application]:
    return Application.objects.select_related("competition", "organisation", "award").annotate(
        award_amount=F("award__amount")
    )
