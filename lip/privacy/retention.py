"""Nothing kept longer than needed: the daily clean-up (Celery beat, `lip.tasks.privacy_retention`).

- Registrations whose address was never confirmed are removed after settings.LIP_UNVERIFIED_SIGNUP_DAYS days (14 by
  default). Such a person could never sign in (ACCOUNT_EMAIL_VERIFICATION = "mandatory"), so there is nothing of
  theirs to keep; accounts that staff created (no allauth address), staff, people with a role beyond taking part, and
  anyone any row of the platform points to are left alone.
- Data exports ("Meine Daten") are deleted with their files once they expired (lip.privacy.export).
"""

import logging
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from lip.roles import Role, group_name

from .export import delete_expired_exports

logger = logging.getLogger(__name__)


def _project_app(app_label: str) -> bool:
    path = Path(apps.get_app_config(app_label).path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in path.parts


def _referenced_by_the_platform() -> models.Q:
    """People that any row of the project's own apps (not the libraries') points to."""
    condition = models.Q()
    for rel in get_user_model()._meta.related_objects:
        if rel.many_to_many or not _project_app(rel.related_model._meta.app_label):
            continue
        referenced = rel.related_model._base_manager.filter(**{f"{rel.field.name}__isnull": False})
        condition |= models.Q(pk__in=referenced.values(rel.field.name))
    return condition


def stale_unverified_signups(now=None):
    """Accounts registered more than LIP_UNVERIFIED_SIGNUP_DAYS days ago whose address was never confirmed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LIP_UNVERIFIED_SIGNUP_DAYS)
    signed_up = EmailAddress.objects.values("user")
    verified = EmailAddress.objects.filter(verified=True).values("user")
    other_roles = get_user_model().groups.through.objects.exclude(group__name=group_name(Role.PARTICIPANT))
    return (
        get_user_model()
        .objects.filter(date_joined__lt=cutoff, deleted_at__isnull=True, is_staff=False, is_superuser=False)
        .filter(pk__in=signed_up)
        .exclude(pk__in=verified)
        .exclude(pk__in=other_roles.values("user"))
        .exclude(_referenced_by_the_platform())
    )


def delete_unverified_signups(now=None) -> int:
    with transaction.atomic():
        pks = list(stale_unverified_signups(now).values_list("pk", flat=True))
        get_user_model().objects.filter(pk__in=pks).delete()  # their addresses and roles go with them
    return len(pks)


def run_retention(now=None) -> dict[str, int]:
    """The daily clean-up; returns and logs how many of each kind it removed."""
    removed = {
        "unverified_signups": delete_unverified_signups(now),
        "expired_exports": delete_expired_exports(now=now),
    }
    logger.info(
        "Retention: removed %(unverified_signups)d unverified registration(s) and %(expired_exports)d expired data "
        "export(s).",
        removed,
    )
    return removed
