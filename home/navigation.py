"""The site's navigation (main menu, footer contact and links) from the cache: no query on a page view.

Every public page shows the same menu and footer, which change only when an editor publishes, moves or deletes a page
or edits the site settings. `site_navigation(request)` reads them once per site from Django's cache (Redis in
production); the receivers below drop the cached copy whenever a page, a site, the site settings or a footer link is
saved or deleted, and when a page moves. `CACHE_SECONDS` bounds how long a process-local cache (no Redis) can lag
behind a change made in another process.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

CACHE_SECONDS = 5 * 60
_REQUEST_ATTRIBUTE = "_lip_site_navigation"


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    path: str  # the page's tree path: `is_within` marks the menu section of the current page


@dataclass(frozen=True)
class FooterItem:
    title: str
    href: str


@dataclass(frozen=True)
class Navigation:
    menu: tuple[MenuItem, ...] = ()
    contact: dict | None = None  # the contact fields of the site settings, None when there are none
    footer_links: tuple[FooterItem, ...] = ()
    easy_language: FooterItem | None = None  # the first footer link to a page "in Leichter Sprache"


CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_address", "accessibility_feedback_email")


CACHE_KEY = "lip:navigation"  # {site id: Navigation}: one key to drop, whatever the number of sites


def _is_easy_language(link) -> bool:
    page = link.page
    standard_page = getattr(page, "standardpage", None) if page is not None else None
    return bool(standard_page and standard_page.easy_language and page.live)


def _build(request, site: Site) -> Navigation:
    from .models import SiteSettings

    pages = site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    menu = tuple(MenuItem(page.title, page.get_url(request) or "", page.path) for page in pages)
    settings = SiteSettings.objects.filter(site=site).first()  # no row is made on a read (for_site would make one)
    if settings is None:
        return Navigation(menu=menu)
    rows = list(settings.footer_links.select_related("page", "page__standardpage").order_by("sort_order"))
    links = tuple(FooterItem(link.title, link.href or "") for link in rows)
    # The easy-language page as linked in the footer (a text page marked "in Leichter Sprache"), for a link near the
    # top of consultation and competition pages: found in the same query.
    easy = next((link for link in rows if _is_easy_language(link)), None)
    easy_language = FooterItem(easy.title, easy.href or "") if easy is not None else None
    return Navigation(menu, {name: getattr(settings, name) for name in CONTACT_FIELDS}, links, easy_language)


def site_navigation(request) -> Navigation:
    """The navigation of the request's site: from the request, else from the cache, else built (three queries)."""
    if request is None:
        return Navigation()
    navigation = getattr(request, _REQUEST_ATTRIBUTE, None)
    if navigation is None:
        site = Site.find_for_request(request)
        if site is None:
            navigation = Navigation()
        else:
            by_site = cache.get(CACHE_KEY) or {}
            navigation = by_site.get(site.pk)
            if navigation is None:
                navigation = _build(request, site)
                cache.set(CACHE_KEY, {**by_site, site.pk: navigation}, CACHE_SECONDS)
        setattr(request, _REQUEST_ATTRIBUTE, navigation)
    return navigation


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def _forget_on_change(sender, instance, **kwargs) -> None:
    from .models import FooterLink, SiteSettings

    if isinstance(instance, Page | Site | SiteSettings | FooterLink):
        forget()


def connect_receivers() -> None:
    post_save.connect(_forget_on_change, dispatch_uid="home.navigation.save")
    post_delete.connect(_forget_on_change, dispatch_uid="home.navigation.delete")
    post_page_move.connect(forget, dispatch_uid="home.navigation.move")
