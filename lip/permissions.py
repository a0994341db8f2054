"""Who may do what with people and organisations. Views and templates use these same predicates."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied

from .models import MembershipRole, MembershipStatus, Organisation
from .roles import Role, group_name


def has_verified_email(user) -> bool:
    """True when the person confirmed their e-mail address. Cached on the user object for the request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_lip_email_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._lip_email_verified = cached
    return cached


def can_contribute(user) -> bool:
    """A signed-in, active, unblocked person with a confirmed e-mail address may take part."""
    return bool(user.is_authenticated and user.is_active and not user.is_blocked and has_verified_email(user))


def participation_refusal(user, *, login_reason: str = "") -> "Decision | None":
    """None when the person may take part (`can_contribute`); otherwise the real reason why not, in this order:
    not signed in, account deactivated, account blocked, e-mail address not confirmed. Every app's predicates and
    every refusal page give this same reason."""
    from django.utils.translation import gettext as _

    if not user.is_authenticated:
        return Decision(False, login_reason or _("Bitte melden Sie sich an, um mitzumachen."), needs_login=True)
    if not user.is_active:
        return Decision(False, _("Ihr Konto ist deaktiviert."))
    if user.is_blocked:
        return Decision(
            False, _("Ihr Konto ist gesperrt. Sie können weiterhin alles lesen, aber keine Beiträge schreiben.")
        )
    if not has_verified_email(user):
        return Decision(False, _("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse."))
    return None


def participation_decision(user) -> "Decision":
    refused = participation_refusal(user)  # a refusal is falsy: `refused or ALLOWED` would step over it
    return ALLOWED if refused is None else refused


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("lip.moderate_participation"))


def has_role(user, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    names = getattr(user, "_lip_group_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._lip_group_names = names
    return group_name(role) in names


def is_council_member_for(user, district) -> bool:
    """A member of the district integration council of `district` (role plus the district bound to it)."""
    return bool(
        can_contribute(user)
        and user.council_district_id is not None
        and user.council_district_id == getattr(district, "pk", district)
        and user.has_perm("lip.state_for_council")
    )


def can_register_organisation(user) -> bool:
    return can_contribute(user)


def can_view_organisation(user, organisation: Organisation) -> bool:
    """Verified organisations are public; an unverified one only to its active members and to moderators."""
    if organisation.is_verified:
        return True
    if not user.is_authenticated:
        return False
    if is_moderator(user):
        return True
    return organisation.memberships.filter(user=user, status=MembershipStatus.ACTIVE).exists()


def can_request_membership(user, organisation: Organisation) -> bool:
    return can_contribute(user) and can_view_organisation(user, organisation)


def can_act_for(user, organisation: Organisation | None) -> bool:
    """Only an active representative of a verified organisation may act on its behalf."""
    if organisation is None or not organisation.is_verified or not can_contribute(user):
        return False
    return organisation.memberships.filter(
        user=user, role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE
    ).exists()


def can_manage_members(user, organisation: Organisation) -> bool:
    """Active representatives (verified or not: they need to build up their organisation) and moderators."""
    if is_moderator(user):
        return True
    if not can_contribute(user):
        return False
    return organisation.memberships.filter(
        user=user, role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE
    ).exists()


def can_verify_organisation(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("lip.verify_organisation"))


def represented_organisation_ids(user) -> frozenset[int]:
    """Ids of the verified organisations the person may act for. Cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_lip_represented_ids", None)
    if cached is None:
        from .selectors import organisations_user_can_act_for

        cached = frozenset(organisations_user_can_act_for(user).values_list("pk", flat=True))
        user._lip_represented_ids = cached
    return cached


# --- Decisions: the answer every app's permission predicates give ----------------------------------------------


@dataclass(frozen=True)
class Decision:
    """Allowed or not, and if not, why and from when it becomes possible (for the template and the 403 page)."""

    allowed: bool
    reason: str = ""
    opens_at: datetime | None = None
    needs_login: bool = False

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def require(decision: Decision) -> None:
    """For the services: refuse with the predicate's reason (PermissionDenied) unless `decision` allows."""
    if not decision:
        raise PermissionDenied(decision.reason)


def first_refusal(*checks: Callable[[], "Decision | None"]) -> Decision:
    """The first refusal among `checks` (run in order, none after a refusal), else ALLOWED.

    A refusal is falsy (`Decision.__bool__`), so neither `check_a() or check_b()` nor `if refused:` may be used
    to chain checks: both would step over the refusal. A check returns None when it has no objection.
    """
    for check in checks:
        decision = check()
        if decision is not None and not decision.allowed:
            return decision
    return ALLOWED
