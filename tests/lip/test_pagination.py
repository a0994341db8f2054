"""The pagination component (templates/components/pagination.html): Django's elided page range, so that a list of
490 pages shows a handful of links, accessible and keeping the other query parameters."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(number: int, *, pages: int = 490, query: str = "") -> str:
    request = RequestFactory().get(f"/liste/?{query}page={number}")
    page_obj = Paginator(range(pages * 20), 20).get_page(number)
    return render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)


def links(html: str) -> list[str]:
    return re.findall(r'<a href="\?[^"]*page=(\d+)"', html)


def test_a_middle_page_links_its_neighbours_the_ends_and_elides_the_rest():
    html = render(245)

    assert links(html) == ["244", "1", "243", "244", "246", "247", "490", "246"]  # back, numbers, next
    assert html.count("…") == 2
    assert '<span aria-current="page"><span class="visually-hidden">Seite </span>245</span>' in html


def test_the_gap_is_no_link_and_hidden_from_screen_readers():
    html = render(245)

    gaps = re.findall(r"<li[^>]*>…</li>", html)
    assert gaps == ['<li class="pagination__gap" aria-hidden="true">…</li>'] * 2


def test_the_first_page_has_no_back_link_and_the_last_no_next_link():
    first, last = render(1), render(490)

    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert "Zurück</a>" in last and "Weiter</a>" in first


def test_the_navigation_is_labelled_and_keeps_the_filters():
    html = render(3, query="channel=online&")

    assert '<nav aria-label="Seitennavigation">' in html
    assert 'href="?channel=online&amp;page=4"' in html


@pytest.mark.parametrize("pages", [2, 5, 6])
def test_a_short_list_shows_every_page_without_gaps(pages):
    html = render(1, pages=pages)

    assert "…" not in html
    assert sorted(set(links(html)), key=int) == [str(n) for n in range(2, pages + 1)]


def test_a_single_page_shows_no_navigation():
    assert render(1, pages=1).strip() == ""
