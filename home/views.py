from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from .forms import SearchForm
from .registry import SearchGroup, search_providers


def search(request):
    form = SearchForm(request.GET)
    query = form.query
    groups: list[SearchGroup] = []
    page_results = None
    if query:
        terms = form.page_terms
        pages = Page.objects.live().public().specific().search(terms) if terms else Page.objects.none()
        # Paginator.get_page reads any page value safely (not a number, out of range: the first or last page).
        page_results = Paginator(pages, 20).get_page(request.GET.get("page"))
        groups = [group for group in (provider(request, query) for provider in search_providers()) if group]
        groups.sort(key=lambda g: g.order)
    context = {
        "query": query,
        "form": form,
        "page_results": page_results,
        "groups": groups,
        "page_title": _("Suche"),
    }
    return render(request, "home/search.html", context)
