"""Writing many-to-many relations from a service's arguments."""

from django.db.models import Model


def set_relations(instance: Model, **relations) -> None:
    """Set each named many-to-many relation of `instance` to the objects given; None leaves that relation as it is."""
    for name, objects in relations.items():
        if objects is not None:
            getattr(instance, name).set(objects)
