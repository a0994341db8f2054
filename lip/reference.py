"""The reference data every filter form lists (fields of action, city districts), from the cache.

The two short tables change a few times a year in the admin, yet a proposal list would ask for both on every request
to fill its filter choices. They are kept in Django's cache (Redis in production) and dropped whenever a row is
saved or deleted (receivers connected in `LipConfig.ready()`); `CACHE_SECONDS` bounds how long a process-local cache
(no Redis) can lag behind another process's change.
"""

from dataclasses import dataclass

from django.core.cache import cache

from .models import District, Topic

CACHE_SECONDS = 5 * 60
# The topics' key names the rows' shape: a new field (the icon) must not be read from rows pickled before it existed.
_KEYS = {Topic: "lip:reference:topics:2", District: "lip:reference:districts"}


@dataclass(frozen=True)
class Reference:
    topics: list[Topic]  # in the models' Meta.ordering
    districts: list[District]


def load() -> Reference:
    """Both tables in one round trip to the cache; a table missing there is read (one query) and stored."""
    found = cache.get_many(list(_KEYS.values()))
    rows = {}
    for model, key in _KEYS.items():
        rows[model] = found.get(key)
        if rows[model] is None:
            rows[model] = list(model.objects.all())
            cache.set(key, rows[model], CACHE_SECONDS)
    return Reference(topics=rows[Topic], districts=rows[District])


def topics() -> list[Topic]:
    return load().topics


def districts() -> list[District]:
    return load().districts


def forget(sender, **kwargs) -> None:
    """Receiver of post_save and post_delete of Topic and District."""
    cache.delete(_KEYS[sender])


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in _KEYS:
        post_save.connect(forget, sender=model, dispatch_uid=f"lip.reference.{model.__name__}.save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"lip.reference.{model.__name__}.delete")
