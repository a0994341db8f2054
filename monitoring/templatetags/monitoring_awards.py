"""Warnings for staff before a report is released: funded projects it names whose results are not public yet."""

from django import template

from monitoring.reports import selectors

register = template.Library()


@register.simple_tag
def report_award_warnings(report) -> list[str]:
    return selectors.report_award_warnings(report)
