"""Deleting an account (GDPR article 17): one service for the person's own request and for staff in the admin.

The User row is not deleted but becomes a tombstone without personal data: the person's public contributions, votes
and the reports they filed stay linked to it and appear as by "gelöschtes Konto" (User.__str__), so that every
counter still equals its rows and no public total or issued report changes. Every app first erases or anonymises
what it holds about the person (`erase_personal_data`, the apps' `privacy.py`); then this module removes what `lip`
and the libraries hold: name, e-mail addresses, password, second factors, sessions, memberships and roles.
"""

import logging
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lip import pagecache
from lip.models import DataExport, Membership, MembershipRole, MembershipStatus, Organisation, User

from .export import export_delete
from .registry import erase_personal_data

logger = logging.getLogger(__name__)

DELETE_ACTION = "lip.user.delete"


def tombstone_email(user) -> str:
    """A unique value that is no deliverable address (".invalid" is reserved, RFC 2606)."""
    return f"geloescht-{user.pk}@invalid"


def deletion_refusal(user, *, by=None) -> str | None:
    """Why `user`'s account may not be deleted (by `by`, or by the person when `by` is None); None if it may."""
    if user.deleted_at is not None:
        return _("Dieses Konto ist bereits gelöscht.")
    if by is not None and by.pk == user.pk:
        return _("Ihr eigenes Konto löschen Sie in Ihrem Profil unter „Konto löschen“.")
    if user.is_superuser and not User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists():
        return _(
            "Das letzte Konto mit allen Rechten (Superuser) kann nicht gelöscht werden. Geben Sie zuerst einer "
            "anderen Person diese Rechte."
        )
    return None


def delete_account(user, *, by=None) -> User:
    """Delete `user`'s account (by the person when `by` is None, else by staff): one transaction, the row locked.

    Deleting an account twice changes nothing. Raises ValueError when `deletion_refusal` names a reason.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.deleted_at is not None:
            return user
        refusal = deletion_refusal(user, by=by)
        if refusal:
            raise ValueError(refusal)
        erase_personal_data(user)
        orphaned = _end_memberships(user)
        _remove_login_data(user)
        _tombstone(user)
        ended = _end_sessions(user)
        log(instance=user, action=DELETE_ACTION, user=by)
        pagecache.invalidate(pagecache.tags.SITE)  # their name leaves their contributions, on many pages
    logger.info(
        "Account %s deleted (by %s); %d session(s) ended; organisations left without representative: %s",
        user.pk,
        f"staff {by.pk}" if by is not None else "the person",
        ended,
        [organisation.pk for organisation in orphaned] or "none",
    )
    return user


def _end_memberships(user) -> list[Organisation]:
    """Memberships and requests end (their rows go: the model knows no "former member"). An organisation whose last
    active representative leaves is flagged for staff (`needs_representative_since`)."""
    represented = list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=MembershipRole.REPRESENTATIVE,
            memberships__status=MembershipStatus.ACTIVE,
        )
    )
    Membership.objects.filter(user=user).delete()
    orphaned = [
        organisation
        for organisation in represented
        if not organisation.memberships.filter(
            role=MembershipRole.REPRESENTATIVE, status=MembershipStatus.ACTIVE, user__deleted_at__isnull=True
        ).exists()
    ]
    Organisation.objects.filter(
        pk__in=[organisation.pk for organisation in orphaned], needs_representative_since__isnull=True
    ).update(needs_representative_since=timezone.now())
    return orphaned


def _remove_login_data(user) -> None:
    """Data exports, addresses (allauth), second factors, roles, and what Wagtail keeps for a person (profile with
    avatar, API tokens, page subscriptions, unsaved editing state). Wagtail's audit log and comments on page drafts
    stay: they document editorial work and now name "gelöschtes Konto"."""
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import PageSubscription
    from wagtail.models.api import APIToken
    from wagtail.users.models import UserProfile

    for export in DataExport.objects.filter(user=user):
        export_delete(export)  # "Meine Daten" archives, file and row
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    PageSubscription.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()
    FormState.objects.filter(user=user).delete()
    APIToken.objects.filter(user=user).delete()
    user.user_permissions.clear()
    user.groups.clear()


_BLANK_FIELDS = ("first_name", "last_name", "display_name", "blocked_reason")
_NOTIFY_FIELDS = ("notify_moderation", "notify_responses", "notify_digest", "notify_reports")


def _tombstone(user) -> None:
    for name in _BLANK_FIELDS:
        setattr(user, name, "")
    for name in _NOTIFY_FIELDS:
        setattr(user, name, False)
    user.email = tombstone_email(user)
    user.set_unusable_password()  # also invalidates every session through the session auth hash
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.council_district = None
    user.preferred_language = settings.LANGUAGE_CODE
    user.last_login = None
    user.deleted_at = timezone.now()
    user.save()


def _end_sessions(user) -> int:
    """Delete the person's stored sessions (database-backed engines). With cache or cookie sessions, the changed
    password hash ends them at their next request (django.contrib.auth.get_user)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    keys = [
        session.session_key
        for session in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    for key in keys:
        store(session_key=key).delete()  # also drops the cached copy of cached_db sessions
    return len(keys)
