"""The section „Wer macht mit?“ of the statistics page: `{% load monitoring_reach %}{% reach_section %}`. A tag,
so that the statistics view needs no change to show the aggregates of `monitoring.reach`."""

from django import template

from monitoring.reach import selectors

register = template.Library()


@register.inclusion_tag("monitoring/reach/section.html")
def reach_section():
    return {"reach": selectors.reach_figures()}
