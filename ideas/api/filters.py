"""Filters of the idea competition's API. A value that does not fit (an unknown slug, a malformed date) is a 400."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from lip.api.filters import StrictBooleanFilter, slug_filter
from lip.models import District, Topic

from ..models import Application, CompetitionPage
from .serializers import CompetitionState


class ProjectFilter(django_filters.FilterSet):
    competition = slug_filter(CompetitionPage)
    year = django_filters.NumberFilter(field_name="competition__fund__year", min_value=2000, max_value=2100)
    district = slug_filter(District, "districts")
    topic = slug_filter(Topic, "topics")
    citywide = StrictBooleanFilter(field_name="districts", lookup_expr="isnull", distinct=True)

    class Meta:
        model = Application
        fields = ["competition", "year", "district", "topic", "citywide"]


def _state_q(state: str) -> Q:
    now = timezone.now()
    return {
        CompetitionState.UPCOMING: Q(submission_start__gt=now),
        CompetitionState.OPEN: Q(submission_start__lte=now, submission_end__gt=now),
        CompetitionState.CLOSED: Q(submission_end__lte=now, results_published_at__gt=now),
        CompetitionState.RESULTS_PUBLISHED: Q(results_published_at__lte=now),
    }[state]


class CompetitionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=CompetitionState.choices, method="filter_state")
    year = django_filters.NumberFilter(field_name="fund__year", min_value=2000, max_value=2100)

    class Meta:
        model = CompetitionPage
        fields = ["state", "year"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(_state_q(value))
