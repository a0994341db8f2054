"""What each app holds about a person, and how it is exported and erased (GDPR articles 15, 17 and 20).

`lip` depends on no app of ours: every app describes its own personal data in a module `<app>/privacy.py` that calls
`register(...)` at import time; `lip`'s AppConfig imports those modules (`autodiscover_modules("privacy")`). The data
export (`lip.privacy.export`) asks every provider for its tables and files; the account deletion
(`lip.privacy.deletion`) asks every provider to erase or anonymise what it holds, inside one transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# archive path inside the ZIP ("beteiligung/anhaenge/12-foo.pdf") -> a Django FieldFile (or File) to copy
FileEntry = tuple[str, Any]


@dataclass
class ExportSection:
    """One app's part of the archive: tables (name -> rows of plain JSON values) and files."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: list[FileEntry] = field(default_factory=list)


@dataclass(frozen=True)
class PersonalDataProvider:
    """`name`: the folder in the archive; `export(user)` -> ExportSection; `erase(user)` anonymises or deletes what
    the app holds about the person when the account is deleted (runs inside the deletion's transaction; must keep
    every counter equal to its rows and change no issued report). `order`: providers run in ascending order."""

    name: str
    export: Callable[[Any], ExportSection]
    erase: Callable[[Any], None] | None = None
    order: int = 100


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> PersonalDataProvider:
    _providers[provider.name] = provider
    return provider


def providers() -> list[PersonalDataProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.name))


def erase_personal_data(user) -> None:
    """Every app's erase hook, in order. The caller holds the transaction (lip.privacy.deletion)."""
    for provider in providers():
        if provider.erase is not None:
            provider.erase(user)


def collect_personal_data(user) -> Iterable[tuple[str, ExportSection]]:
    for provider in providers():
        yield provider.name, provider.export(user)
