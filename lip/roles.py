"""Roles are Django groups with permissions. This module is their single definition.

Data migrations call `sync_roles` with the historical app registry; apps that add
models with permissions a role needs add a migration that calls it again. A
permission that does not exist yet (its app is not migrated) is skipped.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    PARTICIPANT = "participant"
    REPRESENTATIVE = "representative"
    COUNCIL = "council"
    MODERATOR = "moderator"
    JURY = "jury"
    COUNCIL_MEMBER = "council_member"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class RoleDefinition:
    group_name: str
    label: str
    permissions: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    description: str = field(default="", compare=False)


_CONTENT_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "lip.moderate_participation",
    "lip.verify_organisation",
    "lip.view_organisation",
    "lip.add_organisation",
    "lip.change_organisation",
    "lip.view_membership",
    "lip.add_membership",
    "lip.change_membership",
    "lip.delete_membership",
    "lip.view_district",
    "lip.change_district",
    "lip.view_topic",
    "lip.add_topic",
    "lip.change_topic",
    "lip.view_user",
    "home.change_sitesettings",
    "wagtailcore.view_site",
)
_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

ROLES: dict[Role, RoleDefinition] = {
    Role.PARTICIPANT: RoleDefinition("Teilnehmende", _("Teilnehmende")),
    Role.REPRESENTATIVE: RoleDefinition("Organisationsvertretung", _("Organisationsvertretung")),
    Role.COUNCIL: RoleDefinition(
        "Integrationsbeirat", _("Mitglied eines Integrationsbeirats"), permissions=("lip.state_for_council",)
    ),
    Role.MODERATOR: RoleDefinition(
        "Moderation",
        _("Moderation (Stadtverwaltung)"),
        permissions=_CONTENT_PERMISSIONS,
        page_permissions=_PAGE_PERMISSIONS,
        collection_permissions=_COLLECTION_PERMISSIONS,
    ),
    Role.JURY: RoleDefinition("Jury", _("Jurymitglied"), permissions=("lip.score_applications",)),
    Role.COUNCIL_MEMBER: RoleDefinition(
        "Ratsmitglied", _("Ratsmitglied (liest Berichte)"), permissions=("lip.read_council_reports",)
    ),
    Role.ADMINISTRATOR: RoleDefinition(
        "Administration",
        _("Administration"),
        permissions=_CONTENT_PERMISSIONS
        + (
            "lip.add_user",
            "lip.change_user",
            "lip.delete_user",
            "auth.view_group",
            "auth.add_group",
            "auth.change_group",
            "lip.add_district",
            "lip.delete_topic",
            "lip.delete_organisation",
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.view_collection",
            "django_celery_beat.view_periodictask",
            "django_celery_beat.add_periodictask",
            "django_celery_beat.change_periodictask",
        ),
        page_permissions=_PAGE_PERMISSIONS + ("delete_page",),
        collection_permissions=_COLLECTION_PERMISSIONS + ("wagtailimages.delete_image", "wagtaildocs.delete_document"),
    ),
}


def group_name(role: Role) -> str:
    return ROLES[role].group_name


def extend_role(role: Role, *permissions: str) -> None:
    """Let an app add the permissions its models bring to a role (called from its AppConfig.ready)."""
    definition = ROLES[role]
    ROLES[role] = RoleDefinition(
        definition.group_name,
        definition.label,
        permissions=definition.permissions + tuple(p for p in permissions if p not in definition.permissions),
        page_permissions=definition.page_permissions,
        collection_permissions=definition.collection_permissions,
    )


def extend_staff_roles(staff_permissions: tuple[str, ...], *administrator_only: str) -> None:
    """Give an app's staff permissions to the Moderation and Administration roles, plus extra ones to the latter."""
    extend_role(Role.MODERATOR, *staff_permissions)
    extend_role(Role.ADMINISTRATOR, *staff_permissions, *administrator_only)


def sync_roles(apps) -> None:
    """Create or update the role groups and their permissions. Idempotent."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    def permission(dotted: str):
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for definition in ROLES.values():
        group, _created = Group.objects.get_or_create(name=definition.group_name)
        perms = [p for p in (permission(name) for name in definition.permissions) if p]
        group.permissions.add(*perms)
        if root_page is not None:
            for name in definition.page_permissions:
                perm = permission(f"wagtailcore.{name}")
                if perm:
                    GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
        if root_collection is not None:
            for name in definition.collection_permissions:
                perm = permission(name)
                if perm:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )


def ensure_permissions_exist(apps) -> None:
    """Create the Permission rows of every migrated model now instead of after `migrate`."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
