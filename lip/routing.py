"""Routing through the page tree in one query, and no query for view restrictions when the route saw none.

Wagtail's `Page.route` walks the tree one level at a time, two queries per level (the child by its slug, then its
specific row), and its `check_view_restrictions` hook asks two more (the ancestors, then their restrictions) for every
page served. Both are documented extension points of a page model (`route`, `get_view_restrictions`), so the site's
root page overrides `route` (`OneQueryRoutingMixin`) and every page type may answer `get_view_restrictions` without a
query when the route has already seen the whole chain (`RouteAwareRestrictionsMixin`):

- one query fetches every page the path can go through (the root page's ancestors and, per level, the pages with
  that depth and slug under the root), each marked whether a view restriction sits on it;
- the walk in memory follows the path as `Page.route` would and stops at the first page whose type routes by itself
  (a `RoutablePageMixin` page such as a consultation): that page's specific row is loaded (one query) and its own
  `route` gets the rest of the path, exactly as Wagtail would hand it over;
- when no page on the chain is restricted and none is an alias (an alias takes its source's restrictions; Wagtail's
  own code resolves those), the routed page remembers it and `get_view_restrictions` answers an empty queryset.

Anything unusual (a page of a type without the mixin, an alias on the way) takes Wagtail's own path.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

_UNRESTRICTED = "_lip_route_saw_no_restriction"


def _routes_by_itself(page_class) -> bool:
    """True when the page type routes sub-paths itself (RoutablePageMixin, or any other `route` override)."""
    return page_class.route not in (Page.route, OneQueryRoutingMixin.route)


class RouteAwareRestrictionsMixin:
    """`get_view_restrictions` without a query for a page the one-query route found unrestricted."""

    def get_view_restrictions(self):
        if getattr(self, _UNRESTRICTED, False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class OneQueryRoutingMixin:
    """For the site's root page: find the page of a path in two queries, however deep it lies (one for the root
    page itself)."""

    def route(self, request, path_components):
        steplen = self.steplen
        own_chain = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        wanted = Q(path__in=own_chain)
        for level, slug in enumerate(path_components, start=1):
            wanted |= Q(depth=self.depth + level, slug=slug, path__startswith=self.path)
        candidates = list(
            Page.objects.filter(wanted)
            .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .only("id", "path", "depth", "slug", "content_type", "alias_of")
        )
        chain = [page for page in candidates if page.path in own_chain]
        parent, rest = self, list(path_components)
        while rest:
            child = next(
                (
                    page
                    for page in candidates
                    if page.depth == parent.depth + 1 and page.slug == rest[0] and page.path.startswith(parent.path)
                ),
                None,
            )
            if child is None:
                raise Http404  # as Page.route: the page has no child with this slug
            parent, rest = child, rest[1:]
            chain.append(child)
            if _routes_by_itself(child.specific_class or Page):
                break  # a routable page gets the rest of the path, as Page.route would hand it over
        page = self if parent is self else parent.specific
        if not any(link.restricted or link.alias_of_id for link in chain):
            setattr(page, _UNRESTRICTED, True)
        if page is self:
            return super().route(request, rest)  # the root page itself (`rest` is empty)
        return page.route(request, rest)
