"""`{% topic_icon topic %}`: the field of action's own line icon, from the sprite lip/static/lip/img/topics.svg.

The icon is decorative (the topic's name always stands next to it): hidden from screen readers, not focusable. It is
drawn in the text colour through `<use>`, which refers to the same-origin static file (the Content-Security-Policy
allows it: img-src and default-src 'self'), so that a list of twenty proposals carries twenty short tags, not twenty
copies of the drawing, and reading it costs no query (the topic comes with the cached reference data).
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from lip.models import TopicIcon

register = template.Library()

SPRITE = "lip/img/topics.svg"
_ICONS = frozenset(TopicIcon.values)


def icon_href(icon: str) -> str:
    """The address of the icon's symbol; an unknown or empty name gives the generic icon."""
    return f"{static(SPRITE)}#topic-{icon if icon in _ICONS else TopicIcon.GENERIC}"


@register.simple_tag
def topic_icon(topic, css_class: str = "topic-icon") -> str:
    return format_html(
        '<svg class="{}" width="24" height="24" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        css_class,
        icon_href(getattr(topic, "icon", "") or ""),
    )
