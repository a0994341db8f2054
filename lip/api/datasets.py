"""Datasets for the bulk downloads and the DCAT-AP.de catalogue, contributed by the apps (hook
``register_open_datasets``)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from rest_framework.serializers import BaseSerializer
from wagtail import hooks

HOOK = "register_open_datasets"


@dataclass(frozen=True)
class Dataset:
    slug: str  # file names: <slug>.csv, <slug>.json
    title: str  # lazy translation, German first
    description: str
    queryset: Callable[[], QuerySet]  # the public rows, as the API's list shows them
    serializer: type[BaseSerializer]  # the API's serializer for one row
    endpoint: str  # the route name of the API list, e.g. "api:proposal-list"
    keywords: tuple[str, ...] = field(default_factory=tuple)
    # Codes of the EU data-theme vocabulary (dcat:theme in the catalogue): SOCI population and society, GOVE
    # government and public sector, ...
    themes: tuple[str, ...] = ("SOCI", "GOVE")


def all_datasets() -> list[Dataset]:
    found = [dataset for hook in hooks.get_hooks(HOOK) for dataset in hook()]
    return sorted(found, key=lambda dataset: dataset.slug)


def get_dataset(slug: str) -> Dataset | None:
    """The registered dataset called `slug`, or None."""
    return next((dataset for dataset in all_datasets() if dataset.slug == slug), None)


def api_dataset(viewset, *, order_by: tuple[str, ...] = (), **fields) -> Dataset:
    """The dataset of an API list: the rows (`selector`) and the serializer of `viewset`, in the selector's order or
    by `order_by`; `fields` are the rest of the `Dataset` (slug, title, description, endpoint, keywords, ...)."""
    selector = viewset.selector
    queryset = (lambda: selector().order_by(*order_by)) if order_by else selector
    return Dataset(queryset=queryset, serializer=viewset.serializer_class, **fields)
