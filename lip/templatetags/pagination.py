from django import template

register = template.Library()


@register.simple_tag
def elided_pages(page_obj, on_each_side: int = 2, on_ends: int = 1):
    """The page numbers around the current page, the first and the last, with `Paginator.ELLIPSIS` for the gaps:
    a handful of items however many pages there are (Django's Paginator.get_elided_page_range)."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))
