"""Extension points through which other apps add to the home page and the site search.

`home` depends on no other app of ours; apps register here from their AppConfig.ready().
A home section is a callable taking the request and returning a `HomeSection`; a search
provider is a callable taking the request and the query and returning a `SearchGroup`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class HomeSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass
class SearchGroup:
    title: str
    results: Sequence[Any]
    template: str
    order: int = 100


_home_sections: list[Callable] = []
_search_providers: list[Callable] = []


def register_home_section(func: Callable) -> Callable:
    if func not in _home_sections:
        _home_sections.append(func)
    return func


def register_search_provider(func: Callable) -> Callable:
    if func not in _search_providers:
        _search_providers.append(func)
    return func


def home_sections() -> list[Callable]:
    return list(_home_sections)


def search_providers() -> list[Callable]:
    return list(_search_providers)
