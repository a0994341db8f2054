from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from .registry import SearchGroup, search_providers

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    groups: list[SearchGroup] = []
    page_results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        page_results = Paginator(pages, 20).get_page(request.GET.get("page"))
        groups = [group for group in (provider(request, query) for provider in search_providers()) if group]
        groups.sort(key=lambda g: g.order)
    context = {
        "query": query,
        "page_results": page_results,
        "groups": groups,
        "page_title": _("Suche"),
    }
    return render(request, "home/search.html", context)
