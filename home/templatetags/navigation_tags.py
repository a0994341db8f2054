from django import template
from wagtail.models import Site

from ..navigation import site_navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live pages below the site's root that editors marked 'show in menus' (from the cache: home.navigation)."""
    return site_navigation(context.get("request")).menu


@register.simple_tag(takes_context=True)
def site_root_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.url if site else "/"


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's contact fields (`contact`, None without site settings) and links (from the cache)."""
    return site_navigation(context.get("request"))


@register.simple_tag(takes_context=True)
def easy_language_page(context):
    """The easy-language page (title, href) or None, from the cached navigation: no query."""
    return site_navigation(context.get("request")).easy_language


@register.filter
def is_within(path: str, section_path: str) -> bool:
    """True when a page (by its tree path) lies within a menu section, the section itself included."""
    return bool(path and section_path and str(path).startswith(str(section_path)))
