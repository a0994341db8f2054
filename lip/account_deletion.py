"""Whether an account may be deleted in the admin.

A person who took part (proposals, comments, votes, reports, applications, ...) keeps their account until the
account-deletion feature (`lip/privacy/`, DESIGN.md) anonymises their contributions: deleting it in the admin would
either break the rule that every online proposal names its author or silently delete votes whose counters stay, and
it would change public figures. Staff are told so and can block the account instead.

`lip` knows no app of ours by name: the rows are found through the relations that point at the user model from the
project's own apps (not from libraries): every relation that would delete or protect rows, and every `author`.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _


def _project_app(app_label: str) -> bool:
    path = Path(apps.get_app_config(app_label).path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in path.parts


def _contribution_relations() -> list[models.ForeignObjectRel]:
    relations = []
    for rel in get_user_model()._meta.related_objects:
        label = rel.related_model._meta.app_label
        if rel.many_to_many or label == "lip" or not _project_app(label):
            continue
        if rel.on_delete in (models.CASCADE, models.PROTECT) or rel.field.name == "author":
            relations.append(rel)
    return relations


def has_contributions(user) -> bool:
    """True when rows of the project's apps are the person's contributions (one query per relation, stops early)."""
    return any(
        rel.related_model._base_manager.filter(**{rel.field.name: user}).exists() for rel in _contribution_relations()
    )


def refusal_message(user) -> str:
    return _(
        "Das Konto von %(name)s kann hier nicht gelöscht werden: Die Person hat sich beteiligt (zum Beispiel mit "
        "Vorschlägen, Kommentaren, Stimmen oder Meldungen). Ihre Beiträge und alle Zählungen sollen erhalten bleiben. "
        "Sperren Sie das Konto stattdessen; das Löschen mit Anonymisierung der Beiträge kommt mit der Funktion "
        "„Konto löschen“."
    ) % {"name": str(user)}
