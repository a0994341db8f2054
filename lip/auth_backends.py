"""Authentication backends that load the signed-in person with what every page asks about them, in one query.

Django's `ModelBackend.get_user` reads the person's row; then each request asked again whether their e-mail address
is confirmed (`lip.permissions.has_verified_email`) and, for the staff second-factor check and every `has_perm` in
the templates, read their permissions (two queries: their own, their groups'). Most people who sign in are
participants with no permission at all, so `get_user` here annotates the person's row with three EXISTS subqueries:

- `lip_email_verified`: a confirmed address exists (the same condition as `has_verified_email`, which then reads it);
- `lip_has_user_permissions`, `lip_has_group_permissions`: a permission of their own or of one of their groups.

When neither exists (and the person is not a superuser), `get_user_permissions` and `get_group_permissions` answer an
empty set without a query. Anyone with a permission gets Django's usual two queries, from the same rows as always.

Nothing is cached across requests: each request loads the person afresh, so granting staff powers (a group, a
permission, a group's new permission) counts from the person's next request on — the second-factor requirement
(`lip.middleware.StaffMFAMiddleware`) included. The marker sits on the object `get_user` returns, and only there.

Switching AUTHENTICATION_BACKENDS to these classes signs out sessions stored under the old backend paths once
(Django only trusts a session's backend when it is still listed); they sign in again.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.models import EmailAddress
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

NO_PERMISSIONS = "_lip_has_no_permissions"


def load_person(user_id):
    """The person with the id, annotated as described above, or None."""
    User = get_user_model()
    person = (
        User._default_manager.filter(pk=user_id)
        .annotate(
            lip_email_verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            lip_has_user_permissions=Exists(User.user_permissions.through.objects.filter(user=OuterRef("pk"))),
            lip_has_group_permissions=Exists(Group.permissions.through.objects.filter(group__user=OuterRef("pk"))),
        )
        .first()
    )
    if person is None:
        return None
    person._lip_email_verified = person.lip_email_verified  # read by lip.permissions.has_verified_email
    if not (person.is_superuser or person.lip_has_user_permissions or person.lip_has_group_permissions):
        setattr(person, NO_PERMISSIONS, True)
    return person


class LeanUserMixin:
    def get_user(self, user_id):
        person = load_person(user_id)
        return person if person is not None and self.user_can_authenticate(person) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)

    def get_user_permissions(self, user_obj, obj=None):
        if getattr(user_obj, NO_PERMISSIONS, False):
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if getattr(user_obj, NO_PERMISSIONS, False):
            return set()
        return super().get_group_permissions(user_obj, obj)

    async def aget_user_permissions(self, user_obj, obj=None):
        if getattr(user_obj, NO_PERMISSIONS, False):
            return set()
        return await super().aget_user_permissions(user_obj, obj)

    async def aget_group_permissions(self, user_obj, obj=None):
        if getattr(user_obj, NO_PERMISSIONS, False):
            return set()
        return await super().aget_group_permissions(user_obj, obj)


class ModelBackend(LeanUserMixin, DjangoModelBackend):
    """Django's ModelBackend (sign-in by e-mail address and password), loading the person lean."""


class AuthenticationBackend(LeanUserMixin, AllauthBackend):
    """allauth's backend, loading the person lean."""
