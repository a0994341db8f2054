from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live pages below the site's root that editors marked 'show in menus' (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth"))


@register.simple_tag(takes_context=True)
def site_root_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.url if site else "/"


@register.simple_tag
def footer_links(site_settings):
    """The footer links of the site settings with their pages (one query, however many links)."""
    if site_settings is None or site_settings.pk is None:
        return []
    return list(site_settings.footer_links.select_related("page").order_by("sort_order"))


@register.filter
def is_within(path: str, section_path: str) -> bool:
    """True when a page (by its tree path) lies within a menu section, the section itself included."""
    return bool(path and section_path and str(path).startswith(str(section_path)))
