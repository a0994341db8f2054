"""Extension point for "Was daraus wurde" (what became of a proposal) on the proposal page.

`consultation` depends on no app that builds on it; the idea competition and the monitoring app register
providers from their AppConfig.ready(). A provider takes a proposal and returns an `OutcomeSection` (a template with
its context) or None when it has nothing to say about that proposal.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class OutcomeSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


_providers: list[Callable] = []


def register_outcome_provider(func: Callable) -> Callable:
    if func not in _providers:
        _providers.append(func)
    return func


def outcomes_for(proposal) -> list[OutcomeSection]:
    found = (provider(proposal) for provider in _providers)
    return sorted((outcome for outcome in found if outcome is not None), key=lambda o: o.order)
