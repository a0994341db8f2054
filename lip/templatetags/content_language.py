"""Marks editorial content, which exists only in the site's content language (German), on pages in other languages.

A page in Arabic or Turkish still shows the German titles and texts the editors wrote: `{% content_lang %}` gives
their elements `lang="de" dir="ltr"`, so that screen readers pronounce them as German (WCAG 3.1.2, language of parts)
and a right-to-left page keeps their punctuation and word order. On German pages it adds nothing.
What people wrote themselves (proposals, comments) may be in any language: templates give it `dir="auto"` instead.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag
def content_lang() -> str:
    content_language = settings.LANGUAGE_CODE
    if (get_language() or content_language) == content_language:
        return ""
    direction = "rtl" if get_language_info(content_language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', content_language, direction)
