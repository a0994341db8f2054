"""Writes on people and organisations."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import permissions
from .models import Membership, MembershipRole, MembershipStatus, Organisation, User
from .roles import Role, group_name


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def user_add_role(*, user: User, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=group_name(role))
    user.groups.add(group)


def user_set_language(*, user: User, language: str) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def organisation_register(*, user: User, data: dict) -> Organisation:
    """A person registers an organisation; they become its representative. Staff verify it later."""
    if not permissions.can_register_organisation(user):
        raise PermissionDenied
    if Organisation.objects.filter(name__iexact=data["name"].strip()).exists():
        raise ValidationError({"name": _("Eine Organisation mit diesem Namen ist bereits registriert.")})
    organisation = Organisation(
        name=data["name"].strip(),
        slug=_unique_slug(data["name"]),
        type=data["type"],
        district=data.get("district"),
        website=data.get("website", ""),
        description=data.get("description", ""),
        created_by=user,
    )
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise ValidationError({"name": _("Eine Organisation mit diesem Namen ist bereits registriert.")}) from exc
    Membership.objects.create(
        user=user,
        organisation=organisation,
        role=MembershipRole.REPRESENTATIVE,
        status=MembershipStatus.ACTIVE,
        decided_at=timezone.now(),
        decided_by=user,
    )
    return organisation


@transaction.atomic
def membership_request(*, user: User, organisation: Organisation, message: str = "") -> Membership:
    """A person asks to join an organisation. Asking twice is refused; a rejected person may ask again."""
    if not permissions.can_request_membership(user, organisation):
        raise PermissionDenied
    existing = Membership.objects.select_for_update().filter(user=user, organisation=organisation).first()
    if existing is not None and existing.status != MembershipStatus.REJECTED:
        if existing.status == MembershipStatus.ACTIVE:
            raise ValidationError(_("Sie sind bereits Mitglied dieser Organisation."))
        raise ValidationError(_("Sie haben bereits angefragt. Die Organisation entscheidet bald über Ihre Anfrage."))
    if existing is not None:
        existing.status = MembershipStatus.REQUESTED
        existing.role = MembershipRole.MEMBER
        existing.message = message
        existing.decided_at = None
        existing.decided_by = None
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Membership.objects.create(user=user, organisation=organisation, message=message)
    except IntegrityError as exc:  # a parallel request won the race
        raise ValidationError(_("Sie haben bereits angefragt. Die Organisation entscheidet bald über Ihre Anfrage.")) from exc


@transaction.atomic
def membership_decide(
    *, membership: Membership, decided_by: User, approve: bool, role: str = MembershipRole.MEMBER
) -> Membership:
    if not permissions.can_manage_members(decided_by, membership.organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Diese Rolle gibt es nicht.")})
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.REJECTED
    membership.role = role if approve else MembershipRole.MEMBER
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save()
    if membership.is_representative and membership.organisation.is_verified:
        user_add_role(user=membership.user, role=Role.REPRESENTATIVE)
    return membership


@transaction.atomic
def organisation_verify(*, organisation: Organisation, verified_by: User) -> Organisation:
    """Staff confirm that an organisation exists; its representatives may now act for it."""
    if not permissions.can_verify_organisation(verified_by):
        raise PermissionDenied
    if organisation.is_verified:
        return organisation
    organisation.verified_at = timezone.now()
    organisation.verified_by = verified_by
    organisation.save(update_fields=["verified_at", "verified_by"])
    for membership in organisation.memberships.filter(
        role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE
    ).select_related("user"):
        user_add_role(user=membership.user, role=Role.REPRESENTATIVE)
    log(instance=organisation, action="lip.organisation.verify", user=verified_by)
    return organisation


@transaction.atomic
def organisation_unverify(*, organisation: Organisation, user: User) -> Organisation:
    if not permissions.can_verify_organisation(user):
        raise PermissionDenied
    organisation.verified_at = None
    organisation.verified_by = None
    organisation.save(update_fields=["verified_at", "verified_by"])
    log(instance=organisation, action="lip.organisation.unverify", user=user)
    return organisation
