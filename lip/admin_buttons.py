"""Buttons of the Wagtail admin that lead to one of an object's own views, named by URL name and primary key.

Shared by the apps' admin views: `object_button` for a view's header, `object_action` for a listing row's "more" menu.

    buttons.append(object_button(_("Jetzt erstellen"), "monitoring-schedules:issue", self.object.pk, "doc-full"))
"""

from django.urls import reverse
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets import HeaderButton


def object_button(label, url_name: str, pk: int, icon_name: str) -> HeaderButton:
    """A button in a view's header that leads to the view `url_name` of the object with primary key `pk`."""
    return HeaderButton(label, url=reverse(url_name, args=[pk]), icon_name=icon_name)


def object_action(label, url_name: str, pk: int, icon_name: str, priority: int) -> MenuItem:
    """An entry of a listing row's "more" menu that leads to one of the object's own views (`url_name` with its pk)."""
    return MenuItem(label, url=reverse(url_name, args=[pk]), icon_name=icon_name, priority=priority)
