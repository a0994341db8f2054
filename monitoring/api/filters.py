"""Filters of monitoring's API. A value that does not fit (an unknown slug, a malformed date) is a 400."""

import django_filters

from lip.api.filters import StrictBooleanFilter, range_filters, slug_filter
from lip.models import District, Topic

from ..models import Indicator, IndicatorValue, Measure, MeasureState, Report


class MeasureFilter(django_filters.FilterSet):
    topic = slug_filter(Topic)
    district = slug_filter(District, "districts")
    state = django_filters.ChoiceFilter(choices=MeasureState.choices)
    parent = slug_filter(Measure)
    top_level = StrictBooleanFilter(field_name="parent", lookup_expr="isnull")
    proposal = django_filters.CharFilter(field_name="proposals__reference", max_length=20, distinct=True)
    project = django_filters.CharFilter(field_name="projects__reference", max_length=20, distinct=True)

    class Meta:
        model = Measure
        fields = ["topic", "district", "state", "parent", "top_level", "proposal", "project"]


class IndicatorFilter(django_filters.FilterSet):
    measure = slug_filter(Measure)
    topic = slug_filter(Topic)

    class Meta:
        model = Indicator
        fields = ["measure", "topic"]


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = django_filters.NumberFilter(field_name="indicator_id", min_value=1)
    measure = slug_filter(Measure, "indicator__measure")
    date_after, date_before = range_filters("date", upper="lte", filter_class=django_filters.DateFilter)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "measure", "date_after", "date_before"]


class ReportFilter(django_filters.FilterSet):
    period_after = django_filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_before = django_filters.DateFilter(field_name="period_start", lookup_expr="lte")
    released_after = django_filters.IsoDateTimeFilter(field_name="released_at", lookup_expr="gte")

    class Meta:
        model = Report
        fields = ["period_after", "period_before", "released_after"]
