"""What the fuzz test sends requests to: every URL pattern of the project, filled with real and nasty values.

Walks `get_resolver()`: every public pattern and allauth's, and in the Wagtail admin the views of our apps'
viewsets (Wagtail's own admin views are Wagtail's to test). Wagtail pages are reached through the seeded pages and
the sub-page routes of routable pages. Query and form keys are the field names of our forms and filter sets plus
a few parameters the views read.
"""

import importlib
import inspect
import re
from dataclasses import dataclass

from django import forms
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

OUR_APPS = ("consultation.", "ideas.", "monitoring.", "lip.", "home.")
SKIP_PREFIXES = ("static/", "media/", "__debug__/", "admin/snippets/choose/")  # the choosers are Wagtail's own
HUGE = "99999999999999999999999"

FORM_MODULES = (
    "consultation.forms",
    "consultation.filters",
    "consultation.workspace.page_form",
    "consultation.workspace.fields",
    "consultation.workspace.events",
    "consultation.workspace.analog_entry",
    "consultation.workspace.proposals",
    "consultation.workspace.tallies",
    "consultation.moderation.queue_views",
    "consultation.moderation.decision_views",
    "consultation.moderation.people_views",
    "consultation.responses.admin",
    "consultation.exports.views",
    "consultation.plan.forms",
    "consultation.plan.admin_forms",
    "consultation.plan.history",
    "consultation.plan.admin_views",
    "monitoring.consideration.admin",
    "ideas.applications.forms",
    "ideas.applications.admin",
    "ideas.jury.forms",
    "ideas.jury.admin",
    "ideas.decisions.admin",
    "ideas.funds.admin",
    "ideas.competitions.admin_forms",
    "monitoring.measures.forms",
    "monitoring.measures.admin",
    "monitoring.reports.forms",
    "monitoring.reports.admin.schedules",
    "monitoring.reports.admin.runs",
    "monitoring.statistics.forms",
    "monitoring.statistics.admin",
    "lip.forms",
    "home.forms",
)
EXTRA_KEYS = ("q", "p", "page", "sort", "ordering", "export", "next", "antwort", "id", "childOf", "action", "format")


@dataclass(frozen=True)
class Target:
    route: str  # "admin/ideas-funds/edit/<int:pk>/" or a concrete path
    converters: tuple[tuple[str, str], ...]  # (name, kind) of every placeholder, kind "int" | "slug" | "str" | regex

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


_PLACEHOLDER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>(?P<regex>[^)]*\)?)\)")


def _is_ours(pattern: URLPattern) -> bool:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    if (view_class or callback).__module__.startswith(OUR_APPS):
        return True
    model = getattr(callback, "view_initkwargs", {}).get("model")
    return model is not None and not isinstance(model, str) and model.__module__.startswith(OUR_APPS)


def _route(prefix: str, pattern) -> str:
    text = str(pattern.pattern)
    return prefix + text.lstrip("^").rstrip("$").replace("\\Z", "")


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = _route(prefix, pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, route)
        else:
            yield route, pattern


def url_targets() -> list[Target]:
    targets = []
    for route, pattern in _walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES) or "(?P<path>" in route or route.startswith("(?:"):
            continue
        if route.startswith("admin/") and not _is_ours(pattern):
            continue
        if "(?P" in route and not route.startswith("konto/"):
            continue  # Wagtail's catch-all page serving: reached through the seeded pages below
        targets.append(Target(route, _converters(route)))
    return targets


def _converters(route: str) -> tuple[tuple[str, str], ...]:
    result = []
    for match in _PLACEHOLDER.finditer(route):
        if match.group("name"):
            result.append((match.group("name"), match.group("kind") or "str"))
        else:
            result.append((match.group("rname"), match.group("regex")))
    return tuple(result)


def page_targets() -> list[Target]:
    """Every live page of the seeded world, and the sub-page routes of its routable pages."""
    targets = []
    for page in Page.objects.live().specific():
        url = page.get_url()
        if not url:
            continue
        base = url.lstrip("/")
        targets.append(Target(base, ()))
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = base + _route("", pattern)
                targets.append(Target(route, _converters(route)))
    return targets


def fill(target: Target, values: dict[str, str]) -> str:
    """The target's path with its placeholders replaced by `values` (by placeholder name)."""

    def replace(match):
        return values[match.group("name") or match.group("rname")]

    return "/" + _PLACEHOLDER.sub(replace, target.route)


def path_values(kind: str, real: dict[str, list[str]]) -> list[str]:
    """Candidate values for one placeholder: real ones of the seeded world first, then nasty ones."""
    if kind == "int":
        return ["1", "2", "3", "0", HUGE]
    if kind == "slug":
        return [*real.get("slug", []), "x", "a" * 300]
    if kind == "str":
        return ["x", "²", "a" * 300]
    if "LIP-" in kind:
        return [*real.get("reference", []), "LIP-2026-" + HUGE[:20]]
    return ["x"]


def field_names() -> list[str]:
    """Every field name of our forms and filter sets (the keys their views read from the query or the body)."""
    names = set(EXTRA_KEYS)
    for module_name in FORM_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ != module_name:
                continue
            if issubclass(obj, forms.BaseForm):
                names.update(getattr(obj, "base_fields", {}))
            names.update(getattr(obj, "base_filters", {}))
    return sorted(names)
