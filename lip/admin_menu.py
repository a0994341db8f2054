"""Admin menu entries shown only to those a permission rule lets in.

A viewset's menu item names the same rule its views are guarded with (`lip.access.RuleRequiredMixin`), so the menu
never offers a page that answers 403:

    class ExportViewSet(RuleMenuMixin, ViewSet):
        menu_rule = permissions.can_export
"""

from collections.abc import Callable

from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem


def rule_menu_item_class(rule: Callable[..., bool]) -> type[MenuItem]:
    """A MenuItem class shown when `rule(request.user)` is true."""

    def is_shown(_item, request) -> bool:
        return bool(rule(request.user))

    return type("RuleMenuItem", (MenuItem,), {"is_shown": is_shown})


class RuleMenuMixin:
    """For a Wagtail ViewSet: its menu item is shown to whom `menu_rule` admits."""

    menu_rule: Callable[..., bool]

    @cached_property
    def menu_item_class(self) -> type[MenuItem]:
        return rule_menu_item_class(type(self).menu_rule)  # read from the class: a plain function, not bound
