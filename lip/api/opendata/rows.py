"""The rows of a dataset as its API serializer gives them, and their flat form for CSV.

CSV for open-data portals: RFC 4180 (comma, double quotes, CRLF), UTF-8 with a byte order mark so that Excel reads the
umlauts (Python's "utf-8-sig", pandas and CKAN's importers skip it). Nested objects become dotted columns
(``district.name``), lists of plain values one cell joined with "; " (lists of objects: compact JSON). A text that a
spreadsheet would run as a formula gets a leading apostrophe, as in every export of the platform (lip/exports.py);
numbers written as text ("-1.5") stay as they are.
"""

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory

from lip.exports import FORMULA_TRIGGERS
from lip.formfields import clean_text

from ..datasets import Dataset

CHUNK_SIZE = 500
LIST_SEPARATOR = "; "
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")


def snapshot_request():
    """A request as if from the public site (SITE_URL): serializers build their absolute links from it."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return RequestFactory().get("/", HTTP_HOST=base.netloc, secure=base.scheme == "https")


def iter_rows(dataset: Dataset, request) -> Iterator[dict]:
    """The dataset's public rows, serialized one by one: memory stays flat whatever the table's size (the iterator
    fetches and prefetches CHUNK_SIZE rows at a time)."""
    queryset = dataset.queryset()
    if not queryset.ordered:
        queryset = queryset.order_by("pk")
    context = {"request": request}
    for instance in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield dataset.serializer(instance, context=context).data


def to_json(row: Mapping) -> str:
    return json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)


def flatten(row: Mapping, prefix: str = "") -> dict[str, Any]:
    """One level of columns: nested mappings as dotted names, lists as one cell."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(flatten(value, name + "."))
        elif isinstance(value, Mapping):
            flat[name] = ""
        elif isinstance(value, list | tuple):
            flat[name] = LIST_SEPARATOR.join(_list_item(item) for item in value)
        else:
            flat[name] = value
    return flat


def csv_columns(seen: Iterable[str], declared: Sequence[str]) -> list[str]:
    """The CSV's columns: every flat name the rows had, in the serializer's field order. A nested object that was null
    in some rows (one empty cell ``district``) and present in others (``district.slug``, ``district.name``) keeps only
    its dotted columns, so every row has the same shape."""
    names = list(dict.fromkeys(seen))
    names = [name for name in names if not any(other.startswith(name + ".") for other in names)]
    order = {name: position for position, name in enumerate(declared)}
    return sorted(names, key=lambda name: order.get(name.split(".", 1)[0], len(order)))


def _list_item(item: Any) -> str:
    if isinstance(item, Mapping | list | tuple):
        return json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return _text(item)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_cell(value: Any) -> str:
    """A cell's text: plain, without control characters, never a formula."""
    text = clean_text(_text(value)) if isinstance(value, str) else _text(value)
    if text.startswith(FORMULA_TRIGGERS) and not _NUMBER.match(text):
        return "'" + text
    return text
