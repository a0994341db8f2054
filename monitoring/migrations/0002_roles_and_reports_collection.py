"""Give the roles the monitoring permissions (see monitoring.apps.STAFF_PERMISSIONS) and make the document collection
"Berichte" for issued reports.

The collection is restricted: only the groups Moderation and Administration hold permissions on it (besides what they
hold on the root collection), and a view restriction keeps its files from being served to anyone else by Wagtail's
document URLs. Council members read reports through the archive (/monitoring/berichte/), which checks their role.
"""

from django.db import migrations

COLLECTION = "Berichte"
STAFF_GROUPS = ("Moderation", "Administration")
# Issued reports are immutable: nobody is given the right to change or delete them here (what the groups hold on the
# root collection still applies below it; the report's checksum in monitoring.Report shows any change).
COLLECTION_PERMISSIONS = {
    "Moderation": ("wagtaildocs.add_document", "wagtaildocs.choose_document"),
    "Administration": ("wagtaildocs.add_document", "wagtaildocs.choose_document"),
}
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def sync_roles(apps, schema_editor):
    from lip.roles import ensure_permissions_exist, sync_roles

    ensure_permissions_exist(apps)
    sync_roles(apps)


def _next_child_path(root, Collection) -> str:
    """The materialised path of a new last child of `root` (what treebeard's add_child computes)."""
    last = Collection.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("-path").first()
    if last is None:
        number = 1
    else:
        number = 0
        for char in last.path[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
        number += 1
    step = ""
    for _position in range(STEPLEN):
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return root.path + step


def create_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if collection is None:
        collection = Collection.objects.create(name=COLLECTION, path=_next_child_path(root, Collection), depth=2, numchild=0)
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    groups = list(Group.objects.filter(name__in=STAFF_GROUPS))
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
        restriction.groups.set(groups)
    for group in groups:
        for dotted in COLLECTION_PERMISSIONS.get(group.name, ()):
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def remove_collection(apps, schema_editor):
    """Only an empty collection is removed (issued reports are records)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    Document = apps.get_model("wagtaildocs", "Document")
    collection = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if collection is not None and not Document.objects.filter(collection=collection).exists():
        root = Collection.objects.filter(depth=1).first()
        collection.delete()
        if root is not None:
            Collection.objects.filter(pk=root.pk).update(numchild=max(root.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("lip", "0003_reference_data"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
        migrations.RunPython(create_collection, remove_collection),
    ]
