"""What the idea competition adds to the home page (see home/registry.py): the competitions one can still apply to."""

from home.registry import HomeSection

from . import page_cache
from .competitions.selectors import upcoming_and_open_competitions


def competitions(request) -> HomeSection | None:
    pages = upcoming_and_open_competitions()
    page_cache.competition_cards(request, pages)
    if not pages:
        return None
    return HomeSection(template="ideas/includes/home_competitions.html", context={"competitions": pages}, order=20)
