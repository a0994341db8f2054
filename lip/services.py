"""Writes on people and organisations."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import pagecache, permissions
from .models import Membership, MembershipRole, MembershipStatus, Organisation, User
from .roles import Role, group_name

# Slugs that would collide with the fixed addresses below /organisationen/ (see urls_app.py).
RESERVED_SLUGS = frozenset({"registrieren"})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "organisation"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def user_add_role(*, user: User, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=group_name(role))
    user.groups.add(group)


def user_remove_role(*, user: User, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name=group_name(role)))


def user_sync_representative_role(*, user: User) -> None:
    """The representative role follows the memberships: held while the person represents a verified organisation."""
    represents_verified = Membership.objects.filter(
        user=user,
        role=MembershipRole.REPRESENTATIVE,
        status=MembershipStatus.ACTIVE,
        organisation__verified_at__isnull=False,
    ).exists()
    if represents_verified:
        user_add_role(user=user, role=Role.REPRESENTATIVE)
    else:
        user_remove_role(user=user, role=Role.REPRESENTATIVE)


NOTIFICATION_FIELDS = ("notify_responses", "notify_moderation", "notify_digest", "notify_reports")


def user_update_profile(
    *, user: User, display_name: str, language: str, notifications: dict[str, bool] | None = None
) -> User:
    """Name, language and which e-mails the person wants (`notifications`: only the choices they were offered)."""
    if User.objects.filter(pk=user.pk).values_list("display_name", flat=True).first() != display_name.strip():
        pagecache.invalidate(pagecache.tags.SITE)  # the name is shown with their contributions, on many pages
    user.display_name = display_name.strip()
    user.preferred_language = language
    fields = ["display_name", "preferred_language"]
    for name, wanted in (notifications or {}).items():
        if name not in NOTIFICATION_FIELDS:
            raise ValueError(f"Unknown e-mail preference: {name}")
        setattr(user, name, bool(wanted))
        fields.append(name)
    user.save(update_fields=fields)
    return user


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


def _already_requested() -> ValidationError:
    return ValidationError(_("Sie haben bereits angefragt. Die Organisation entscheidet bald über Ihre Anfrage."))


@transaction.atomic
def membership_request(*, user: User, organisation: Organisation, message: str = "") -> Membership:
    """A person asks to join an organisation. Asking twice is refused; a rejected person may ask again."""
    if not permissions.can_request_membership(user, organisation):
        raise PermissionDenied
    existing = Membership.objects.select_for_update().filter(user=user, organisation=organisation).first()
    if existing is not None and existing.status != MembershipStatus.REJECTED:
        if existing.status == MembershipStatus.ACTIVE:
            raise ValidationError(_("Sie sind bereits Mitglied dieser Organisation."))
        raise _already_requested()
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
        raise _already_requested() from exc


@transaction.atomic
def membership_decide(
    *, membership: Membership, decided_by: User, approve: bool, role: str = MembershipRole.MEMBER
) -> Membership:
    if not permissions.can_manage_members(decided_by, membership.organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Diese Rolle gibt es nicht.")})
    membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    if membership.status != MembershipStatus.REQUESTED:
        # Only open requests are decided here; a second click or a forged request changes nothing.
        raise ValidationError(_("Über diese Anfrage wurde bereits entschieden."))
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.REJECTED
    membership.role = role if approve else MembershipRole.MEMBER
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save()
    if membership.is_representative:
        # a new representative: the organisation no longer waits for one (lip.privacy.deletion flags it)
        Organisation.objects.filter(pk=membership.organisation_id).update(needs_representative_since=None)
        if membership.organisation.is_verified:
            user_add_role(user=membership.user, role=Role.REPRESENTATIVE)
    return membership


def _sync_representatives(organisation: Organisation) -> None:
    for membership in organisation.memberships.filter(
        role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE
    ).select_related("user"):
        user_sync_representative_role(user=membership.user)


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
    _sync_representatives(organisation)
    log(instance=organisation, action="lip.organisation.verify", user=verified_by)
    return organisation


@transaction.atomic
def organisation_unverify(*, organisation: Organisation, user: User) -> Organisation:
    if not permissions.can_verify_organisation(user):
        raise PermissionDenied
    if not organisation.is_verified:
        return organisation
    organisation.verified_at = None
    organisation.verified_by = None
    organisation.save(update_fields=["verified_at", "verified_by"])
    _sync_representatives(organisation)
    log(instance=organisation, action="lip.organisation.unverify", user=user)
    return organisation
