"""Reads on people and organisations."""

from django.db.models import Count, Q, QuerySet

from .models import Membership, MembershipRole, MembershipStatus, Organisation, User


def organisation_list(*, verified_only: bool = False) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("district").annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )
    if verified_only:
        qs = qs.filter(verified_at__isnull=False)
    return qs.order_by("name")


def organisations_user_can_act_for(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        verified_at__isnull=False,
        memberships__user=user,
        memberships__role=MembershipRole.REPRESENTATIVE,
        memberships__status=MembershipStatus.ACTIVE,
    ).order_by("name")


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "organisation__district")


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("status", "role", "user__display_name")


def membership_of(user: User, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()
